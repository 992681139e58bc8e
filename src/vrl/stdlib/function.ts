/**
 * The contract between the VRL compiler and the standard library.
 *
 * A function is described once (`FunctionDef`) and compiled once per call site: `compile` sees what the
 * compiler knows about each argument (its inferred kind and, for literals, its value) and returns the
 * runtime closure plus the call's return kind and fallibility. The generated program then calls
 * `impl.call(a0, a1, …)` directly, with arguments in parameter order and `undefined` for omitted
 * optional ones.
 *
 * Argument kinds: when an argument's inferred kind is not a subset of the parameter's `kind`, the compiler
 * inserts the runtime check (and the call becomes fallible, E110 when unhandled), so `call` only ever
 * receives accepted kinds. Bytes arrive as `string | Uint8Array` (see `value/bytes.ts`).
 *
 * Failing: `call` throws `VrlError` with VRL's message; compile-time problems with static arguments throw
 * `FunctionCompileError` (e.g. an invalid regex literal, an unknown enum variant).
 */
import type { Span } from '../diagnostics/index.js';
import type { Kind } from '../types/index.js';
import type { Value } from '../value/index.js';

export interface Parameter {
  readonly keyword: string;
  /** Accepted kinds, a bit mask of `K` (`K.BYTES | K.NULL`, `K.ANY`). */
  readonly kind: number;
  readonly required: boolean;
}

/** What the compiler knows about one supplied argument. */
export interface ArgumentInfo {
  /** Inferred kind of the argument expression. */
  readonly kind: Kind;
  /** Present when the argument is a literal (or folds to a constant): its value. */
  readonly constant?: { readonly value: Value };
  readonly span: Span;
}

/** Program-wide settings the compiler passes to each function. */
export interface CompileContext {
  /** IANA zone or `local`, used by timestamp parsing/formatting when no zone is given (default UTC). */
  readonly timezone: string;
  /** `current` (default) or `0.24`: accept programs written for the VRL Matano shipped with. */
  readonly compat: 'current' | '0.24';
  /** Enrichment tables the program may look up (name → lookup), filled by the enrichment module. */
  readonly enrichmentTables: ReadonlyMap<string, EnrichmentTable>;
}

export interface EnrichmentTable {
  /** Rows whose columns equal (or, for a `{from,to}` range condition, fall within) the condition. */
  find(
    condition: Record<string, Value>,
    options: { caseSensitive: boolean; select?: string[] },
  ): Record<string, Value>[];
}

export type Call = (...args: (Value | undefined)[]) => Value;

export interface FunctionImpl {
  /** The call's return kind, assuming accepted argument kinds. */
  readonly kind: Kind;
  /** True when the call can fail even with arguments of accepted kinds (e.g. `parse_json`). */
  readonly fallible: boolean;
  readonly call: Call;
  /** True when the result depends only on the arguments (no clock, randomness, environment): foldable. */
  readonly pure?: boolean;
}

export interface FunctionExample {
  readonly title: string;
  /** A complete VRL program. */
  readonly source: string;
  /** The expected result as VRL source (e.g. `"FOO"`, `{ "a": 1 }`, `t'2021-01-01T00:00:00Z'`). */
  readonly result?: string;
  /** The expected runtime error message (the program ends with it), instead of `result`. */
  readonly error?: string;
  /** Input event (VRL source for an object), default `{}`. */
  readonly input?: string;
}

export interface FunctionDef {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  /** Called once per call site; `args` is in parameter order, `undefined` where an optional one is omitted. */
  compile(args: readonly (ArgumentInfo | undefined)[], ctx: CompileContext): FunctionImpl;
  /** VRL's documented examples for this function, run as tests. */
  readonly examples?: readonly FunctionExample[];
  /** Only available with `compat: '0.24'` (removed from current VRL). */
  readonly compatOnly?: boolean;
}

/** A compile-time error from a function's static arguments. */
export class FunctionCompileError extends Error {
  override readonly name = 'FunctionCompileError';
  constructor(
    /** VRL code: 610 (function compilation), 401 (invalid enum variant), 402 (expected static), 403 (invalid argument). */
    readonly code: number,
    message: string,
    /** Index of the offending argument, when one is to blame. */
    readonly argument?: number,
    /** Extra notes rendered below the diagnostic. */
    readonly notes: string[] = [],
  ) {
    super(message);
  }
}

export interface SimpleFunction {
  name: string;
  parameters: readonly Parameter[];
  /** Return kind, fixed or from the arguments' kinds. */
  kind: Kind | ((args: readonly (ArgumentInfo | undefined)[]) => Kind);
  fallible?: boolean | ((args: readonly (ArgumentInfo | undefined)[]) => boolean);
  call: Call;
  pure?: boolean;
  examples?: readonly FunctionExample[];
  compatOnly?: boolean;
}

/** A function whose runtime does not depend on static arguments. */
export function defineFunction(spec: SimpleFunction): FunctionDef {
  return {
    name: spec.name,
    parameters: spec.parameters,
    examples: spec.examples,
    compatOnly: spec.compatOnly,
    compile(args) {
      const kind = typeof spec.kind === 'function' ? spec.kind(args) : spec.kind;
      const fallible = typeof spec.fallible === 'function' ? spec.fallible(args) : (spec.fallible ?? false);
      return { kind, fallible, call: spec.call, pure: spec.pure ?? true };
    },
  };
}

export function required(keyword: string, kind: number): Parameter {
  return { keyword, kind, required: true };
}

export function optional(keyword: string, kind: number): Parameter {
  return { keyword, kind, required: false };
}
