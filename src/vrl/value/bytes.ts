/**
 * VRL strings are bytes. Lakewatch keeps valid UTF-8 as a JavaScript `string` and anything else as a
 * `Uint8Array`; these helpers move between the two. Byte-oriented functions (`length`, `slice` on bytes,
 * hashes, codecs) must work on the UTF-8 encoding, never on UTF-16 code units.
 */
import type { Value } from './value.js';
import { kindDisplay, kindOf } from './value.js';
import { expectedKind } from './errors.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The UTF-8 bytes of a bytes value. */
export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}

/** Text of a bytes value; invalid UTF-8 becomes U+FFFD, as VRL's `String::from_utf8_lossy`. */
export function toText(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : lossyDecoder.decode(value);
}

/** A bytes value from raw bytes: a `string` when they are valid UTF-8, the bytes themselves otherwise. */
export function fromBytes(bytes: Uint8Array): string | Uint8Array {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return bytes;
  }
}

/** Number of UTF-8 bytes of a string without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function byteLength(value: string | Uint8Array): number {
  return typeof value === 'string' ? utf8Length(value) : value.length;
}

/** The value as text, or VRL's `expected string, got …` error. */
export function requireText(value: Value): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return lossyDecoder.decode(value);
  throw expectedKind('string', kindDisplay(kindOf(value)));
}

/** Byte-wise equality of two bytes values. */
export function bytesEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const x = toBytes(a);
  const y = toBytes(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Byte-wise order of two bytes values (UTF-8 byte order equals code point order). */
export function compareBytes(a: string | Uint8Array, b: string | Uint8Array): number {
  if (typeof a === 'string' && typeof b === 'string') return compareKeys(a, b);
  const x = toBytes(a);
  const y = toBytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/**
 * VRL's key order (Rust `String` order = UTF-8 byte order = code point order). JavaScript's default sort
 * compares UTF-16 code units, which differs for characters above U+FFFF against U+E000–U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}
