import { gunzipSync } from 'node:zlib';
import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { bytesOf, fail, u8 } from './util.js';

export const decode_gzip = defineFunction({
  name: 'decode_gzip',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    let out: Uint8Array;
    try {
      out = u8(gunzipSync(bytesOf(value)));
    } catch {
      return fail('unable to decode value with Gzip decoder');
    }
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Decode Gzip data',
      source: 'decode_gzip!(decode_base64!("H4sIAB8BymMAAyvISU0sTlVISU3OT0lVyE0FAJsZ870QAAAA"))',
      result: '"please decode me"',
    },
  ],
});
