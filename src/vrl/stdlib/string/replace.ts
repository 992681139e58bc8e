import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlRegex } from '../../value/index.js';
import { literalReplace } from './support/literal.js';
import { expandReplacement, regexReplace } from './support/regex.js';
import { text } from './support/text.js';

export const replace = defineFunction({
  name: 'replace',
  parameters: [
    required('value', K.BYTES),
    required('pattern', K.BYTES | K.REGEX),
    required('with', K.BYTES),
    optional('count', K.INTEGER),
  ],
  kind: Kind.bytes(),
  call: (value, pattern, withValue, count) => {
    const s = text(value);
    const replacement = text(withValue);
    const n = count === undefined || count === null ? -1n : (count as bigint);
    if (n === 0n) return s;
    const limit = n > 0n ? Number(n) : undefined;
    if (pattern instanceof VrlRegex) {
      return regexReplace(pattern, s, (m) => expandReplacement(replacement, pattern, m), limit);
    }
    return literalReplace(s, text(pattern), () => replacement, limit);
  },
  examples: [
    {
      title: 'Replace literal text',
      source: 'replace("Apples and Bananas", "and", "not")',
      result: '"Apples not Bananas"',
    },
    {
      title: 'Replace using regular expression',
      source: 'replace("Apples and Bananas", r\'(?i)bananas\', "Pineapples")',
      result: '"Apples and Pineapples"',
    },
    {
      title: 'Replace first instance',
      source: 'replace("Bananas and Bananas", "Bananas", "Pineapples", count: 1)',
      result: '"Pineapples and Bananas"',
    },
    {
      title: 'Replace with capture groups',
      source: 'replace("foo123bar", r\'foo(?P<num>\\d+)bar\', "$num")',
      result: '"123"',
    },
    { title: 'Replace all', source: 'replace("foobar", "o", "i")', result: '"fiibar"' },
  ],
});
