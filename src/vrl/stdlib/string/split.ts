import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlRegex } from '../../value/index.js';
import { literalSplitN } from './support/literal.js';
import { regexSplitN } from './support/regex.js';
import { text } from './support/text.js';

const DEFAULT_LIMIT = 999_999_999n;

export const split = defineFunction({
  name: 'split',
  parameters: [
    required('value', K.BYTES),
    required('pattern', K.BYTES | K.REGEX),
    optional('limit', K.INTEGER),
  ],
  kind: Kind.array(Kind.bytes()),
  call: (value, pattern, limit) => {
    const s = text(value);
    const raw = limit === undefined || limit === null ? DEFAULT_LIMIT : (limit as bigint);
    // Past the number of possible pieces a limit changes nothing.
    const n = raw < 0n ? 0 : raw > BigInt(s.length + 2) ? s.length + 2 : Number(raw);
    if (pattern instanceof VrlRegex) return regexSplitN(pattern, s, n);
    return literalSplitN(s, text(pattern), n);
  },
  examples: [
    {
      title: 'Split a string (no limit)',
      source: 'split("apples and pears and bananas", " and ")',
      result: '["apples", "pears", "bananas"]',
    },
    {
      title: 'Split a string (with a limit)',
      source: 'split("apples and pears and bananas", " and ", limit: 2)',
      result: '["apples", "pears and bananas"]',
    },
    { title: 'Split string', source: 'split("foobar", "b")', result: '["foo", "ar"]' },
    { title: 'Split regex', source: 'split("barbaz", r\'ba\')', result: '["", "r", "z"]' },
  ],
});
