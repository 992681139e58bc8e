/**
 * Converters for Iceberg primitive types. Each takes a non-null input value and returns the
 * runtime representation (see lake/iceberg/types.ts) or `FAIL` (with an optional detail
 * from `setFailDetail`). Only lossless conversions are applied.
 */
import type { PrimitiveType } from '../../lake/iceberg/types.js';
import { FAIL, setFailDetail, toDateDays, toTimeMicros, toTimestampMicros, type Fail } from './time.js';

export type PrimitiveConverter = (v: unknown) => unknown;

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_HEX_RE = /^[0-9a-fA-F]{32}$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const BASE64URL_RE = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const FLOAT_MAX = 3.4028234663852886e38;

const toInt: PrimitiveConverter = (v) => {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    if (!INT_RE.test(v)) return FAIL;
    n = Number(v);
  } else if (typeof v === 'bigint') {
    if (v < BigInt(INT_MIN) || v > BigInt(INT_MAX)) return setFailDetail('out of range');
    return Number(v);
  } else return FAIL;
  if (!Number.isInteger(n))
    return setFailDetail(Number.isFinite(n) ? 'not an integer' : 'not a finite number');
  if (n < INT_MIN || n > INT_MAX) return setFailDetail('out of range');
  return n === 0 ? 0 : n; // no -0
};

function normLong(b: bigint): unknown {
  if (b < LONG_MIN || b > LONG_MAX) return setFailDetail('out of range');
  return b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

const toLong: PrimitiveConverter = (v) => {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
    if (!Number.isInteger(v))
      return setFailDetail(Number.isFinite(v) ? 'not an integer' : 'not a finite number');
    // An integral double beyond 2^53: exact as a bigint if it fits in 64 bits.
    if (v >= TWO_63 || v < -TWO_63) return setFailDetail('out of range');
    return BigInt(v);
  }
  if (typeof v === 'string') {
    if (!INT_RE.test(v)) return FAIL;
    if (v.length <= 15) {
      const n = Number(v);
      return n === 0 ? 0 : n;
    }
    return normLong(BigInt(v));
  }
  if (typeof v === 'bigint') return normLong(v);
  return FAIL;
};

const toDouble: PrimitiveConverter = (v) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (FLOAT_RE.test(v)) return Number(v);
    if (v === 'NaN') return NaN;
    if (v === 'Infinity' || v === '+Infinity' || v === 'inf') return Infinity;
    if (v === '-Infinity' || v === '-inf') return -Infinity;
    return FAIL;
  }
  if (typeof v === 'bigint') {
    const n = Number(v);
    return BigInt(n) === v ? n : setFailDetail('not exactly representable');
  }
  return FAIL;
};

const toFloat: PrimitiveConverter = (v) => {
  const d = toDouble(v);
  if (typeof d === 'number' && Number.isFinite(d) && Math.abs(d) > FLOAT_MAX)
    return setFailDetail('out of range');
  return d;
};

const toBoolean: PrimitiveConverter = (v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.length <= 5 ? v.toLowerCase() : '';
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return FAIL;
};

const toStringValue: PrimitiveConverter = (v) => {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'object':
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? FAIL : v.toISOString();
      if (v instanceof Uint8Array) return FAIL;
      if (v instanceof Map) return jsonWithReplacer(v);
      try {
        // No replacer on the fast path: a replacer function makes JSON.stringify several times slower.
        return JSON.stringify(v);
      } catch {
        return jsonWithReplacer(v); // bigint inside
      }
    default:
      return FAIL;
  }
};

/** Integers (bigint) inside a value serialised to JSON text stay JSON numbers. */
const BIGINT_MARK = /"\uE000lw-int:(-?\d+)"/g;

function jsonWithReplacer(v: unknown): unknown {
  try {
    const text = JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? `\uE000lw-int:${x}` : x instanceof Map ? Object.fromEntries(x) : x,
    );
    return text.replace(BIGINT_MARK, '$1');
  } catch {
    return setFailDetail('not serialisable as JSON');
  }
}

const toUuid: PrimitiveConverter = (v) => {
  if (typeof v !== 'string') return FAIL;
  if (UUID_RE.test(v)) return v.toLowerCase();
  let s = v;
  if (s.length === 38 && s[0] === '{' && s[37] === '}') s = s.slice(1, 37);
  if (UUID_RE.test(s)) return s.toLowerCase();
  if (UUID_HEX_RE.test(s)) {
    const h = s.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return setFailDetail('not a UUID');
};

function toBinary(fixedLength: number | null): PrimitiveConverter {
  return (v) => {
    let out: Uint8Array;
    if (typeof v === 'string') {
      if (BASE64_RE.test(v)) out = Buffer.from(v, 'base64');
      else if (BASE64URL_RE.test(v)) out = Buffer.from(v, 'base64url');
      else return setFailDetail('not base64');
    } else if (v instanceof Uint8Array) out = v;
    else return FAIL;
    if (fixedLength !== null && out.length !== fixedLength) {
      return setFailDetail(`${out.length} bytes instead of ${fixedLength}`);
    }
    return out;
  };
}

const DEC_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** decimal(P,S): canonical text with exactly S fraction digits; no rounding (digits that do not fit fail). */
export function toDecimal(precision: number, scale: number): PrimitiveConverter {
  return (v) => {
    let s: string;
    if (typeof v === 'string') s = v.trim();
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return setFailDetail('not a finite number');
      s = String(v);
    } else if (typeof v === 'bigint') s = v.toString();
    else return FAIL;
    const m = DEC_RE.exec(s);
    if (m === null || (m[2] === '' && (m[3] === undefined || m[3] === '')))
      return setFailDetail('not a decimal number');
    const exp = m[4] === undefined ? 0 : Number(m[4]);
    if (Math.abs(exp) > 1000) return setFailDetail('out of range');
    const digits = (m[2] ?? '') + (m[3] ?? '');
    const point = (m[2] ?? '').length + exp;
    let intPart: string;
    let frac: string;
    if (point <= 0) {
      intPart = '';
      frac = '0'.repeat(-point) + digits;
    } else if (point >= digits.length) {
      intPart = digits + '0'.repeat(point - digits.length);
      frac = '';
    } else {
      intPart = digits.slice(0, point);
      frac = digits.slice(point);
    }
    intPart = intPart.replace(/^0+/, '');
    if (frac.length > scale) {
      if (!/^0*$/.test(frac.slice(scale))) return setFailDetail(`more than ${scale} fraction digits`);
      frac = frac.slice(0, scale);
    } else frac = frac.padEnd(scale, '0');
    if (intPart.length > precision - scale)
      return setFailDetail(`does not fit decimal(${precision}, ${scale})`);
    const zero = intPart === '' && /^0*$/.test(frac);
    const sign = m[1] === '-' && !zero ? '-' : '';
    return sign + (intPart === '' ? '0' : intPart) + (scale > 0 ? '.' + frac : '');
  };
}

const DECIMAL_TYPE_RE = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/;
const FIXED_TYPE_RE = /^fixed\[\s*(\d+)\s*\]$/;

/** Exhaustive over the primitive type names; parameterised types are parsed. */
const CONVERTERS: Record<
  Exclude<PrimitiveType, `decimal(${number}, ${number})` | `fixed[${number}]`>,
  PrimitiveConverter
> = {
  boolean: toBoolean,
  int: toInt,
  long: toLong,
  float: toFloat,
  double: toDouble,
  date: toDateDays,
  time: toTimeMicros,
  timestamp: toTimestampMicros,
  timestamptz: toTimestampMicros,
  string: toStringValue,
  uuid: toUuid,
  binary: toBinary(null),
};

export function primitiveConverter(type: PrimitiveType): PrimitiveConverter {
  const c = (CONVERTERS as Record<string, PrimitiveConverter | undefined>)[type];
  if (c) return c;
  const d = DECIMAL_TYPE_RE.exec(type);
  if (d) return toDecimal(Number(d[1]), Number(d[2]));
  const f = FIXED_TYPE_RE.exec(type);
  if (f) return toBinary(Number(f[1]));
  throw new Error(`unknown Iceberg primitive type "${type}"`);
}

export type { Fail };
