/** `compression_level` handling shared by `encode_gzip` and `encode_zlib` (flate2 levels 0–10). */
import type { ArgumentInfo } from '../function.js';
import type { Value } from '../../value/index.js';
import { fail } from './util.js';

export const MAX_COMPRESSION_LEVEL = 10;

/** VRL casts the integer to `u32` (wrapping) and rejects anything above 10; zlib's best is 9. */
export function flateLevel(level: Value | undefined): number {
  const raw = level === undefined ? 6 : Number(BigInt.asUintN(32, level as bigint));
  if (raw > MAX_COMPRESSION_LEVEL) fail(`compression level must be <= ${MAX_COMPRESSION_LEVEL}`);
  return Math.min(raw, 9);
}

/** Infallible when the level is omitted or a constant integer `<= 10` (a signed comparison, as VRL does). */
export function levelFallible(args: readonly (ArgumentInfo | undefined)[], index: number): boolean {
  const arg = args[index];
  if (!arg) return false;
  const value = arg.constant?.value;
  return !(typeof value === 'bigint' && value <= BigInt(MAX_COMPRESSION_LEVEL));
}
