/**
 * Builds a table's unbound Iceberg schema from Matano-style `schema.ecs_field_names` (ECS fields
 * or whole field sets) plus custom `schema.fields`.
 *
 * Rules:
 * - `dns` selects every ECS field under `dns.`; `source.ip` selects one field; any dotted prefix
 *   that groups fields (`source.geo`) selects its fields. Dotted names become nested structs.
 *   Parents keep their ECS shape: selecting `dns.answers.name` yields
 *   `dns: struct<answers: list<struct<name>>>` because `dns.answers` is an array of objects.
 * - `ts` (timestamptz, required) is always first; `@timestamp` and `ts` in the list are the same.
 *   `labels` (map<string,string>) and `tags` (list<string>) are always present (Matano's defaults).
 * - Custom fields are merged over ECS ones: same name → the custom field wins, except that two
 *   structs (or two lists of structs) merge field by field, recursively.
 * - Order is deterministic: `ts`, then ECS names in the order given (fields of a set in catalog
 *   order), then new custom fields in their order, then `labels`/`tags` if not already present.
 */
import type { UnboundField, UnboundStruct, UnboundType } from '../../lake/iceberg/types.js';
import { ecsCatalog, geoPointParent, suggestEcsNames } from '../ecs/catalog.js';
import { EcsFieldError, SchemaBuildError, type UnknownEcsName } from '../ecs/errors.js';
import { ecsTypeToIceberg, type EcsField } from '../ecs/types.js';

export interface BuildTableSchemaInput {
  /** Whole field sets (`dns`) or fields (`source.ip`). */
  ecsFieldNames: string[];
  /** Custom Iceberg fields (Matano `schema.fields`), merged over the ECS ones. */
  fields: UnboundField[];
}

interface Node {
  ecs?: EcsField;
  children: Map<string, Node>;
}

const TS_FIELD: UnboundField = { name: 'ts', type: 'timestamptz', required: true };
const DEFAULT_FIELDS: UnboundField[] = [
  { name: 'labels', type: { type: 'map', key: 'string', value: 'string' } },
  { name: 'tags', type: { type: 'list', element: 'string' } },
];

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The ECS fields an `ecs_field_names` list selects, in order; throws EcsFieldError for unknown names. */
export function selectEcsFields(names: string[]): EcsField[] {
  const { byName, groups } = ecsCatalog();
  const selected = new Map<string, EcsField>();
  const unknown: UnknownEcsName[] = [];
  names.forEach((raw, index) => {
    const name = raw.trim();
    if (name === 'ts' || name === '@timestamp') return;
    const field = byName.get(name) ?? geoPointParent(name);
    const group = groups.get(name);
    if (!field && !group) {
      unknown.push({ name: raw, index, suggestions: suggestEcsNames(name) });
      return;
    }
    if (field) selected.set(field.name, field);
    for (const member of group ?? []) if (member.name !== '@timestamp') selected.set(member.name, member);
  });
  if (unknown.length > 0) throw new EcsFieldError(unknown);
  return [...selected.values()];
}

function ecsTree(fields: EcsField[]): Node {
  const { byName } = ecsCatalog();
  const root: Node = { children: new Map() };
  for (const field of fields) {
    const parts = field.name.split('.');
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map() };
        const ecs = byName.get(parts.slice(0, i + 1).join('.'));
        if (ecs) child.ecs = ecs;
        node.children.set(part, child);
      }
      node = child;
    }
  }
  return root;
}

function nodeToFields(node: Node): UnboundField[] {
  const out: UnboundField[] = [];
  for (const [name, child] of node.children) {
    if (child.children.size > 0) {
      const subFields = nodeToFields(child);
      const type: UnboundType = child.ecs
        ? ecsTypeToIceberg(child.ecs.type, {
            isArray: child.ecs.isArray,
            subFields,
            ...(child.ecs.objectType ? { objectType: child.ecs.objectType } : {}),
          })
        : { type: 'struct', fields: subFields };
      out.push({ name, type });
    } else if (child.ecs) {
      out.push({
        name,
        type: ecsTypeToIceberg(child.ecs.type, {
          isArray: child.ecs.isArray,
          ...(child.ecs.objectType ? { objectType: child.ecs.objectType } : {}),
        }),
      });
    }
  }
  return out;
}

function structOf(type: UnboundType): UnboundStruct | undefined {
  if (typeof type === 'object' && type.type === 'struct') return type;
  return undefined;
}

function listStructOf(type: UnboundType): UnboundStruct | undefined {
  if (typeof type === 'object' && type.type === 'list') return structOf(type.element);
  return undefined;
}

/**
 * Merges `overlay` over `base` (both left untouched): a field of `overlay` replaces the `base`
 * field of the same name, except that two structs, or two lists of structs, merge recursively.
 * Fields keep `base`'s order; new `overlay` fields are appended in their order.
 */
export function mergeUnboundFields(base: UnboundField[], overlay: UnboundField[]): UnboundField[] {
  const out = base.map((f) => clone(f));
  for (const field of overlay) {
    const index = out.findIndex((f) => f.name === field.name);
    if (index === -1) {
      out.push(clone(field));
      continue;
    }
    const existing = out[index]!;
    const a = structOf(existing.type);
    const b = structOf(field.type);
    const la = listStructOf(existing.type);
    const lb = listStructOf(field.type);
    let merged: UnboundField;
    if (a && b) {
      merged = { ...clone(field), type: { type: 'struct', fields: mergeUnboundFields(a.fields, b.fields) } };
    } else if (la && lb && typeof field.type === 'object' && field.type.type === 'list') {
      merged = {
        ...clone(field),
        type: {
          ...clone(field.type),
          element: { type: 'struct', fields: mergeUnboundFields(la.fields, lb.fields) },
        },
      };
    } else {
      merged = clone(field);
    }
    if (merged.doc === undefined && existing.doc !== undefined) merged.doc = existing.doc;
    out[index] = merged;
  }
  return out;
}

/**
 * The unbound Iceberg schema of a table: ECS fields (`ecsFieldNames`) with custom `fields`
 * merged over them; always contains `ts` (timestamptz, required) first, `labels`
 * (map<string,string>) and `tags` (list<string>). Throws `EcsFieldError` listing every unknown
 * ECS name with the nearest valid names, and `SchemaBuildError` for an unusable custom `ts`.
 */
export function buildTableSchema(input: BuildTableSchemaInput): UnboundField[] {
  const ecsFields = nodeToFields(ecsTree(selectEcsFields(input.ecsFieldNames)));
  const merged = mergeUnboundFields(ecsFields, input.fields);

  const customTs = merged.find((f) => f.name === 'ts');
  if (customTs && customTs.type !== 'timestamptz' && customTs.type !== 'timestamp') {
    throw new SchemaBuildError(
      'ts',
      `must be a timestamp (Lakewatch stores it as timestamptz), got ${describeType(customTs.type)}`,
    );
  }
  const ts: UnboundField = { ...TS_FIELD };
  if (customTs?.doc !== undefined) ts.doc = customTs.doc;

  const rest = merged.filter((f) => f.name !== 'ts');
  for (const def of DEFAULT_FIELDS) {
    if (!rest.some((f) => f.name === def.name)) rest.push(clone(def));
  }
  return [ts, ...rest];
}

/** Short text form of a type, e.g. `list<struct<…>>`. */
export function describeType(type: UnboundType): string {
  if (typeof type === 'string') return type;
  switch (type.type) {
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}: ${describeType(f.type)}`).join(', ')}>`;
    case 'list':
      return `list<${describeType(type.element)}>`;
    case 'map':
      return `map<${describeType(type.key)}, ${describeType(type.value)}>`;
  }
}
