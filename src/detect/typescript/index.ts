export type {
  DetectionError,
  DetectionErrorInfo,
  DetectionLoadError,
  DetectionMatch,
  DetectionResult,
} from '../python/pool.js';
export { deepget } from './deepget.js';
export type { DetectionRecord, EnrichmentTable } from './detection.js';
export { createScriptPool, type ScriptPool, type ScriptPoolOptions } from './pool.js';
