import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { bytesOf } from './util.js';

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const MAX_BLOCK = 128 * 1024;

/**
 * A valid Zstandard frame holding the input uncompressed (raw blocks; a run of one byte becomes an RLE
 * block). There is no pure-JavaScript zstd compressor; for input zstd cannot shrink these are the bytes
 * the reference encoder writes (streaming frame, 2 MiB window, no content size; the empty input gets a
 * single-segment frame with content size 0), larger input is valid but not compressed.
 */
export function zstdStoredFrame(input: Uint8Array): Uint8Array {
  if (input.length === 0) return Uint8Array.from([...MAGIC, 0x20, 0x00, 0x01, 0x00, 0x00]);
  const blocks = Math.ceil(input.length / MAX_BLOCK);
  const out = new Uint8Array(6 + blocks * 3 + input.length);
  out.set(MAGIC);
  out[4] = 0x00; // frame header descriptor: no content size, no checksum, window descriptor follows
  out[5] = 0x58; // window 2 MiB
  let o = 6;
  for (let start = 0; start < input.length; start += MAX_BLOCK) {
    const chunk = input.subarray(start, Math.min(start + MAX_BLOCK, input.length));
    const last = start + MAX_BLOCK >= input.length ? 1 : 0;
    const rle = chunk.length > 1 && chunk.every((b) => b === chunk[0]);
    const header = (chunk.length << 3) | ((rle ? 1 : 0) << 1) | last;
    out[o++] = header & 0xff;
    out[o++] = (header >> 8) & 0xff;
    out[o++] = (header >> 16) & 0xff;
    if (rle) out[o++] = chunk[0]!;
    else {
      out.set(chunk, o);
      o += chunk.length;
    }
  }
  return out.subarray(0, o);
}

export const encode_zstd = defineFunction({
  name: 'encode_zstd',
  parameters: [required('value', K.BYTES), optional('compression_level', K.INTEGER)],
  kind: Kind.bytes(),
  call: (value) => fromBytes(zstdStoredFrame(bytesOf(value))),
  examples: [
    {
      title: 'Encode to Zstd',
      source: 'encode_base64(encode_zstd("please encode me"))',
      result: '"KLUv/QBYgQAAcGxlYXNlIGVuY29kZSBtZQ=="',
    },
  ],
});
