/**
 * Iceberg types, exactly as the table spec writes them in metadata JSON
 * (https://iceberg.apache.org/spec/#schemas-and-data-types), plus an "unbound" form
 * without field ids that configuration produces and `bindSchema` turns into a `Schema`.
 *
 * Runtime value representation of a conformed row (what `schema/conform` produces and
 * `lake/parquet` writes), per Iceberg type:
 *   boolean → boolean; int → number; long → number (bigint when outside ±2^53);
 *   float, double → number; decimal(P,S) → string (canonical decimal text);
 *   date → number (days since 1970-01-01); time → number (microseconds since midnight);
 *   timestamp, timestamptz → number (microseconds since the epoch, UTC, integral);
 *   string → string; uuid → string (lower-case canonical); binary, fixed[L] → Uint8Array;
 *   struct → plain object keyed by field name (missing key = null);
 *   list → array; map → Map<key, value>; null → null.
 */

export type PrimitiveTypeName =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'string'
  | 'uuid'
  | 'binary';

/** `decimal(P, S)` and `fixed[L]` are parameterised primitives. */
export type PrimitiveType = PrimitiveTypeName | `decimal(${number}, ${number})` | `fixed[${number}]`;

export interface NestedField {
  id: number;
  name: string;
  required: boolean;
  type: IcebergType;
  doc?: string;
}

export interface StructType {
  type: 'struct';
  fields: NestedField[];
}

export interface ListType {
  type: 'list';
  'element-id': number;
  element: IcebergType;
  'element-required': boolean;
}

export interface MapType {
  type: 'map';
  'key-id': number;
  key: IcebergType;
  'value-id': number;
  value: IcebergType;
  'value-required': boolean;
}

export type IcebergType = PrimitiveType | StructType | ListType | MapType;

export interface Schema {
  type: 'struct';
  'schema-id': number;
  'identifier-field-ids'?: number[];
  fields: NestedField[];
}

/* ----------------------------- unbound (no ids) ----------------------------- */

export interface UnboundField {
  name: string;
  type: UnboundType;
  /** Defaults to false: log data is sparse, so everything but `ts` is optional. */
  required?: boolean;
  doc?: string;
}

export interface UnboundStruct {
  type: 'struct';
  fields: UnboundField[];
}

export interface UnboundList {
  type: 'list';
  element: UnboundType;
  elementRequired?: boolean;
}

export interface UnboundMap {
  type: 'map';
  key: UnboundType;
  value: UnboundType;
  valueRequired?: boolean;
}

export type UnboundType = PrimitiveType | UnboundStruct | UnboundList | UnboundMap;

/* ------------------------------ partitioning ------------------------------ */

/** Partition transforms from the spec. `bucket[N]` and `truncate[W]` carry a parameter. */
export type Transform =
  | 'identity'
  | 'year'
  | 'month'
  | 'day'
  | 'hour'
  | 'void'
  | `bucket[${number}]`
  | `truncate[${number}]`;

export interface PartitionField {
  'source-id': number;
  'field-id': number;
  name: string;
  transform: Transform;
}

export interface PartitionSpec {
  'spec-id': number;
  fields: PartitionField[];
}

/** A partition field as configuration names it, before ids are bound: `hour(ts)`. */
export interface UnboundPartitionField {
  /** Dotted path of the source column, e.g. `ts` or `event.dataset`. */
  source: string;
  transform: Transform;
  /** Defaults to `<source>_<transform>` (e.g. `ts_hour`), or `<source>` for identity. */
  name?: string;
}

export function isPrimitive(type: IcebergType | UnboundType): type is PrimitiveType {
  return typeof type === 'string';
}
