/**
 * Partition spec binding: `hour(ts)` as configuration writes it → a `PartitionSpec` with source
 * ids and partition field ids (from 1000, reused when the same source+transform existed before).
 */
import { SchemaEvolutionError } from '../errors.js';
import { findFieldByPath } from './schema.js';
import { checkTransform, humanString, parseTransform, resultType } from './transforms.js';
import {
  isPrimitive,
  type PartitionField,
  type PartitionSpec,
  type PrimitiveType,
  type Schema,
  type UnboundPartitionField,
} from './types.js';

export const PARTITION_DATA_ID_START = 1000;

export function defaultPartitionName(source: string, transform: string): string {
  const { kind, param } = parseTransform(transform);
  const base = source.replace(/\./g, '_');
  if (kind === 'identity') return base;
  return param !== undefined ? `${base}_${kind}_${param}` : `${base}_${kind}`;
}

export function bindPartitionSpec(
  unbound: UnboundPartitionField[],
  schema: Schema,
  previous?: { specs: PartitionSpec[]; lastPartitionId: number },
): { spec: PartitionSpec; lastPartitionId: number } {
  let last = previous?.lastPartitionId ?? PARTITION_DATA_ID_START - 1;
  const names = new Set<string>();
  const fields: PartitionField[] = unbound.map((u) => {
    const src = findFieldByPath(schema, u.source);
    if (!src) throw new SchemaEvolutionError(u.source, `partition source column not found in the schema`);
    if (!isPrimitive(src.type))
      throw new SchemaEvolutionError(u.source, `cannot partition by a ${src.type.type}`);
    const problem = checkTransform(u.transform, src.type);
    if (problem) throw new SchemaEvolutionError(u.source, problem);
    const name = u.name ?? defaultPartitionName(u.source, u.transform);
    if (names.has(name)) throw new SchemaEvolutionError(u.source, `duplicate partition field name '${name}'`);
    names.add(name);
    const reuse = previous?.specs
      .flatMap((s) => s.fields)
      .find((f) => f['source-id'] === src.id && f.transform === u.transform);
    const fieldId = reuse ? reuse['field-id'] : ++last;
    return { 'source-id': src.id, 'field-id': fieldId, name, transform: u.transform };
  });
  const same = previous?.specs.find((s) => JSON.stringify(s.fields) === JSON.stringify(fields));
  if (same) return { spec: same, lastPartitionId: previous!.lastPartitionId };
  const specId =
    previous && previous.specs.length ? Math.max(...previous.specs.map((s) => s['spec-id'])) + 1 : 0;
  return {
    spec: { 'spec-id': specId, fields },
    lastPartitionId: Math.max(last, previous?.lastPartitionId ?? last),
  };
}

export interface BoundPartitionField {
  field: PartitionField;
  sourceType: PrimitiveType;
  resultType: PrimitiveType;
}

/** Partition fields with their source and result types (source looked up by id in `schema`). */
export function partitionFieldTypes(spec: PartitionSpec, schema: Schema): BoundPartitionField[] {
  const byId = new Map<number, PrimitiveType>();
  const visit = (fields: Schema['fields']) => {
    for (const f of fields) {
      if (isPrimitive(f.type)) byId.set(f.id, f.type);
      else if (f.type.type === 'struct') visit(f.type.fields);
    }
  };
  visit(schema.fields);
  return spec.fields.map((field) => {
    const sourceType = byId.get(field['source-id']);
    if (!sourceType) throw new Error(`partition source id ${field['source-id']} not in schema`);
    return { field, sourceType, resultType: resultType(field.transform, sourceType) };
  });
}

/** `ts_hour=2024-01-01-10/region=eu` (values URL-encoded); '' for an unpartitioned spec. */
export function partitionPath(fields: BoundPartitionField[], values: unknown[]): string {
  return fields
    .map(
      (f, i) =>
        `${f.field.name}=${encodeURIComponent(humanString(f.field.transform, f.resultType, values[i]))}`,
    )
    .join('/');
}

/**
 * Parses a partition expression as users write it: `hour(ts)`, `day(ts)`, `identity(event.dataset)`
 * or a bare column, `bucket[16](user.name)` / `bucket(16, user.name)`, `truncate[4](x)` / `truncate(4, x)`, `void(x)`.
 */
export function parsePartitionExpression(expr: string): UnboundPartitionField {
  const text = expr.trim();
  const bare = /^[A-Za-z_@][\w.@-]*$/;
  if (bare.test(text)) return { source: text, transform: 'identity' };
  let m = /^(identity|year|month|day|hour|void|years|months|days|hours)\(\s*([^,()\s]+)\s*\)$/.exec(text);
  if (m) {
    const t = m[1]!.replace(/s$/, '') as 'identity' | 'year' | 'month' | 'day' | 'hour' | 'void';
    return { source: m[2]!, transform: t };
  }
  m =
    /^(bucket|truncate)\[(\d+)\]\(\s*([^,()\s]+)\s*\)$/.exec(text) ??
    /^(bucket|truncate)\(\s*(\d+)\s*,\s*([^,()\s]+)\s*\)$/.exec(text);
  if (m) return { source: m[3]!, transform: `${m[1]}[${Number(m[2])}]` as `bucket[${number}]` };
  throw new SchemaEvolutionError(
    expr,
    `cannot parse partition expression (expected e.g. hour(ts), identity(col), bucket[16](col), truncate[4](col))`,
  );
}
