import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { hexDigest } from './digest.js';
import { bytesOf } from './util.js';

export const md5 = defineFunction({
  name: 'md5',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => hexDigest('md5', bytesOf(value)),
  examples: [
    { title: 'Create md5 hash', source: 'md5("foo")', result: '"acbd18db4cc2f85cedef654fccc4a4d8"' },
  ],
});
