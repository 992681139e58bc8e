/** Shared helpers for the codec functions: byte arguments, static enum arguments, compile-time checks. */
import { FunctionCompileError, type ArgumentInfo } from '../function.js';
import { toBytes, toText, VrlError, type Value } from '../../value/index.js';
import { rustFloatDisplay } from './rust_float.js';

/** The bytes of a bytes argument (the compiler guarantees the kind). */
export function bytesOf(value: Value | undefined): Uint8Array {
  return toBytes(value as string | Uint8Array);
}

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

/**
 * A static enum argument (VRL's `optional_enum`): the literal must be one of `variants` (E401), and must be a
 * literal at all (E402). Returns `fallback` when the argument is omitted.
 */
export function staticEnum(
  args: readonly (ArgumentInfo | undefined)[],
  index: number,
  keyword: string,
  variants: readonly string[],
  fallback: string,
): string {
  const arg = args[index];
  if (!arg) return fallback;
  if (!arg.constant) {
    throw new FunctionCompileError(402, 'this argument must be a static expression', index, [
      `expected static expression for argument "${keyword}"`,
    ]);
  }
  const value = arg.constant.value;
  const text = typeof value === 'string' || value instanceof Uint8Array ? toText(value) : undefined;
  if (text === undefined || !variants.includes(text)) {
    throw new FunctionCompileError(401, 'invalid enum variant"', index, [
      `invalid enum variant for argument "${keyword}"`,
      `received: ${displayValue(value)}`,
      `expected one of: ${variants.map((v) => JSON.stringify(v)).join(', ')}`,
    ]);
  }
  return text;
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

/** The constant value of an argument, when the compiler knows it. */
export function constantOf(args: readonly (ArgumentInfo | undefined)[], index: number): Value | undefined {
  return args[index]?.constant?.value;
}

/** Rust's `str::to_uppercase` for the ASCII-ish names used as algorithm selectors. */
export function upper(value: Value | undefined): string {
  return textOf(value).toUpperCase();
}

export function fail(message: string): never {
  throw new VrlError(message);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexLower(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/** Bytes to a `Uint8Array` view without copying when it already is one (Node `Buffer` included). */
export function u8(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
