/** Compile-time helpers for the static arguments of the `extra` functions. */
import { FunctionCompileError, type ArgumentInfo } from '../function.js';
import { isBytes, toText, type Value } from '../../value/index.js';

/** The literal value of argument `index` (E402 when it is not static); `undefined` when omitted. */
export function staticValue(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
): Value | undefined {
  const arg = args[index];
  if (!arg) return undefined;
  if (!arg.constant) {
    throw new FunctionCompileError(402, 'this argument must be a static expression', index, [
      `expected static expression for argument "${keyword}"`,
    ]);
  }
  return arg.constant.value;
}

/** The literal text of a static bytes argument (E402 when not static). */
export function staticText(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
): string | undefined {
  const value = staticValue(args, index, keyword);
  if (value === undefined) return undefined;
  if (!isBytes(value))
    throw new FunctionCompileError(402, `expected string for argument "${keyword}"`, index);
  return toText(value);
}
