import { uncompress } from 'snappyjs';
import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { bytesOf, fail } from './util.js';

/** Snappy's varint preamble (the uncompressed length), or -1 when malformed. */
function preambleLength(bytes: Uint8Array): number {
  let result = 0;
  for (let i = 0, shift = 0; i < bytes.length && i < 5; i++, shift += 7) {
    const b = bytes[i]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
  }
  return -1;
}

export const decode_snappy = defineFunction({
  name: 'decode_snappy',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const bytes = bytesOf(value);
    const length = preambleLength(bytes);
    // A snappy element expands at most 64 times, so a larger claimed length cannot be valid: reject it
    // before allocating.
    if (length < 0 || length > bytes.length * 64) fail('unable to decode value with Snappy decoder');
    let out: Uint8Array;
    try {
      out = uncompress(bytes);
    } catch {
      return fail('unable to decode value with Snappy decoder');
    }
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Decode Snappy data',
      source:
        'decode_snappy!(decode_base64!("LKxUaGUgcXVpY2sgYnJvd24gZm94IGp1bXBzIG92ZXIgMTMgbGF6eSBkb2dzLg=="))',
      result: '"The quick brown fox jumps over 13 lazy dogs."',
    },
  ],
});
