import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { compressBlockRaw } from './lz4_block.js';
import { bytesOf } from './util.js';

export const encode_lz4 = defineFunction({
  name: 'encode_lz4',
  parameters: [required('value', K.BYTES), optional('prepend_size', K.BOOLEAN)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, prependSize) => {
    const input = bytesOf(value);
    const block = compressBlockRaw(input);
    if (prependSize === false) return fromBytes(block);
    const out = new Uint8Array(4 + block.length);
    new DataView(out.buffer).setUint32(0, input.length, true);
    out.set(block, 4);
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Encode to Lz4',
      source: 'encode_base64(encode_lz4!("The quick brown fox jumps over 13 lazy dogs.", true))',
      result: '"LAAAAPAdVGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIDEzIGxhenkgZG9ncy4="',
    },
  ],
});
