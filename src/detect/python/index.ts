export {
  createPythonPool,
  workerScriptPath,
  type DetectionError,
  type DetectionErrorInfo,
  type DetectionLoadError,
  type DetectionMatch,
  type DetectionResult,
  type PythonPool,
  type PythonPoolOptions,
} from './pool.js';
