import { compress } from 'snappyjs';
import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { bytesOf, fail } from './util.js';

export const encode_snappy = defineFunction({
  name: 'encode_snappy',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    let out: Uint8Array;
    try {
      out = compress(bytesOf(value));
    } catch {
      return fail('unable to encode value with Snappy encoder');
    }
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Encode to Snappy',
      source: 'encode_base64(encode_snappy!("The quick brown fox jumps over 13 lazy dogs."))',
      result: '"LKxUaGUgcXVpY2sgYnJvd24gZm94IGp1bXBzIG92ZXIgMTMgbGF6eSBkb2dzLg=="',
    },
  ],
});
