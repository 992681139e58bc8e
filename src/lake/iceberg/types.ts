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
  'identity' | 'year' | 'month' | 'day' | 'hour' | 'void' | `bucket[${number}]` | `truncate[${number}]`;

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

/* ------------------------------ table metadata ------------------------------ */
// Snapshot ids and sequence numbers exceed 2^53, so they are kept as decimal strings in
// TypeScript and written as JSON numbers by `iceberg/json.ts` (bigint-safe serializer).

export interface SortOrder {
  'order-id': number;
  fields: {
    transform: Transform;
    'source-id': number;
    direction: 'asc' | 'desc';
    'null-order': 'nulls-first' | 'nulls-last';
  }[];
}

export interface Snapshot {
  'snapshot-id': string;
  'parent-snapshot-id'?: string;
  'sequence-number': string;
  'timestamp-ms': number;
  'manifest-list': string;
  summary: { operation: 'append' | 'replace' | 'overwrite' | 'delete' } & Record<string, string>;
  'schema-id'?: number;
}

export interface SnapshotRef {
  'snapshot-id': string;
  type: 'branch' | 'tag';
  'max-ref-age-ms'?: number;
  'max-snapshot-age-ms'?: number;
  'min-snapshots-to-keep'?: number;
}

export interface TableMetadata {
  'format-version': 2;
  'table-uuid': string;
  location: string;
  'last-sequence-number': string;
  'last-updated-ms': number;
  'last-column-id': number;
  schemas: Schema[];
  'current-schema-id': number;
  'partition-specs': PartitionSpec[];
  'default-spec-id': number;
  'last-partition-id': number;
  properties: Record<string, string>;
  'current-snapshot-id': string | null;
  snapshots: Snapshot[];
  'snapshot-log': { 'timestamp-ms': number; 'snapshot-id': string }[];
  'metadata-log': { 'timestamp-ms': number; 'metadata-file': string }[];
  'sort-orders': SortOrder[];
  'default-sort-order-id': number;
  refs: Record<string, SnapshotRef>;
}

/* ------------------------------ data files ------------------------------ */

/**
 * A data file as a manifest describes it (spec "data_file" struct, content = 0 data).
 * `partition` holds the partition tuple in spec-field order (runtime values: hour/day/… → number,
 * identity → the source value, null allowed). Bounds use Iceberg single-value serialization.
 */
export interface DataFile {
  content: 0;
  filePath: string;
  fileFormat: 'PARQUET';
  specId: number;
  partition: unknown[];
  recordCount: number;
  fileSizeInBytes: number;
  columnSizes?: Map<number, number>;
  valueCounts: Map<number, number>;
  nullValueCounts: Map<number, number>;
  nanValueCounts: Map<number, number>;
  lowerBounds: Map<number, Uint8Array>;
  upperBounds: Map<number, Uint8Array>;
  splitOffsets?: number[];
  sortOrderId?: number;
}

/** Manifest entry status (spec): 0 EXISTING, 1 ADDED, 2 DELETED. */
export type ManifestEntryStatus = 0 | 1 | 2;

export interface ManifestEntry {
  status: ManifestEntryStatus;
  /** null = inherited from the manifest's added_snapshot_id (only for ADDED entries). */
  snapshotId: string | null;
  /** Data sequence number; null = inherited from the manifest list entry (only for ADDED). */
  sequenceNumber: string | null;
  fileSequenceNumber: string | null;
  dataFile: DataFile;
}

export interface PartitionFieldSummary {
  containsNull: boolean;
  containsNan: boolean | null;
  lowerBound: Uint8Array | null;
  upperBound: Uint8Array | null;
}

/** One row of a manifest list (spec "manifest_file"). */
export interface ManifestFile {
  manifestPath: string;
  manifestLength: number;
  partitionSpecId: number;
  content: 0 | 1;
  sequenceNumber: string;
  minSequenceNumber: string;
  addedSnapshotId: string;
  addedFilesCount: number;
  existingFilesCount: number;
  deletedFilesCount: number;
  addedRowsCount: number;
  existingRowsCount: number;
  deletedRowsCount: number;
  partitions: PartitionFieldSummary[] | null;
}
