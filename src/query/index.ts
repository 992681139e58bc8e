/**
 * `lakewatch/query`: read-only SQL over the lake with an embedded, locked-down DuckDB.
 * @module
 */
export { openQuerySession, parseAsOf, DEFAULT_MAX_ROWS } from './session.js';
export { formatResult, formatTable, formatJson, formatCsv } from './format.js';
export { QueryCancelledError, QueryRejectedError, QueryTimeoutError } from './errors.js';
export type { ResultFormat, FormatOptions } from './format.js';
export type {
  LakeReader,
  LakeScanOptions,
  LakeScanPlan,
  LakeScanFile,
  QuerySession,
  QuerySessionOptions,
  QueryOptions,
  QueryResult,
  QueryColumn,
  TsRange,
} from './types.js';
