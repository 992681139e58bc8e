export { findLakeDir, loadLakeDirectory, CONFIG_FILE_NAMES, DEFAULT_NAMESPACE } from './load.js';
export { ConfigErrors, formatProblem } from './errors.js';
export { generateJsonSchemas, JSON_SCHEMA_FILES } from './json-schema.js';
export { logSourceFileSchema, tableFileSchema, projectFileSchema } from './schemas.js';
export type { LogSourceFile, TableFile, ProjectFile } from './schemas.js';
export type {
  ConfigProblem,
  LakeDirectory,
  LogSource,
  TableConfig,
  IngestConfig,
  ProjectConfig,
} from './types.js';
