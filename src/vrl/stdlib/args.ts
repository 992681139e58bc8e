/**
 * Compile-time helpers shared by the stdlib: constant (literal) arguments, static enums, and VRL's
 * argument diagnostics (E401 invalid enum variant, E402 expected static expression, E403 invalid argument),
 * worded as upstream VRL words them.
 */
import { toText, type Value } from '../value/index.js';
import { rustFloatDisplay } from './codec/rust_float.js';
import { FunctionCompileError, type ArgumentInfo } from './function.js';

/** The text of a bytes argument, invalid UTF-8 replaced (Rust's `from_utf8_lossy`). */
export function textOf(value: Value | undefined): string {
  return toText(value as string | Uint8Array);
}

/** A value as VRL's `Display` renders it in diagnostics (`"X"`, `1`, `1.5`). */
export function displayValue(value: Value): string {
  if (typeof value === 'string' || value instanceof Uint8Array) return JSON.stringify(toText(value));
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return rustFloatDisplay(value);
  return String(value);
}

/** The constant value of an argument, when the compiler knows it. */
export function constantOf(args: readonly (ArgumentInfo | undefined)[], index: number): Value | undefined {
  return args[index]?.constant?.value;
}

/** E402: the argument must be known at compile time. */
export function expectedStatic(index: number, keyword: string): FunctionCompileError {
  return new FunctionCompileError(402, 'this argument must be a static expression', index, [
    `expected static expression for argument "${keyword}"`,
  ]);
}

/** E401, with upstream's message text (the trailing quote is upstream's). */
export function invalidEnumVariant(
  index: number,
  keyword: string,
  value: Value,
  variants: readonly string[],
): FunctionCompileError {
  return new FunctionCompileError(401, 'invalid enum variant"', index, [
    `invalid enum variant for argument "${keyword}"`,
    `received: ${displayValue(value)}`,
    `expected one of: ${variants.map((v) => JSON.stringify(v)).join(', ')}`,
  ]);
}

/**
 * A static enum argument (VRL's `optional_enum`): the literal must be one of `variants` (E401) and a
 * literal at all (E402). Returns `fallback` when the argument is omitted.
 */
export function staticEnum<T extends string>(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
  variants: readonly T[],
  fallback: T,
): T {
  const arg = args[index];
  if (!arg) return fallback;
  if (!arg.constant) throw expectedStatic(index, keyword);
  const value = arg.constant.value;
  const text = typeof value === 'string' || value instanceof Uint8Array ? toText(value) : undefined;
  if (text === undefined || !(variants as readonly string[]).includes(text)) {
    throw invalidEnumVariant(index, keyword, value, variants);
  }
  return text as T;
}

/** VRL's `InvalidArgument` compile error (E403). */
export function invalidArgument(
  index: number,
  keyword: string,
  value: Value,
  error: string,
): FunctionCompileError {
  return new FunctionCompileError(403, 'invalid argument', index, [
    `invalid argument "${keyword}"`,
    `received: ${displayValue(value)}`,
    `error: ${error}`,
  ]);
}
