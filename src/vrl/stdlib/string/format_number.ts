import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { decimalFromF64, formatDecimal } from './support/decimal.js';
import { optionalText } from './support/text.js';

function numberText(value: Value): string {
  if (typeof value === 'bigint') return value.toString();
  const n = value as number;
  const decimal = decimalFromF64(n);
  // VRL panics beyond the decimal range (about 7.9e28); such floats are integers, printed exactly here.
  return decimal ? formatDecimal(decimal) : BigInt(n).toString();
}

function group(integer: string, separator: string): string {
  const start = integer.length % 3;
  let out = integer.slice(0, start);
  for (let i = start; i < integer.length; i += 3) out += separator + integer.slice(i, i + 3);
  return out;
}

export const format_number = defineFunction({
  name: 'format_number',
  parameters: [
    required('value', K.INTEGER | K.FLOAT),
    optional('scale', K.INTEGER),
    optional('decimal_separator', K.BYTES),
    optional('grouping_separator', K.BYTES),
  ],
  kind: Kind.bytes(),
  call: (value, scale, decimalSeparator, groupingSeparator) => {
    const parts = numberText(value!).split('.');
    if (scale !== undefined && scale !== null) {
      // A negative scale makes VRL allocate without bound; it is treated as 0 here.
      const digits = (scale as bigint) <= 0n ? 0 : Number(scale);
      if (digits === 0) parts.length = 1;
      else {
        const fraction = parts[1] ?? '';
        parts[1] = fraction.length < digits ? fraction.padEnd(digits, '0') : fraction.slice(0, digits);
      }
    }
    if (groupingSeparator !== undefined && groupingSeparator !== null) {
      parts[0] = group(parts[0]!, optionalText(groupingSeparator, ''));
    }
    return parts.join(optionalText(decimalSeparator, '.'));
  },
  examples: [
    {
      title: 'Format a number (3 decimals)',
      source: 'format_number(1234567.89, 3, decimal_separator: ".", grouping_separator: ",")',
      result: '"1,234,567.890"',
    },
    {
      title: 'Format a number with European-style separators',
      source: 'format_number(4672.4, decimal_separator: ",", grouping_separator: "_")',
      result: '"4_672,4"',
    },
    {
      title: 'Format a number with a middle dot separator',
      source: 'format_number(4321.09, 3, decimal_separator: "·")',
      result: '"4321·090"',
    },
  ],
});
