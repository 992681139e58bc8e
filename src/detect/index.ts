/**
 * Detections: the runtimes (Python in CPython workers, TypeScript/JavaScript in worker threads),
 * the runner over both, realtime detection of committed batches, the alert store and the records
 * detections receive. Package export: `lakewatch/detect`.
 */
export { createDetectionRunner, type DetectionRunner, type DetectionRunnerOptions } from './runner.js';
export type {
  DetectionError,
  DetectionErrorInfo,
  DetectionLoadError,
  DetectionMatch,
  DetectionResult,
} from './pool/index.js';
export { createPythonPool, type PythonPool, type PythonPoolOptions } from './python/index.js';
export { createScriptPool, deepget, type ScriptPool, type ScriptPoolOptions } from './typescript/index.js';
export {
  openRealtime,
  openStateDb,
  stateDbPath,
  type CommittedFile,
  type CommittedFiles,
  type DetectionStats,
  type DetectionSummary,
  type Realtime,
  type RealtimeOptions,
} from './realtime.js';
export { RecordReader, readTableRecords, stripNullMembers, type FileRecord } from './records.js';
export { DETECTION_ERRORS_TABLE } from './errors-table.js';
export {
  ALERTS_TABLE,
  openAlertStore,
  SEVERITIES,
  type Alert,
  type AlertChange,
  type AlertStore,
  type ListFilters,
  type RuleMatch,
  type RuleMatchInput,
} from '../alerts/index.js';
export { purgeExpired as purgeExpiredRemoteCache, REMOTECACHE_TABLE } from './remotecache/index.js';
