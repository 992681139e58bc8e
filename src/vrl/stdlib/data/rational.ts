/** Exact decimal arithmetic on `bigint` fractions, for the unit conversions VRL does with `rust_decimal`. */

export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** rust_decimal's largest magnitude (2^96 - 1). */
export const DECIMAL_MAX = 2n ** 96n - 1n;

/** A decimal literal such as `12.30` as an exact fraction. */
export function decimalRatio(text: string): Ratio {
  const dot = text.indexOf('.');
  if (dot < 0) return { num: BigInt(text), den: 1n };
  const frac = text.slice(dot + 1);
  return { num: BigInt((text.slice(0, dot) || '0') + frac), den: 10n ** BigInt(frac.length) };
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function div(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.den, den: a.den * b.num };
}

/** True when |value| exceeds what a `Decimal` can hold. */
export function exceedsDecimal(r: Ratio): boolean {
  const n = r.num < 0n ? -r.num : r.num;
  return n / r.den > DECIMAL_MAX;
}

/** The nearest float to the fraction (to within double rounding at 21 significant digits). */
export function ratioToNumber(r: Ratio): number {
  if (r.num === 0n) return 0;
  const negative = r.num < 0n !== r.den < 0n;
  const num = r.num < 0n ? -r.num : r.num;
  const den = r.den < 0n ? -r.den : r.den;
  // Scale so the quotient has at least 21 digits.
  const digits = num.toString().length - den.toString().length;
  const k = Math.max(0, 21 - digits);
  const q = (num * 10n ** BigInt(k)) / den;
  const value = Number(`${q}e-${k}`);
  return negative ? -value : value;
}
