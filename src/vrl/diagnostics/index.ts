export {
  ALL_CODES,
  CompilerCode,
  ExprCode,
  FunctionCode,
  ParserCode,
  ValueCode,
  VariableCode,
  WarningCode,
  formatCode,
} from './codes.js';
export {
  Notes,
  Urls,
  context,
  errorDiagnostic,
  primary,
  shiftDiagnostics,
  standardNotes,
} from './diagnostic.js';
export type { Diagnostic, Label, Severity } from './diagnostic.js';
export { formatDiagnostics, lineColumn } from './format.js';
export type { FormatOptions } from './format.js';
export { join, span } from './span.js';
export type { Span } from './span.js';
