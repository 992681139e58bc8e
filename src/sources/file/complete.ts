/**
 * Is a compressed file complete, or is its writer still appending to it?
 *
 * A file that stopped growing for the settle time may still be half written: a writer that
 * pauses between chunks, or one that crashed. For compressed files the stream says so itself:
 * - gzip: the file is inflated to nowhere (zlib, on libuv's thread pool, so the event loop is
 *   not blocked). zlib's `Z_BUF_ERROR` ("unexpected end of file") means the last member has no
 *   end yet. Concatenated members are followed. Costs one decompression per settled version of
 *   the file; gzip has no way to find its end without inflating.
 * - zstd: the frames are walked by their headers (frame header, 3-byte block headers with
 *   their sizes, optional checksum, skippable frames) without decompressing. The file is
 *   complete when the last frame's last block ends exactly at the end of the file.
 * Anything else (plain text, JSON, CSV) is `complete`: only the settle time guards it, except a
 * file of 1–3 bytes that are the start of a gzip/zstd magic number (`truncated`).
 *
 * A stream cut exactly between two gzip members or zstd frames looks complete; there the settle
 * time is the only guard, as for plain files.
 *
 * `corrupt` means the stream is broken in a way more bytes cannot fix: it goes to ingest,
 * which keeps the readable records and dead-letters the rest with the reason.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export type Completeness = { state: 'complete' } | { state: 'truncated' | 'corrupt'; reason: string };

export type CompressionKind = 'gzip' | 'zstd' | 'none';

const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_MAGIC_BYTES = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** gzip `1f 8b`, zstd `28 b5 2f fd`: the same magic bytes the decoder goes by. */
export function compressionOf(head: Uint8Array): CompressionKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && Buffer.from(head.buffer, head.byteOffset, 4).readUInt32LE(0) === ZSTD_MAGIC)
    return 'zstd';
  return 'none';
}

/** 1–3 bytes that a gzip or zstd file starts with: the writer has only just begun. */
function isMagicPrefix(head: Buffer): boolean {
  if (head.length === 0 || head.length >= 4) return false;
  if (head.length === 1 && head[0] === 0x1f) return true;
  return head.equals(ZSTD_MAGIC_BYTES.subarray(0, head.length));
}

export async function checkComplete(file: string): Promise<Completeness> {
  const handle = await open(file, 'r');
  let kind: CompressionKind;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    kind = compressionOf(head.subarray(0, bytesRead));
    if (kind === 'zstd') return await zstdComplete(handle);
    if (kind === 'none' && isMagicPrefix(head.subarray(0, bytesRead)))
      return { state: 'truncated', reason: 'file holds only the start of a gzip/zstd magic number' };
  } finally {
    await handle.close();
  }
  if (kind === 'gzip') return gzipComplete(file);
  return { state: 'complete' };
}

async function gzipComplete(file: string): Promise<Completeness> {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  try {
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip(), sink);
    return { state: 'complete' };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR') return { state: 'truncated', reason: 'gzip stream has no end yet' };
    if (err.code?.startsWith('Z_'))
      return { state: 'corrupt', reason: `gzip stream is corrupt: ${err.message}` };
    throw e;
  }
}

/** Reads small pieces at increasing offsets through a 64 KiB window. */
class WindowReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;
  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** `len` bytes at `pos`, or null when the file ends before them. */
  async read(pos: number, len: number): Promise<Buffer | null> {
    if (pos + len > this.size) return null;
    if (pos < this.windowStart || pos + len > this.windowStart + this.window.length) {
      const buf = Buffer.alloc(Math.max(len, Math.min(1 << 16, this.size - pos)));
      const { bytesRead } = await this.handle.read(buf, 0, buf.length, pos);
      this.window = buf.subarray(0, bytesRead);
      this.windowStart = pos;
      if (bytesRead < len) return null;
    }
    return this.window.subarray(pos - this.windowStart, pos - this.windowStart + len);
  }
}

async function zstdComplete(handle: FileHandle): Promise<Completeness> {
  const { size } = await handle.stat();
  const r = new WindowReader(handle, size);
  const truncated = (what: string): Completeness => ({
    state: 'truncated',
    reason: `zstd stream ends inside ${what}`,
  });
  let pos = 0;
  while (pos < size) {
    const magicBytes = await r.read(pos, 4);
    if (!magicBytes) return truncated('a frame magic number');
    const magic = magicBytes.readUInt32LE(0);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // skippable frame: magic, 4-byte size, payload
      const len = await r.read(pos + 4, 4);
      if (!len) return truncated('a skippable frame header');
      pos += 8 + len.readUInt32LE(0);
      if (pos > size) return truncated('a skippable frame');
      continue;
    }
    if (magic !== ZSTD_MAGIC)
      return { state: 'corrupt', reason: `zstd stream has an unknown frame magic at offset ${pos}` };
    const fhdByte = await r.read(pos + 4, 1);
    if (!fhdByte) return truncated('a frame header');
    const fhd = fhdByte[0]!;
    const singleSegment = (fhd >> 5) & 1;
    const fcsFlag = fhd >> 6;
    const fcsSize = fcsFlag === 0 ? singleSegment : [0, 2, 4, 8][fcsFlag]!;
    const didSize = [0, 1, 2, 4][fhd & 3]!;
    const checksum = (fhd >> 2) & 1;
    if ((fhd >> 3) & 1)
      return { state: 'corrupt', reason: `zstd frame at offset ${pos} sets a reserved bit` };
    pos += 4 + 1 + (singleSegment ? 0 : 1) + didSize + fcsSize;
    for (;;) {
      const header = await r.read(pos, 3);
      if (!header) return truncated('a block header');
      const bits = header.readUIntLE(0, 3);
      const last = bits & 1;
      const type = (bits >> 1) & 3;
      const blockSize = bits >> 3;
      if (type === 3)
        return { state: 'corrupt', reason: `zstd block at offset ${pos} has the reserved type` };
      pos += 3 + (type === 1 ? 1 : blockSize);
      if (pos > size) return truncated('a block');
      if (last) break;
    }
    pos += checksum * 4;
    if (pos > size) return truncated('a frame checksum');
  }
  return { state: 'complete' };
}
