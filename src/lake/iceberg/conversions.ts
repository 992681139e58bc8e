/**
 * Iceberg single-value binary serialization (spec appendix D), value ordering, and bound
 * truncation. Values use the runtime representation documented in types.ts.
 */
import type { PrimitiveType } from './types.js';

const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/;
const enc = new TextEncoder();
const dec = new TextDecoder();

export function decimalScale(type: string): number | undefined {
  const m = DECIMAL.exec(type);
  return m ? Number(m[2]) : undefined;
}

/** Canonical decimal text → unscaled integer at `scale`. */
export function decimalToUnscaled(text: string, scale: number): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`invalid decimal '${text}'`);
  const frac = (m[3] ?? '').padEnd(scale, '0').slice(0, scale);
  const digits = (m[2] || '0') + frac;
  const n = BigInt(digits);
  return m[1] === '-' ? -n : n;
}

export function unscaledToDecimal(n: bigint, scale: number): string {
  const neg = n < 0n;
  let s = (neg ? -n : n).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  }
  return neg ? `-${s}` : s;
}

/** Two's-complement big-endian bytes, minimal length. */
export function bigintToMinBytes(n: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  for (;;) {
    const b = Number(v & 0xffn);
    bytes.unshift(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}

export function minBytesToBigint(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  if (b[0]! & 0x80) v -= 1n << BigInt(b.length * 8);
  return v;
}

export function uuidToBytes(u: string): Uint8Array {
  const hex = u.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`invalid uuid '${u}'`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function bytesToUuid(b: Uint8Array): string {
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Serialize one value of a primitive type to Iceberg's single-value binary form. */
export function toBytes(type: PrimitiveType, value: unknown): Uint8Array {
  switch (type) {
    case 'boolean':
      return Uint8Array.of(value ? 1 : 0);
    case 'int':
    case 'date': {
      const b = Buffer.alloc(4);
      b.writeInt32LE(Number(value));
      return new Uint8Array(b);
    }
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz': {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(value as number | bigint));
      return new Uint8Array(b);
    }
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatLE(Number(value));
      return new Uint8Array(b);
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(value));
      return new Uint8Array(b);
    }
    case 'string':
      return enc.encode(value as string);
    case 'uuid':
      return uuidToBytes(value as string);
    case 'binary':
      return value as Uint8Array;
    default: {
      if (type.startsWith('fixed')) return value as Uint8Array;
      const scale = decimalScale(type);
      if (scale === undefined) throw new Error(`unknown type ${type}`);
      return bigintToMinBytes(typeof value === 'bigint' ? value : decimalToUnscaled(String(value), scale));
    }
  }
}

/** Inverse of `toBytes` (long-like types come back as number when safe, else bigint). */
export function fromBytes(type: PrimitiveType, bytes: Uint8Array): unknown {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'boolean':
      return b[0] !== 0;
    case 'int':
    case 'date':
      return b.readInt32LE(0);
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz': {
      const v = b.readBigInt64LE(0);
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    }
    case 'float':
      return b.readFloatLE(0);
    case 'double':
      return b.readDoubleLE(0);
    case 'string':
      return dec.decode(bytes);
    case 'uuid':
      return bytesToUuid(bytes);
    case 'binary':
      return Uint8Array.from(bytes);
    default: {
      if (type.startsWith('fixed')) return Uint8Array.from(bytes);
      const scale = decimalScale(type);
      if (scale === undefined) throw new Error(`unknown type ${type}`);
      return unscaledToDecimal(minBytesToBigint(bytes), scale);
    }
  }
}

/** Sort key for a UTF-16 code unit so that comparison matches code point order. */
function unitKey(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
  if (c >= 0xe000) return c - 0x800;
  return c;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitKey(x) - unitKey(y);
  }
  return a.length - b.length;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

/** Comparator for values of a primitive type (runtime representation). */
export function comparator(type: PrimitiveType): (a: unknown, b: unknown) => number {
  switch (type) {
    case 'string':
    case 'uuid':
      return (a, b) => compareStrings(a as string, b as string);
    case 'binary':
      return (a, b) => compareBytes(a as Uint8Array, b as Uint8Array);
    case 'boolean':
      return (a, b) => Number(a) - Number(b);
    default: {
      if (type.startsWith('fixed')) return (a, b) => compareBytes(a as Uint8Array, b as Uint8Array);
      const scale = decimalScale(type);
      if (scale !== undefined) {
        return (a, b) => {
          const x = decimalToUnscaled(String(a), scale);
          const y = decimalToUnscaled(String(b), scale);
          return x < y ? -1 : x > y ? 1 : 0;
        };
      }
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
    }
  }
}

/** Default metrics truncation length (write.metadata.metrics.default = truncate(16)). */
export const TRUNCATE_LENGTH = 16;

/** Lower bound of a string truncated to `len` code points. */
export function truncateStringLower(s: string, len = TRUNCATE_LENGTH): string {
  if (s.length <= len) return s;
  const cps = Array.from(s);
  return cps.length <= len ? s : cps.slice(0, len).join('');
}

/**
 * Upper bound of a string truncated to `len` code points: the prefix with its last
 * incrementable code point incremented (skipping surrogates); null when none can be.
 */
export function truncateStringUpper(s: string, len = TRUNCATE_LENGTH): string | null {
  if (s.length <= len) return s;
  const cps = Array.from(s);
  if (cps.length <= len) return s;
  const prefix = cps.slice(0, len).map((c) => c.codePointAt(0)!);
  for (let i = prefix.length - 1; i >= 0; i--) {
    let next = prefix[i]! + 1;
    if (next === 0xd800) next = 0xe000;
    if (next <= 0x10ffff) {
      return String.fromCodePoint(...prefix.slice(0, i), next);
    }
  }
  return null;
}

export function truncateBinaryLower(b: Uint8Array, len = TRUNCATE_LENGTH): Uint8Array {
  return b.length <= len ? b : b.slice(0, len);
}

export function truncateBinaryUpper(b: Uint8Array, len = TRUNCATE_LENGTH): Uint8Array | null {
  if (b.length <= len) return b;
  const p = b.slice(0, len);
  for (let i = p.length - 1; i >= 0; i--) {
    if (p[i]! < 0xff) {
      const out = p.slice(0, i + 1);
      out[i] = out[i]! + 1;
      return out;
    }
  }
  return null;
}
