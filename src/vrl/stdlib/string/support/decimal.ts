/**
 * A float converted to a decimal the way VRL does it (`rust_decimal`'s `Decimal::from_f64`): exact base-2 to
 * base-10 conversion into a 96-bit mantissa, then excess precision beyond what an f64 guarantees rounded away
 * and trailing zeros dropped. So `0.1` prints as `0.1` and `0.30000000000000004` as `0.3`.
 */
const MAX_MANTISSA = (1n << 96n) - 1n;
const TOP_BIT = 1n << 95n;
const F64_PRECISION = 1n << 52n;
const MAX_SCALE = 28;

export interface Decimal {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly scale: number;
}

export function decimalFromF64(n: number): Decimal | undefined {
  if (!Number.isFinite(n)) return undefined;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const raw = view.getBigUint64(0);
  const negative = raw >> 63n === 1n;
  const biased = Number((raw >> 52n) & 0x7ffn);
  let bits = raw & 0xf_ffff_ffff_ffffn;
  if (biased === 0 && bits === 0n) return { negative, mantissa: 0n, scale: 0 };
  let exponent2 = biased - 1023;
  if (biased === 0) exponent2 += 1;
  else bits |= 1n << 52n;
  exponent2 -= 52;

  let exponent5 = -exponent2;
  let exponent10 = exponent2;
  while (exponent5 > 0) {
    if ((bits & 1n) === 0n) {
      exponent10++;
      exponent5--;
      bits >>= 1n;
    } else {
      exponent5--;
      const times5 = bits * 5n;
      if (times5 <= MAX_MANTISSA) bits = times5;
      else {
        exponent10++;
        bits >>= 1n;
      }
    }
  }
  while (exponent5 < 0) {
    if ((bits & TOP_BIT) === 0n) {
      exponent10--;
      exponent5++;
      bits <<= 1n;
    } else if (exponent10 * 2 > -exponent5) {
      return undefined;
    } else {
      exponent5++;
      bits /= 5n;
    }
  }
  while (exponent10 > 0) {
    const times10 = bits * 10n;
    if (times10 > MAX_MANTISSA) return undefined;
    bits = times10;
    exponent10--;
  }
  while (exponent10 < -MAX_SCALE) {
    const rem = bits % 10n;
    bits /= 10n;
    exponent10++;
    if (bits === 0n) exponent10 = 0;
    else if (rem >= 5n) bits += 1n;
  }
  while (exponent10 < 0 && bits >= F64_PRECISION) {
    const rem = bits % 10n;
    bits /= 10n;
    exponent10++;
    if (rem >= 5n) bits += 1n;
  }
  while (exponent10 < 0 && bits % 10n === 0n) {
    bits /= 10n;
    exponent10++;
  }
  return { negative, mantissa: bits, scale: -exponent10 };
}

/** `Decimal`'s `Display`: all `scale` digits after the point, `-` for negative values (and negative zero). */
export function formatDecimal(d: Decimal): string {
  let digits = d.mantissa.toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, '0');
    digits = `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  }
  return d.negative ? `-${digits}` : digits;
}
