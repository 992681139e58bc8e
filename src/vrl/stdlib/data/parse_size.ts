/**
 * Byte sizes as the `parse-size` crate reads them (what VRL's `parse_bytes` uses): a decimal number with
 * optional fraction and exponent (`_` and spaces ignored), then an optional prefix (`k m g t p e`, any
 * case), an optional `i` (always binary) and an optional `B`. Rounds to the nearest byte.
 */

const U64_MAX = 2n ** 64n - 1n;
const PREFIX_POWER: Record<string, bigint> = { k: 1n, m: 2n, g: 3n, t: 4n, p: 5n, e: 6n };

/** The size in bytes, or the crate's error text. */
export function parseSize(text: string, binary: boolean): bigint | string {
  let src = text;
  let multiply = 1n;
  if (src.endsWith('b') || src.endsWith('B')) src = src.slice(0, -1);
  let useBinary = binary;
  if (src.endsWith('i') || src.endsWith('I')) {
    src = src.slice(0, -1);
    useBinary = true;
  }
  const last = src.slice(-1).toLowerCase();
  const power = PREFIX_POWER[last];
  if (power !== undefined) {
    multiply = (useBinary ? 1024n : 1000n) ** power;
    src = src.slice(0, -1);
  }

  type State = 'empty' | 'int' | 'frac' | 'pexp' | 'nexp';
  let state: State = 'empty';
  let mantissa = '';
  let fractionDigits = 0;
  let exponent = 0n;
  let sawFracDot = false;
  for (const ch of src) {
    const digit = ch >= '0' && ch <= '9';
    if (digit && (state === 'empty' || state === 'int')) {
      mantissa += ch;
      state = 'int';
    } else if (digit && state === 'frac') {
      mantissa += ch;
      fractionDigits++;
    } else if (digit && (state === 'pexp' || state === 'nexp')) {
      exponent = exponent * 10n + (state === 'pexp' ? BigInt(ch) : -BigInt(ch));
    } else if (ch === '_' || ch === ' ' || (state === 'pexp' && ch === '+')) {
      // ignored
    } else if ((ch === 'e' || ch === 'E') && (state === 'int' || state === 'frac')) {
      state = 'pexp';
    } else if (state === 'pexp' && ch === '-') {
      state = 'nexp';
    } else if (state === 'int' && ch === '.' && !sawFracDot) {
      state = 'frac';
      sawFracDot = true;
    } else {
      return 'invalid digit found in string';
    }
  }
  if (state === 'empty') return 'cannot parse integer from empty string';
  const value = BigInt(mantissa || '0');
  const exp = exponent - BigInt(fractionDigits);
  const overflow = 'number too large to fit in target type';
  if (exp >= 0n) {
    if (exp >= 20n) return overflow;
    const factor = multiply * 10n ** exp;
    if (factor > U64_MAX) return overflow;
    const result = value * factor;
    return result > U64_MAX ? overflow : result;
  }
  if (exp < -38n) return 0n;
  const power10 = 10n ** -exp;
  const result = (value * multiply + power10 / 2n) / power10;
  return result > U64_MAX ? overflow : result;
}
