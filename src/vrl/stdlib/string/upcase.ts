import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { text } from './support/text.js';

export const upcase = defineFunction({
  name: 'upcase',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => text(value).toUpperCase(),
  examples: [{ title: 'Upcase a string', source: 'upcase("Hello, World!")', result: '"HELLO, WORLD!"' }],
});
