/**
 * `lakewatch/vrl`: VRL (Vector Remap Language) compiled to JavaScript.
 *
 * ```ts
 * import { compileVrl, toVrlJson } from 'lakewatch/vrl';
 * const program = compileVrl('.message = upcase(string!(.message))');
 * const out = program.run({ message: 'hi' }, { metadata: {} });
 * // → { ok: true, value, event, metadata } | { ok: false, error: { message, abort? } }
 * ```
 */
export { compileVrl, VrlCompileError } from './compiler/index.js';
export type {
  CompileOptions as VrlCompileOptions,
  RunOptions,
  RunResult as VrlRunResult,
  VrlProgram,
} from './compiler/index.js';
export { formatDiagnostics } from './diagnostics/index.js';
export type { Diagnostic, Label, Span } from './diagnostics/index.js';
export {
  cloneValue,
  kindOf,
  parseVrlJson,
  toVrlJson,
  valueEquals,
  VrlError,
  VrlRegex,
  VrlTimestamp,
  type Value,
  type ValueObject,
} from './value/index.js';
export {
  STDLIB,
  defineFunction,
  FunctionCompileError,
  optional,
  required,
  type FunctionDef,
} from './stdlib/index.js';
export { K, Kind } from './types/index.js';
