/** Shared pieces of the numeric functions. */
import { K, Kind } from '../../../types/index.js';
import type { Args } from './kinds.js';

/** The value's own kind when it is exactly integer or float, `integer or float` otherwise. */
export function numericKind(args: Args): Kind {
  const kind = args[0]!.kind;
  if (kind.is(K.INTEGER)) return Kind.integer();
  if (kind.is(K.FLOAT)) return Kind.float();
  return Kind.bits(K.INTEGER | K.FLOAT);
}

/** Rust's `f64::round`: half away from zero. */
export function roundHalfAwayFromZero(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  const frac = x - t;
  if (Math.abs(frac) >= 0.5) return t + Math.sign(x);
  return t === 0 ? (Object.is(x, -0) || x < 0 ? -0 : 0) : t;
}

/** VRL's `round_to_precision`: scale by 10^precision, apply `fn`, scale back; NaN becomes 0. */
export function roundToPrecision(value: number, precision: bigint, fn: (x: number) => number): number {
  const multiplier = 10 ** Number(precision);
  const result = fn(value * multiplier) / multiplier;
  return Number.isNaN(result) ? 0 : result;
}
