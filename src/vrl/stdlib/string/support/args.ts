/** Compile-time helpers for static (literal) arguments. */
import { FunctionCompileError, type ArgumentInfo } from '../../function.js';
import { toText, toVrlJson, type Value } from '../../../value/index.js';
import { invalidEnumVariant } from '../../args.js';

/** The argument's constant value; `undefined` when omitted; E402 when given but not static. */
export function staticArgument(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
): Value | undefined {
  const arg = args[index];
  if (!arg) return undefined;
  if (!arg.constant) {
    throw new FunctionCompileError(402, `expected static expression for argument "${keyword}"`, index);
  }
  return arg.constant.value;
}

/** Render a value for a diagnostic note (`"x"`, `{ "a": 1 }`). */
export function describeValue(value: Value): string {
  try {
    return toVrlJson(value);
  } catch {
    return String(value);
  }
}

/** A static enum argument (VRL's `optional_enum`): one of `variants`, else E401. */
export function enumArgument<T extends string>(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
  variants: readonly T[],
): T | undefined {
  const value = staticArgument(args, index, keyword);
  if (value === undefined) return undefined;
  const s = typeof value === 'string' || value instanceof Uint8Array ? toText(value) : undefined;
  if (s === undefined || !(variants as readonly string[]).includes(s)) {
    throw invalidEnumVariant(index, keyword, value, variants);
  }
  return s as T;
}

/** E403: a static argument whose value is not acceptable. */
export function invalidArgument(
  index: number,
  keyword: string,
  value: Value,
  error: string,
): FunctionCompileError {
  return new FunctionCompileError(403, 'invalid argument', index, [
    `invalid argument "${keyword}"`,
    `received: ${describeValue(value)}`,
    `error: ${error}`,
  ]);
}
