import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { isBytes, type Value, type VrlRegex } from '../../value/index.js';
import { regexTest } from './support/regex.js';
import { text } from './support/text.js';

export const match_array = defineFunction({
  name: 'match_array',
  parameters: [required('value', K.ARRAY), required('pattern', K.REGEX), optional('all', K.BOOLEAN)],
  kind: Kind.boolean(),
  call: (value, pattern, all) => {
    const re = pattern as VrlRegex;
    // Elements that are not strings never match.
    const matches = (item: Value) => isBytes(item) && regexTest(re, text(item));
    const items = value as Value[];
    return all === true ? items.every(matches) : items.some(matches);
  },
  examples: [
    {
      title: 'Match at least one element',
      source: 'match_array(["foobar", "bazqux"], r\'foo\')',
      result: 'true',
    },
    {
      title: 'Match all elements',
      source: 'match_array(["foo", "foobar", "barfoo"], r\'foo\', all: true)',
      result: 'true',
    },
    { title: 'No matches', source: 'match_array(["bazqux", "xyz"], r\'foo\')', result: 'false' },
    {
      title: 'Not all elements match',
      source: 'match_array(["foo", "foobar", "baz"], r\'foo\', all: true)',
      result: 'false',
    },
  ],
});
