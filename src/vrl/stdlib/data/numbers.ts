/** Number parsing as Rust's standard library does it (`str::parse::<f64>`, `i64::from_str_radix`). */

/** Rust's `ParseIntError` texts. */
export const INT_ERRORS = {
  empty: 'cannot parse integer from empty string',
  invalid: 'invalid digit found in string',
  positive: 'number too large to fit in target type',
  negative: 'number too small to fit in target type',
} as const;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** `i64::from_str_radix`: an optional sign, then digits of `radix`; returns the value or an error text. */
export function parseI64Radix(text: string, radix: number): bigint | string {
  if (text.length === 0) return INT_ERRORS.empty;
  let i = 0;
  let negative = false;
  if (text[0] === '+' || text[0] === '-') {
    negative = text[0] === '-';
    i = 1;
    if (text.length === 1) return INT_ERRORS.invalid;
  }
  const big = BigInt(radix);
  let value = 0n;
  for (; i < text.length; i++) {
    const d = digitValue(text.charCodeAt(i));
    if (d < 0 || d >= radix) return INT_ERRORS.invalid;
    value = value * big + (negative ? -BigInt(d) : BigInt(d));
    if (value > I64_MAX) return INT_ERRORS.positive;
    if (value < I64_MIN) return INT_ERRORS.negative;
  }
  return value;
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * Rust's `str::parse::<f64>`: decimal with optional fraction and exponent, or `inf`/`infinity`/`nan` in any
 * case, each with an optional sign; no whitespace. Returns the number (NaN for `nan`) or an error text.
 */
export function parseRustF64(text: string): number | string {
  if (text.length === 0) return 'cannot parse float from empty string';
  if (SPECIAL.test(text)) {
    const negative = text[0] === '-';
    if (/nan/i.test(text)) return NaN;
    return negative ? -Infinity : Infinity;
  }
  if (!FLOAT.test(text)) return 'invalid float literal';
  return Number(text);
}

/** Rust's `{:?}` for a string: double quotes, with quotes, backslashes and control characters escaped. */
export function rustDebugString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (c < 0x20 || c === 0x7f) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** VRL's `Display` of a bytes value: in double quotes, inner quotes escaped. */
export function vrlDisplayString(text: string): string {
  return `"${text.replace(/"/g, '\\"')}"`;
}
