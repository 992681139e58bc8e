import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { hexDigest } from './digest.js';
import { bytesOf } from './util.js';

export const sha1 = defineFunction({
  name: 'sha1',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => hexDigest('sha1', bytesOf(value)),
  examples: [
    {
      title: 'Calculate sha1 hash',
      source: 'sha1("foo")',
      result: '"0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33"',
    },
  ],
});
