/**
 * LZ4 block and frame decoding with bounds checks (VRL uses `lz4_flex`; its error texts are kept), and block
 * encoding through `lz4js` (whose output for incompressible input is a literal-only block, as here).
 */
import { compressBlock, compressBound } from 'lz4js';
import { xxh32 } from './xxhash_impl.js';

export class Lz4Error extends Error {}

/**
 * Decodes one block into `out` starting at `start` (earlier bytes of `out` may be referenced, for linked
 * frame blocks). Returns the end offset. Fails rather than writing past `out.length`.
 */
export function decodeBlockInto(src: Uint8Array, out: Uint8Array, start: number): number {
  let s = 0;
  let d = start;
  const end = src.length;
  while (s < end) {
    const token = src[s++]!;
    let literals = token >> 4;
    if (literals === 15) {
      for (;;) {
        if (s >= end) throw new Lz4Error('expected another byte, found none');
        const b = src[s++]!;
        literals += b;
        if (b !== 255) break;
      }
    }
    if (s + literals > end) throw new Lz4Error('literal is out of bounds of the input');
    if (d + literals > out.length)
      throw new Lz4Error(
        `provided output is too small for the decompressed data, actual ${out.length}, expected ${d + literals}`,
      );
    out.set(src.subarray(s, s + literals), d);
    s += literals;
    d += literals;
    if (s >= end) break;
    if (s + 2 > end) throw new Lz4Error('expected another byte, found none');
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    let length = token & 15;
    if (length === 15) {
      for (;;) {
        if (s >= end) throw new Lz4Error('expected another byte, found none');
        const b = src[s++]!;
        length += b;
        if (b !== 255) break;
      }
    }
    length += 4;
    if (offset === 0 || offset > d)
      throw new Lz4Error('the offset to copy is not contained in the decompressed buffer');
    if (d + length > out.length)
      throw new Lz4Error(
        `provided output is too small for the decompressed data, actual ${out.length}, expected ${d + length}`,
      );
    for (let m = d - offset, n = 0; n < length; n++) out[d++] = out[m++]!;
  }
  return d;
}

/** `lz4_flex::block::decompress(input, size)`: at most `size` bytes of output. */
export function decompressBlock(src: Uint8Array, size: number): Uint8Array {
  // Output never exceeds 255 times the input; don't allocate more than that.
  const out = new Uint8Array(Math.min(size, src.length * 255 + 16));
  const n = decodeBlockInto(src, out, 0);
  return out.subarray(0, n);
}

/** `lz4_flex::block::decompress_size_prepended`: a little-endian u32 size, then the block. */
export function decompressSizePrepended(src: Uint8Array): Uint8Array {
  if (src.length < 4) throw new Lz4Error('expected another byte, found none');
  const size = (src[0]! | (src[1]! << 8) | (src[2]! << 16) | (src[3]! << 24)) >>> 0;
  const body = src.subarray(4);
  if (size > body.length * 255 + 16)
    throw new Lz4Error(
      `provided output is too small for the decompressed data, actual ${size}, expected ${size + 1}`,
    );
  const out = new Uint8Array(size);
  const n = decodeBlockInto(body, out, 0);
  if (n !== size) throw new Lz4Error(`the expected decompressed size differs, actual ${n}, expected ${size}`);
  return out;
}

export const LZ4_FRAME_MAGIC = [0x04, 0x22, 0x4d, 0x18];

export function isFrame(bytes: Uint8Array): boolean {
  return LZ4_FRAME_MAGIC.every((b, i) => bytes[i] === b);
}

/** Decodes an LZ4 frame (all blocks; content checksum verified when present). */
export function decompressFrame(src: Uint8Array): Uint8Array {
  const need = (n: number, at: number): void => {
    if (at + n > src.length) throw new Lz4Error('unexpected end of frame');
  };
  let p = 4;
  need(3, p);
  const flg = src[p]!;
  const bd = src[p + 1]!;
  if (flg >> 6 !== 1) throw new Lz4Error('unsupported frame version');
  const blockChecksum = (flg & 0x10) !== 0;
  const hasSize = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  const hasDict = (flg & 0x01) !== 0;
  const maxBlock = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20][(bd >> 4) & 7]!;
  if (maxBlock === 0) throw new Lz4Error('unsupported block size');
  p += 2 + (hasSize ? 8 : 0) + (hasDict ? 4 : 0) + 1;
  need(0, p);
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Linked blocks may reference up to 64 KiB of earlier output: decode each block after that window.
  let window = new Uint8Array(0);
  for (;;) {
    need(4, p);
    const header = (src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16) | (src[p + 3]! << 24)) >>> 0;
    p += 4;
    if (header === 0) break;
    const size = header & 0x7fffffff;
    need(size, p);
    const data = src.subarray(p, p + size);
    p += size + (blockChecksum ? 4 : 0);
    let block: Uint8Array;
    if (header & 0x80000000) block = data.slice();
    else {
      const buffer = new Uint8Array(window.length + maxBlock);
      buffer.set(window);
      const end = decodeBlockInto(data, buffer, window.length);
      block = buffer.slice(window.length, end);
    }
    chunks.push(block);
    total += block.length;
    const joined = new Uint8Array(Math.min(65536, window.length + block.length));
    const tail = block.length >= joined.length ? block.subarray(block.length - joined.length) : block;
    joined.set(window.subarray(window.length - (joined.length - tail.length)), 0);
    joined.set(tail, joined.length - tail.length);
    window = joined;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  if (contentChecksum) {
    need(4, p);
    const expected = (src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16) | (src[p + 3]! << 24)) >>> 0;
    if (xxh32(out) !== expected) throw new Lz4Error('the content checksum does not match');
  }
  return out;
}

/** An LZ4 block (`lz4_flex::block::compress`). */
export function compressBlockRaw(input: Uint8Array): Uint8Array {
  const dst = new Uint8Array(compressBound(input.length) + 16);
  const n = input.length === 0 ? 0 : compressBlock(input, dst, 0, input.length, new Uint32Array(1 << 16));
  if (n > 0) return dst.slice(0, n);
  // Nothing matched: one sequence of literals.
  const out: number[] = [];
  const count = input.length;
  if (count >= 15) {
    out.push(0xf0);
    let rest = count - 15;
    for (; rest >= 255; rest -= 255) out.push(255);
    out.push(rest);
  } else out.push(count << 4);
  const result = new Uint8Array(out.length + count);
  result.set(out);
  result.set(input, out.length);
  return result;
}
