import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { text } from './support/text.js';

export const downcase = defineFunction({
  name: 'downcase',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => text(value).toLowerCase(),
  examples: [
    { title: 'Downcase a string', source: 'downcase("Hello, World!")', result: '"hello, world!"' },
    { title: 'Downcase with number', source: 'downcase("FOO 2 BAR")', result: '"foo 2 bar"' },
  ],
});
