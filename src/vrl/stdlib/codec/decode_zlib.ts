import { inflateSync } from 'node:zlib';
import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { bytesOf, fail, u8 } from './util.js';

export const decode_zlib = defineFunction({
  name: 'decode_zlib',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const bytes = bytesOf(value);
    if (bytes.length === 0) return ''; // flate2 reads an empty stream as empty output
    let out: Uint8Array;
    try {
      out = u8(inflateSync(bytes));
    } catch {
      return fail('unable to decode value with Zlib decoder');
    }
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Decode Zlib data',
      source: 'decode_zlib!(decode_base64!("eJxLzUvOT0mNz00FABI5A6A="))',
      result: '"encode_me"',
    },
  ],
});
