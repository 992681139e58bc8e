export { findLakeDir, loadLakeDirectory, CONFIG_FILE_NAMES, DEFAULT_NAMESPACE } from './load.js';
export { ConfigErrors, formatProblem } from './errors.js';
export { generateJsonSchemas, JSON_SCHEMA_FILES } from './json-schema.js';
export {
  detectionFileSchema,
  logSourceFileSchema,
  tableFileSchema,
  projectFileSchema,
  SEVERITIES,
} from './schemas.js';
export type { LogSourceFile, TableFile, ProjectFile } from './schemas.js';
export type {
  ConfigProblem,
  DetectionConfig,
  LakeDirectory,
  Severity,
  LogSource,
  TableConfig,
  IngestConfig,
  ProjectConfig,
  ServiceConfig,
} from './types.js';
