/**
 * How Rust prints and parses the scalars VRL's value functions expose in results and messages:
 * `f64` Display (`52.2`, `100`, `1000000000000000000000`, never an exponent), `str::parse::<i64>` and
 * `str::parse::<f64>` with their error texts, and `{:?}` (Debug) of strings and values.
 */
import { toText, VrlRegex, VrlTimestamp, type Value } from '../../../value/index.js';
import { sortedKeys } from '../../../value/index.js';
import { toRfc3339 } from '../../../time/index.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;

/** Shortest round-trip digits and decimal exponent: value = 0.d1d2… × 10^point. */
function digitsOf(value: number): { digits: string; point: number } {
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  return { digits: mantissa.replace('.', ''), point: Number(exp) + 1 };
}

/** Rust's `Display` for `f64`: plain decimal, shortest round-trip digits, no `.0` on integral values. */
export function rustFloatDisplay(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0`;
  const { digits, point } = digitsOf(value);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Rust's `Debug` for `f64`: like Display but integral values keep `.0`, and exponents beyond 1e16 / below 1e-4. */
export function rustFloatDebug(value: number): string {
  if (!Number.isFinite(value) || value === 0) {
    const text = rustFloatDisplay(value);
    return value === 0 ? `${text}.0` : text;
  }
  const abs = Math.abs(value);
  if (abs >= 1e16 || abs < 1e-4) {
    const { digits, point } = digitsOf(value);
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${value < 0 ? '-' : ''}${mantissa}e${point - 1}`;
  }
  const text = rustFloatDisplay(value);
  return text.includes('.') ? text : `${text}.0`;
}

/** Rust's `Debug` for `str`: double-quoted with `\"`, `\\`, `\n`, `\r`, `\t`, `\0` and `\u{…}` escapes. */
export function rustDebugString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code === 0) out += '\\0';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Rust's `Debug` for byte strings (`b"…"`): ASCII printable as is, the rest as `\xNN`. */
function rustDebugBytes(value: string | Uint8Array): string {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  let out = 'b"';
  for (const b of bytes) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b === 0) out += '\\0';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Rust's `Debug` for a VRL `Value` (as `tally` prints a non-string element). */
export function rustDebugValue(value: Value): string {
  switch (typeof value) {
    case 'string':
      return `Bytes(${rustDebugBytes(value)})`;
    case 'bigint':
      return `Integer(${value})`;
    case 'number':
      return `Float(NotNan(${rustFloatDebug(value)}))`;
    case 'boolean':
      return `Boolean(${value})`;
  }
  if (value === null) return 'Null';
  if (value instanceof Uint8Array) return `Bytes(${rustDebugBytes(value)})`;
  if (value instanceof VrlTimestamp) return `Timestamp(${toRfc3339(value.ns)})`;
  if (value instanceof VrlRegex) return `Regex(ValueRegex(Regex(${rustDebugString(value.pattern)})))`;
  if (Array.isArray(value)) return `Array([${value.map(rustDebugValue).join(', ')}])`;
  const entries = sortedKeys(value).map(
    (k) => `KeyString(${rustDebugString(k)}): ${rustDebugValue(value[k]!)}`,
  );
  return `Object({${entries.join(', ')}})`;
}

/** `str::parse::<i64>()`: an optional sign and ASCII digits; Rust's error text otherwise. */
export function parseRustInt(text: string): { ok: true; value: bigint } | { ok: false; error: string } {
  if (text === '') return { ok: false, error: 'cannot parse integer from empty string' };
  if (!/^[+-]?[0-9]+$/.test(text)) return { ok: false, error: 'invalid digit found in string' };
  const value = BigInt(text);
  if (value > I64_MAX) return { ok: false, error: 'number too large to fit in target type' };
  if (value < I64_MIN) return { ok: false, error: 'number too small to fit in target type' };
  return { ok: true, value };
}

const FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

/** `str::parse::<f64>()`: decimal with optional exponent, `inf`/`infinity`/`nan` in any case. */
export function parseRustFloat(text: string): { ok: true; value: number } | { ok: false; error: string } {
  if (text === '') return { ok: false, error: 'cannot parse float from empty string' };
  const special = SPECIAL_RE.exec(text);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return { ok: true, value: Number.NaN };
    return { ok: true, value: special[1] === '-' ? -Infinity : Infinity };
  }
  if (!FLOAT_RE.test(text)) return { ok: false, error: 'invalid float literal' };
  return { ok: true, value: Number(text) };
}

/** Rust's `as i64` from `f64`: truncates toward zero and saturates at the i64 limits. */
export function floatToI64(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= TWO_63) return I64_MAX;
  if (value <= -TWO_63) return I64_MIN;
  return BigInt(Math.trunc(value));
}

/** VRL's `Display` for values (`"text"`, `[1, 2]`, `{ "a": 1 }`, `t'…'`, `r'…'`), as `assert_eq` prints them. */
export function vrlDisplay(value: Value): string {
  switch (typeof value) {
    case 'string':
      return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
    case 'bigint':
      return value.toString();
    case 'number':
      return rustFloatDisplay(value);
    case 'boolean':
      return String(value);
  }
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return vrlDisplay(toText(value));
  if (value instanceof VrlTimestamp) return `t'${toRfc3339(value.ns)}'`;
  if (value instanceof VrlRegex) return `r'${value.pattern}'`;
  if (Array.isArray(value)) return `[${value.map(vrlDisplay).join(', ')}]`;
  const entries = sortedKeys(value).map((k) => `"${k}": ${vrlDisplay(value[k]!)}`);
  return `{ ${entries.join(', ')} }`;
}
