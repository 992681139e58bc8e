// DetectionMatch, DetectionError, DetectionErrorInfo, DetectionResult, DetectionLoadError
export type * from '../pool/types.js';
export { deepget } from './deepget.js';
export type { DetectionRecord, EnrichmentTable } from './detection.js';
export { createScriptPool, type ScriptPool, type ScriptPoolOptions } from './pool.js';
