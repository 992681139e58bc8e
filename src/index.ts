/**
 * Lakewatch's library entry point. Subpath exports (`lakewatch/lake`, `lakewatch/query`,
 * `lakewatch/config`, `lakewatch/schema`, `lakewatch/pipeline`) give each module on its own.
 */
export { openLake } from './lake/index.js';
export type { Lake, Table } from './lake/index.js';
export { loadLakeDirectory, findLakeDir, ConfigErrors } from './config/index.js';
export type { LakeDirectory, LogSource, TableConfig } from './config/index.js';
export { ingestFiles, expandInputs } from './pipeline/index.js';
export type { IngestSummary, IngestOptions } from './pipeline/index.js';
export { openQuerySession, formatResult } from './query/index.js';
export type { QuerySession, QueryResult } from './query/index.js';
