export { ingestFiles } from './ingest.js';
export { findLogSource, findTable, IngestConfigError } from './sources.js';
export type { IngestOptions } from './ingest.js';
export { expandInputs, InputNotFoundError, locationKey, contentKey } from './inputs.js';
export type { InputFile } from './inputs.js';
export type { IngestSummary, IngestProgress } from './summary.js';
export {
  DEAD_LETTER_TABLE,
  CONFORM_WARNING_TABLE,
  DEAD_LETTER_SCHEMA,
  CONFORM_WARNING_SCHEMA,
} from './system-tables.js';
export { identityTransform, resolveTransform, vrlCompatOf } from './transform.js';
export type {
  Envelope,
  InputInfo,
  InputSelection,
  RecordTransform,
  TransformOutcome,
  TransformedEvent,
} from './transform.js';
export { compactValue, toRecord, usesVrl, VrlProgramError, VrlTransform } from './vrl-transform.js';
export type { VrlCompat, VrlTransformOptions } from './vrl-transform.js';
