import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { VrlRegex } from '../../value/index.js';
import { regexTest } from './support/regex.js';
import { text } from './support/text.js';

export const match = defineFunction({
  name: 'match',
  parameters: [required('value', K.BYTES), required('pattern', K.REGEX)],
  kind: Kind.boolean(),
  call: (value, pattern) => regexTest(pattern as VrlRegex, text(value)),
  examples: [
    { title: 'Regex match on a string', source: "match(\"I'm a little teapot\", r'teapot')", result: 'true' },
    {
      title: 'String does not match the regular expression',
      source: "match(\"I'm a little teapot\", r'.*balloon')",
      result: 'false',
    },
  ],
});
