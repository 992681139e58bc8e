/**
 * Schema binding: unbound fields (from configuration) → a `Schema` with field ids.
 *
 * Fresh ids are assigned deterministically, breadth-first per struct: all fields of a struct
 * get ids in order, then their children (list element, map key then value, struct fields).
 * When evolving, fields matched by name path keep their ids, new fields get ids above
 * last-column-id, removed fields are kept (data is never dropped), and only the spec's type
 * promotions are allowed (int→long, float→double, decimal precision widening).
 */
import { SchemaEvolutionError } from '../errors.js';
import {
  isPrimitive,
  type IcebergType,
  type NestedField,
  type PrimitiveType,
  type Schema,
  type UnboundField,
  type UnboundType,
} from './types.js';

export interface BoundSchema {
  schema: Schema;
  lastColumnId: number;
}

class IdAllocator {
  constructor(public last: number) {}
  next(): number {
    return ++this.last;
  }
}

export function bindSchema(
  unbound: UnboundField[],
  previous?: { schema: Schema; lastColumnId: number },
): BoundSchema {
  const ids = new IdAllocator(previous?.lastColumnId ?? 0);
  const fields = bindStruct(unbound, previous?.schema.fields, ids, '', previous !== undefined);
  if (previous && fieldsEqual(fields, previous.schema.fields)) {
    return { schema: previous.schema, lastColumnId: previous.lastColumnId };
  }
  const schema: Schema = {
    type: 'struct',
    'schema-id': previous ? previous.schema['schema-id'] + 1 : 0,
    fields,
  };
  if (previous?.schema['identifier-field-ids'])
    schema['identifier-field-ids'] = previous.schema['identifier-field-ids'];
  return { schema, lastColumnId: ids.last };
}

function bindStruct(
  unbound: UnboundField[],
  prev: NestedField[] | undefined,
  ids: IdAllocator,
  parentPath: string,
  evolving: boolean,
): NestedField[] {
  const seen = new Set<string>();
  // First pass: ids for this struct's own fields (breadth-first), then children.
  const slots = unbound.map((u) => {
    const path = parentPath ? `${parentPath}.${u.name}` : u.name;
    if (seen.has(u.name)) throw new SchemaEvolutionError(path, 'duplicate field name');
    seen.add(u.name);
    const old = prev?.find((f) => f.name === u.name);
    const required = u.required ?? false;
    if (old) {
      if (required && !old.required)
        throw new SchemaEvolutionError(path, 'an optional field cannot become required');
      return { u, path, old, id: old.id, required };
    }
    if (evolving && required)
      throw new SchemaEvolutionError(path, 'a new field added to an existing table must be optional');
    return { u, path, old: undefined, id: ids.next(), required };
  });
  const out: NestedField[] = slots.map(({ u, path, old, id, required }) => {
    const f: NestedField = {
      id,
      name: u.name,
      required,
      type: bindType(u.type, old?.type, ids, path, evolving),
    };
    const doc = u.doc ?? old?.doc;
    if (doc !== undefined) f.doc = doc;
    return f;
  });
  // Fields that configuration no longer lists stay in the table schema.
  for (const f of prev ?? []) if (!seen.has(f.name)) out.push(f);
  return out;
}

function bindType(
  u: UnboundType,
  prev: IcebergType | undefined,
  ids: IdAllocator,
  path: string,
  evolving: boolean,
): IcebergType {
  if (isPrimitive(u)) {
    if (prev === undefined) return u;
    if (!isPrimitive(prev)) throw new SchemaEvolutionError(path, `cannot change ${kindOf(prev)} to ${u}`);
    if (!canPromote(prev, u)) throw new SchemaEvolutionError(path, `cannot change type ${prev} to ${u}`);
    return u;
  }
  if (prev !== undefined && (isPrimitive(prev) || prev.type !== u.type)) {
    throw new SchemaEvolutionError(path, `cannot change ${kindOf(prev)} to ${u.type}`);
  }
  switch (u.type) {
    case 'struct': {
      const p = prev as Extract<IcebergType, { type: 'struct' }> | undefined;
      return { type: 'struct', fields: bindStruct(u.fields, p?.fields, ids, path, evolving) };
    }
    case 'list': {
      const p = prev as Extract<IcebergType, { type: 'list' }> | undefined;
      const elementId = p ? p['element-id'] : ids.next();
      const required = u.elementRequired ?? false;
      if (p && required && !p['element-required'])
        throw new SchemaEvolutionError(`${path}.element`, 'an optional element cannot become required');
      return {
        type: 'list',
        'element-id': elementId,
        element: bindType(u.element, p?.element, ids, `${path}.element`, evolving),
        'element-required': required,
      };
    }
    case 'map': {
      const p = prev as Extract<IcebergType, { type: 'map' }> | undefined;
      const keyId = p ? p['key-id'] : ids.next();
      const valueId = p ? p['value-id'] : ids.next();
      const required = u.valueRequired ?? false;
      if (p && required && !p['value-required'])
        throw new SchemaEvolutionError(`${path}.value`, 'an optional value cannot become required');
      if (
        p &&
        JSON.stringify(p.key) !==
          JSON.stringify(bindType(u.key, p.key, new IdAllocator(0), `${path}.key`, evolving))
      ) {
        throw new SchemaEvolutionError(`${path}.key`, 'map keys cannot change');
      }
      return {
        type: 'map',
        'key-id': keyId,
        key: bindType(u.key, p?.key, ids, `${path}.key`, evolving),
        'value-id': valueId,
        value: bindType(u.value, p?.value, ids, `${path}.value`, evolving),
        'value-required': required,
      };
    }
  }
}

function kindOf(t: IcebergType): string {
  return isPrimitive(t) ? t : t.type;
}

const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/;

/** The spec's allowed primitive promotions (v2). */
export function canPromote(from: PrimitiveType, to: PrimitiveType): boolean {
  if (from === to) return true;
  if (from === 'int' && to === 'long') return true;
  if (from === 'float' && to === 'double') return true;
  const a = DECIMAL.exec(from);
  const b = DECIMAL.exec(to);
  if (a && b) return a[2] === b[2] && Number(b[1]) >= Number(a[1]);
  return false;
}

function fieldsEqual(a: NestedField[], b: NestedField[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field lookup by dotted name path through structs only (`event.dataset`). */
export function findFieldByPath(schema: Schema, path: string): NestedField | undefined {
  let fields: NestedField[] | undefined = schema.fields;
  let found: NestedField | undefined;
  for (const part of path.split('.')) {
    found = fields?.find((f) => f.name === part);
    if (!found) return undefined;
    fields = !isPrimitive(found.type) && found.type.type === 'struct' ? found.type.fields : undefined;
  }
  return found;
}

export interface IndexedField {
  id: number;
  /** Dotted path of names (list element = `element`, map key/value = `key`/`value`). */
  path: string;
  type: IcebergType;
  /** True when the field sits under a list or map (repeated): no bounds. */
  repeated: boolean;
}

/** Every field id in the schema (nested included). */
export function indexById(schema: { fields: NestedField[] }): Map<number, IndexedField> {
  const out = new Map<number, IndexedField>();
  const visit = (id: number, path: string, type: IcebergType, repeated: boolean) => {
    out.set(id, { id, path, type, repeated });
    if (isPrimitive(type)) return;
    if (type.type === 'struct')
      for (const f of type.fields) visit(f.id, `${path}.${f.name}`, f.type, repeated);
    else if (type.type === 'list') visit(type['element-id'], `${path}.element`, type.element, true);
    else {
      visit(type['key-id'], `${path}.key`, type.key, true);
      visit(type['value-id'], `${path}.value`, type.value, true);
    }
  };
  for (const f of schema.fields) visit(f.id, f.name, f.type, false);
  return out;
}

/** Highest field id used in a schema. */
export function maxFieldId(schema: { fields: NestedField[] }): number {
  let max = 0;
  for (const id of indexById(schema).keys()) max = Math.max(max, id);
  return max;
}
