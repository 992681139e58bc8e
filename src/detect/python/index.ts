// DetectionMatch, DetectionError, DetectionErrorInfo, DetectionResult, DetectionLoadError
export type * from '../pool/types.js';
export { createPythonPool, workerScriptPath, type PythonPool, type PythonPoolOptions } from './pool.js';
