import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { decompressBlock, decompressFrame, decompressSizePrepended, isFrame } from './lz4_block.js';
import { bytesOf, fail } from './util.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const decode_lz4 = defineFunction({
  name: 'decode_lz4',
  parameters: [
    required('value', K.BYTES),
    optional('buf_size', K.INTEGER),
    optional('prepended_size', K.BOOLEAN),
  ],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, bufSize, prependedSize) => {
    const bytes = bytesOf(value);
    const size = bufSize === undefined ? 1_000_000 : (bufSize as bigint);
    const capacity = size >= 0n && size <= 0xffffffffn ? Number(size) : Number.MAX_SAFE_INTEGER;
    if (isFrame(bytes)) {
      try {
        return fromBytes(decompressFrame(bytes));
      } catch (error) {
        return fail(`unable to decode value with lz4 frame decoder: ${message(error)}`);
      }
    }
    try {
      return fromBytes(
        prependedSize === true ? decompressSizePrepended(bytes) : decompressBlock(bytes, capacity),
      );
    } catch (error) {
      return fail(`unable to decode value with lz4 block decoder: ${message(error)}`);
    }
  },
  examples: [
    {
      title: 'LZ4 block with prepended size',
      source:
        'decode_lz4!(decode_base64!("LAAAAPAdVGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIDEzIGxhenkgZG9ncy4="), prepended_size: true)',
      result: '"The quick brown fox jumps over 13 lazy dogs."',
    },
    {
      title: 'Decode Lz4 data without prepended size.',
      source:
        'decode_lz4!(decode_base64!("BCJNGGBAgiwAAIBUaGUgcXVpY2sgYnJvd24gZm94IGp1bXBzIG92ZXIgMTMgbGF6eSBkb2dzLgAAAAA="))',
      result: '"The quick brown fox jumps over 13 lazy dogs."',
    },
  ],
});
