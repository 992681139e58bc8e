/** Shared helpers for the codec functions: byte arguments and runtime errors; argument checks come from `../args.ts`. */
import { textOf } from '../args.js';
import { toBytes, VrlError, type Value } from '../../value/index.js';

export { constantOf, displayValue, invalidArgument, staticEnum, textOf } from '../args.js';

/** The bytes of a bytes argument (the compiler guarantees the kind). */
export function bytesOf(value: Value | undefined): Uint8Array {
  return toBytes(value as string | Uint8Array);
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
