/** Public API of the lake: Iceberg v2 tables written by Lakewatch, SQL catalog, scans, maintenance. */
export { openLake, LOG_SOURCE_PROPERTY } from './lake.js';
export type { Lake, OpenLakeOptions, TableAppend, CommitResult } from './lake.js';
export { HISTORY_TABLE, INGEST_HISTORY_MAX_AGE_MS } from './ledger/history.js';
export type {
  IngestHistoryRow,
  IngestHistoryQuery,
  IngestVolumeQuery,
  IngestVolumeBucket,
} from './ledger/history.js';
export type { Table } from './table/table.js';
export type { DataFileWriter } from './parquet/writer.js';
export { tsRangeOf } from './table/scan.js';
export type { ScanOptions, ScanPlan, ScanFile } from './table/scan.js';
export type { TableDescription, SnapshotDescription } from './table/describe.js';
export type { CompactResult } from './maintenance/compact.js';
export type { ExpireResult } from './maintenance/expire.js';
export type { RetentionResult } from './maintenance/retention.js';
export type { OrphanResult } from './maintenance/orphans.js';

export {
  LakeError,
  NoSuchTableError,
  TableAlreadyExistsError,
  NoSuchNamespaceError,
  CommitFailedError,
  CommitStateUnknownError,
  SchemaEvolutionError,
  LedgerConflictError,
} from './errors.js';

// Catalog and storage seams.
export type {
  Catalog,
  IngestHistoryEntry,
  LedgerEntry,
  LoadedTable,
  TableCommit,
  TableIdentifier,
} from './catalog/catalog.js';
export { SqlCatalog } from './catalog/sql/sql-catalog.js';
export { SqliteDriver } from './catalog/sql/sqlite-driver.js';
export type { SqlDriver, SqlExecutor } from './catalog/sql/driver.js';
export { openObjectStore, LocalObjectStore, toLocalPath } from './io/index.js';
export type { ObjectStore, ObjectInfo } from './io/index.js';

// Iceberg model.
export { bindSchema, findFieldByPath, indexById, canPromote } from './iceberg/schema.js';
export type { BoundSchema, IndexedField } from './iceberg/schema.js';
export {
  bindPartitionSpec,
  parsePartitionExpression,
  partitionFieldTypes,
  partitionPath,
} from './iceberg/partitioning.js';
export { transformFn, resultType, humanString } from './iceberg/transforms.js';
export { toBytes, fromBytes, truncateStringLower, truncateStringUpper } from './iceberg/conversions.js';
export { applyUpdates, validateRequirement, validateRequirements } from './iceberg/updates.js';
export type { TableUpdate, TableRequirement } from './iceberg/updates.js';
export {
  newTableMetadata,
  parseMetadata,
  serializeMetadata,
  currentSchema,
  currentSnapshot,
} from './iceberg/metadata.js';
export { parseJson, stringifyJson } from './iceberg/json.js';
export { isPrimitive } from './iceberg/types.js';
export type {
  Schema,
  NestedField,
  IcebergType,
  PrimitiveType,
  PrimitiveTypeName,
  StructType,
  ListType,
  MapType,
  UnboundField,
  UnboundType,
  UnboundStruct,
  UnboundList,
  UnboundMap,
  Transform,
  PartitionField,
  PartitionSpec,
  UnboundPartitionField,
  TableMetadata,
  Snapshot,
  SnapshotRef,
  DataFile,
  ManifestEntry,
  ManifestFile,
} from './iceberg/types.js';

// DuckDB type mapping (used by query/).
export { toDuckDbType, quoteIdent, quoteString } from './parquet/duckdb-types.js';
