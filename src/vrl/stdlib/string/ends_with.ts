import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { caseFolded } from './support/text.js';

export const ends_with = defineFunction({
  name: 'ends_with',
  parameters: [
    required('value', K.BYTES),
    required('substring', K.BYTES),
    optional('case_sensitive', K.BOOLEAN),
  ],
  kind: Kind.boolean(),
  call: (value, substring, caseSensitive) => {
    const [haystack, needle] = caseFolded(value, substring, caseSensitive);
    return haystack.endsWith(needle);
  },
  examples: [
    {
      title: 'String ends with (case sensitive)',
      source: 'ends_with("The Needle In The Haystack", "The Haystack")',
      result: 'true',
    },
    {
      title: 'String ends with (case insensitive)',
      source: 'ends_with("The Needle In The Haystack", "the haystack", case_sensitive: false)',
      result: 'true',
    },
    {
      title: 'String ends with (case sensitive failure)',
      source: 'ends_with("foobar", "R")',
      result: 'false',
    },
  ],
});
