/**
 * The VRL compiler: `compileVrl(source)` parses, type-checks (kinds and fallibility, VRL's diagnostics)
 * and generates a JavaScript function that runs the program on an event. See README.md.
 */
import { formatDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { parse, ParseError } from '../parser/index.js';
import { STDLIB } from '../stdlib/index.js';
import type { CompileContext, EnrichmentTable, FunctionDef } from '../stdlib/function.js';
import { BUILTINS } from './builtins.js';
import { Compiler } from './compile.js';
import { buildProgram, type VrlProgram } from './program.js';
import { initialState } from './state.js';

export type { RunOptions, RunResult, VrlProgram } from './program.js';

/** Functions the compiler defines itself (path- and closure-taking): `del`, `exists`, `for_each`, … */
export const COMPILER_FUNCTIONS: readonly string[] = [...BUILTINS.keys()];

export interface CompileOptions {
  /** Extra functions; a function with the name of a standard one replaces it. */
  functions?: readonly FunctionDef[];
  /** Default time zone for functions that need one (default `UTC`). */
  timezone?: string;
  /** `0.24` accepts programs written for the VRL Matano shipped (2022). */
  compat?: 'current' | '0.24';
  enrichmentTables?: Map<string, EnrichmentTable>;
}

export class VrlCompileError extends Error {
  override readonly name = 'VrlCompileError';
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly source: string,
  ) {
    super(formatDiagnostics(source, diagnostics));
  }
}

export function compileVrl(source: string, options: CompileOptions = {}): VrlProgram {
  let ast;
  try {
    ast = parse(source);
  } catch (e) {
    if (e instanceof ParseError) throw new VrlCompileError(e.diagnostics, source);
    throw e;
  }
  const ctx: CompileContext = {
    timezone: options.timezone ?? 'UTC',
    compat: options.compat ?? 'current',
    enrichmentTables: options.enrichmentTables ?? new Map(),
  };
  const functions = new Map<string, FunctionDef>();
  for (const f of [...STDLIB, ...(options.functions ?? [])]) {
    if (f.compatOnly && ctx.compat !== '0.24') continue;
    functions.set(f.name, f);
  }
  const compiler = new Compiler(source, functions, ctx);
  const { body, result } = compiler.program(ast.expressions, initialState());
  const errors = compiler.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'bug');
  const warnings = compiler.diagnostics.filter((d) => d.severity === 'warning');
  if (errors.length > 0) throw new VrlCompileError(errors, source);
  return buildProgram(
    body,
    result,
    compiler.tempCount,
    compiler.variables,
    compiler.constants,
    compiler.impls,
    warnings,
  );
}
