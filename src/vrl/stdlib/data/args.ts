/**
 * Helpers for static (compile-time) arguments of the data functions: enum variants and constants.
 */
import type { ArgumentInfo } from '../function.js';
import { FunctionCompileError } from '../function.js';
import { toText, type Value } from '../../value/index.js';

/** The constant value of an argument, or `undefined` when it is omitted or not constant. */
export function constantOf(arg: ArgumentInfo | undefined): Value | undefined {
  return arg?.constant?.value;
}

/**
 * VRL's `optional_enum`: the argument must be a constant string among `variants` (E400 when it is not
 * static, E401 when it is not a variant). Returns `fallback` when the argument is omitted.
 */
export function staticEnum<T extends string>(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
  variants: readonly T[],
  fallback: T,
): T;
export function staticEnum<T extends string>(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
  variants: readonly T[],
): T | undefined;
export function staticEnum<T extends string>(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
  variants: readonly T[],
  fallback?: T,
): T | undefined {
  const arg = args[index];
  if (arg === undefined) return fallback;
  if (arg.constant === undefined) {
    throw new FunctionCompileError(400, `unexpected expression for argument "${keyword}"`, index);
  }
  const value = arg.constant.value;
  const text = typeof value === 'string' || value instanceof Uint8Array ? toText(value) : undefined;
  if (text !== undefined && (variants as readonly string[]).includes(text)) return text as T;
  throw new FunctionCompileError(401, `invalid enum variant for argument "${keyword}"`, index, [
    `expected one of: ${variants.map((v) => JSON.stringify(v)).join(', ')}`,
  ]);
}
