import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { bytesOf, hexLower } from './util.js';

export const encode_base16 = defineFunction({
  name: 'encode_base16',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => hexLower(bytesOf(value)),
  examples: [
    {
      title: 'Encode to Base16',
      source: 'encode_base16("some string value")',
      result: '"736f6d6520737472696e672076616c7565"',
    },
  ],
});
