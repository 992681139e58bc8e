import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { decimalRatio, div, exceedsDecimal, mul, ratioToNumber, type Ratio } from './rational.js';

/** Seconds per unit. */
const UNITS = new Map<string, Ratio>([
  ['ns', { num: 1n, den: 1_000_000_000n }],
  ['us', { num: 1n, den: 1_000_000n }],
  ['µs', { num: 1n, den: 1_000_000n }],
  ['ms', { num: 1n, den: 1_000n }],
  ['cs', { num: 1n, den: 100n }],
  ['ds', { num: 1n, den: 10n }],
  ['s', { num: 1n, den: 1n }],
  ['m', { num: 60n, den: 1n }],
  ['h', { num: 3_600n, den: 1n }],
  ['d', { num: 86_400n, den: 1n }],
  ['w', { num: 604_800n, den: 1n }],
]);

/** Like VRL's (unanchored) pattern: a number, an optional space, a one- or two-letter unit. */
const PART = /([0-9]*\.?[0-9]+)\s?([µa-z]{1,2})/iu;

export const parse_duration = defineFunction({
  name: 'parse_duration',
  parameters: [required('value', K.BYTES), required('unit', K.BYTES)],
  kind: Kind.float(),
  fallible: true,
  call(value, unit) {
    let rest = toText(value as string | Uint8Array);
    const unitText = toText(unit as string | Uint8Array);
    const factor = UNITS.get(unitText);
    if (!factor) throw new VrlError(`unknown unit format: '${unitText}'`);
    let total = 0;
    while (rest.length > 0) {
      const m = PART.exec(rest);
      if (!m) throw new VrlError(`unable to parse duration: '${rest}'`);
      const partUnit = UNITS.get(m[2]!);
      if (!partUnit) throw new VrlError(`unknown duration unit: '${m[2]}'`);
      const amount = decimalRatio(m[1]!);
      const product = mul(amount, partUnit);
      if (exceedsDecimal(amount) || exceedsDecimal(product))
        throw new VrlError(`unable to convert duration: '${rest}'`);
      const converted = div(product, factor);
      if (exceedsDecimal(converted)) throw new VrlError(`unable to convert duration: '${rest}'`);
      total += ratioToNumber(converted);
      rest = rest.slice(m.index + m[0].length);
    }
    return total;
  },
  examples: [
    {
      title: 'Parse duration (milliseconds)',
      source: 'parse_duration!("1005ms", unit: "s")',
      result: '1.005',
    },
    {
      title: 'Parse multiple durations (seconds & milliseconds)',
      source: 'parse_duration!("1s 1ms", unit: "ms")',
      result: '1001.0',
    },
  ],
});
