import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { caseFolded } from './support/text.js';

export const contains = defineFunction({
  name: 'contains',
  parameters: [
    required('value', K.BYTES),
    required('substring', K.BYTES),
    optional('case_sensitive', K.BOOLEAN),
  ],
  kind: Kind.boolean(),
  call: (value, substring, caseSensitive) => {
    const [haystack, needle] = caseFolded(value, substring, caseSensitive);
    return haystack.includes(needle);
  },
  examples: [
    {
      title: 'String contains with default parameters (case sensitive)',
      source: 'contains("banana", "AnA")',
      result: 'false',
    },
    {
      title: 'String contains (case insensitive)',
      source: 'contains("banana", "AnA", case_sensitive: false)',
      result: 'true',
    },
  ],
});
