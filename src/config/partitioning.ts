import type { Transform, UnboundField, UnboundPartitionField, UnboundType } from '../lake/iceberg/types.js';
import { PARTITION_STRING_RE, type PartitioningFile } from './schemas.js';

export const DEFAULT_PARTITIONING: UnboundPartitionField[] = [{ source: 'ts', transform: 'hour' }];

/** `hour(ts)` / `bucket(16, user.id)` / `col` → partition field (the string is already validated). */
export function parsePartitionString(text: string): UnboundPartitionField {
  const m = PARTITION_STRING_RE.exec(text)!;
  if (m[1]) return { source: m[2]!, transform: m[1] as Transform };
  if (m[3]) return { source: m[5]!, transform: `${m[3]}[${Number(m[4])}]` as Transform };
  return { source: m[6]!, transform: 'identity' };
}

/** Validated `partitioning` → unbound partition fields (`@timestamp` is `ts`). */
export function resolvePartitioning(value: PartitioningFile | undefined): UnboundPartitionField[] {
  if (value === undefined) return DEFAULT_PARTITIONING.map((p) => ({ ...p }));
  const items = typeof value === 'string' ? [value] : value;
  return items.map((item) => {
    const field: UnboundPartitionField =
      typeof item === 'string'
        ? parsePartitionString(item)
        : { source: item.source, transform: item.transform as Transform };
    if (typeof item !== 'string' && item.name !== undefined) field.name = item.name;
    if (field.source === '@timestamp') field.source = 'ts';
    return field;
  });
}

/** The type of the column at a dotted path, if it is a top-level or struct-nested column. */
export function columnType(fields: UnboundField[], path: string): UnboundType | undefined {
  let current: UnboundField[] | undefined = fields;
  let type: UnboundType | undefined;
  for (const part of path.split('.')) {
    const f: UnboundField | undefined = current?.find((x) => x.name === part);
    if (!f) return undefined;
    type = f.type;
    current = typeof f.type === 'object' && f.type.type === 'struct' ? f.type.fields : undefined;
  }
  return type;
}

const TIME_TRANSFORMS = new Set(['year', 'month', 'day', 'hour']);

/** Why `field` cannot partition a table with these columns, or undefined if it can. */
export function partitionProblem(fields: UnboundField[], field: UnboundPartitionField): string | undefined {
  const type = columnType(fields, field.source);
  if (type === undefined) return `partition source \`${field.source}\` is not a column of the table`;
  if (typeof type !== 'string') return `partition source \`${field.source}\` is not a primitive column`;
  if (TIME_TRANSFORMS.has(field.transform) && !['date', 'timestamp', 'timestamptz'].includes(type)) {
    return `${field.transform}() needs a date or timestamp column; \`${field.source}\` is ${type}`;
  }
  if (field.transform === 'hour' && type === 'date')
    return `hour() needs a timestamp column; \`${field.source}\` is a date`;
  return undefined;
}
