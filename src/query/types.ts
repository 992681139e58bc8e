/**
 * The narrow view of the lake that `query/` needs. The real `Lake` from `src/lake`
 * satisfies these interfaces structurally, so this folder does not depend on the lake's
 * internals (and tests can drive it with a small reader over hand-written Parquet files).
 */
import type { Schema } from '../lake/iceberg/types.js';

/** Inclusive bounds on `ts`, in microseconds since the epoch (UTC). */
export interface TsRange {
  min?: number;
  max?: number;
}

export interface LakeScanOptions {
  snapshotId?: string;
  asOf?: Date;
  tsRange?: TsRange;
}

export interface LakeScanFile {
  /** Absolute local path of a Parquet data file. */
  path: string;
  recordCount: number;
  fileSizeInBytes: number;
}

export interface LakeScanPlan {
  table: string;
  snapshotId: string | null;
  schema: Schema;
  files: LakeScanFile[];
  totalFiles: number;
}

export interface LakeReader {
  /** Directory holding every data file; the only place a query session may read. */
  readonly warehouse: string;
  listTables(): Promise<string[]>;
  planScan(name: string, opts?: LakeScanOptions): Promise<LakeScanPlan>;
}

export interface QuerySessionOptions {
  /** Snapshot id, ISO-8601 timestamp, or epoch (10 digits = seconds, 13 = milliseconds). */
  asOf?: string;
  threads?: number;
  /** DuckDB memory limit, e.g. `'2GB'`. */
  memoryLimit?: string;
}

export interface QueryOptions {
  /** Rows returned at most; `truncated` tells whether more existed. Default 10,000. */
  maxRows?: number;
  /** Interrupts the query after this many milliseconds (QueryTimeoutError). Default: none. */
  timeoutMs?: number;
  /** Aborting interrupts the query (QueryCancelledError); an aborted signal stops it before it starts. */
  signal?: AbortSignal;
}

export interface QueryColumn {
  name: string;
  /** DuckDB SQL type, e.g. `BIGINT`, `TIMESTAMP WITH TIME ZONE`, `STRUCT(a INTEGER)`. */
  type: string;
}

export interface QueryResult {
  columns: QueryColumn[];
  /** JSON-safe values: int64 beyond ±2^53 and decimals as strings, timestamps as RFC 3339 strings. */
  rows: unknown[][];
  truncated: boolean;
  scannedFiles: Record<string, { scanned: number; total: number }>;
}

export interface QuerySession {
  query(sql: string, opts?: QueryOptions): Promise<QueryResult>;
  close(): Promise<void>;
}
