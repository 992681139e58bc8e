import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { seahash64 } from './seahash_impl.js';
import { bytesOf } from './util.js';

export const seahash = defineFunction({
  name: 'seahash',
  parameters: [required('value', K.BYTES)],
  kind: Kind.integer(),
  call: (value) => BigInt.asIntN(64, seahash64(bytesOf(value))),
  examples: [
    { title: 'Calculate seahash', source: 'seahash("foobar")', result: '5348458858952426560' },
    { title: 'Calculate negative seahash', source: 'seahash("bar")', result: '-2796170501982571315' },
  ],
});
