/** Detection tests: `detections/<dir>/tests/*.yml` run through every detection (see README.md). */
export { findTestFiles, loadTestFile, parseTestFile } from './format.js';
export type { ParsedTestFile, TestCase, TestExpectation, TestInput } from './format.js';
export {
  loadTests,
  normalizeTs,
  recordJson,
  runDetectionTests,
  selectDetections,
  UnknownDetectionError,
} from './run.js';
export type {
  CaseError,
  CaseMatch,
  CaseResult,
  DetectionTests,
  Failure,
  FailureKind,
  RunTestsOptions,
  TestReport,
} from './run.js';
export { ingestRawLog } from './raw-log.js';
export type { RawLogOutcome } from './raw-log.js';
export { RemoteCacheFixture } from './fixtures.js';
export {
  ansiStyle,
  formatCase,
  formatDetectionHeading,
  formatReport,
  formatSummary,
  plainStyle,
} from './report.js';
export type { Style } from './report.js';
export { scaffoldDetection, ScaffoldError, type ScaffoldDetectionOptions } from './scaffold.js';
