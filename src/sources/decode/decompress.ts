/**
 * Decompression, detected from the first bytes (never from a file name):
 * gzip `1f 8b`, zstd `28 b5 2f fd`, anything else is passed through.
 * Concatenated gzip members and multi-frame zstd streams are decompressed in full.
 * A truncated or corrupt stream throws `DecompressError` carrying the decompressed offset
 * reached, after every decompressed byte before that point has been yielded.
 */
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { DecompressError } from './errors.js';

export type Compression = 'gzip' | 'zstd' | 'none';

export function detectCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd)
    return 'zstd';
  return 'none';
}

const toBuffer = (c: Uint8Array): Buffer =>
  Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);

/** Decompresses `input` chunk by chunk (bounded memory). */
export async function* decompress(input: AsyncIterable<Uint8Array>, source: string): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  // Peek until we have 4 bytes (or the input ends).
  const head: Buffer[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < 4) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    if (r.value.length === 0) continue;
    const b = toBuffer(r.value);
    head.push(b);
    headLen += b.length;
  }
  if (headLen === 0) return;
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  const kind = detectCompression(first);
  async function* rest(): AsyncGenerator<Buffer> {
    if (done) {
      yield first;
      return;
    }
    // Read ahead one chunk, so the source's I/O overlaps our parsing of the current chunk.
    let next = it.next();
    next.catch(() => undefined);
    let finished = false;
    try {
      yield first;
      for (;;) {
        const r = await next;
        if (r.done) {
          finished = true;
          return;
        }
        next = it.next();
        next.catch(() => undefined);
        if (r.value.length) yield toBuffer(r.value);
      }
    } finally {
      // Stopped early (consumer broke off, or an error): release the source (e.g. close the file).
      if (!finished)
        void next.then(
          () => it.return?.(),
          () => undefined,
        );
    }
  }
  if (kind === 'none') yield* rest();
  else if (kind === 'gzip') yield* gunzip(rest(), source);
  else yield* unzstd(rest(), source);
}

async function* gunzip(input: AsyncGenerator<Buffer>, source: string): AsyncGenerator<Buffer> {
  const z = createGunzip({ chunkSize: 256 * 1024 });
  const stop = new AbortController();
  let produced = 0;
  let inputError: unknown;
  // Feed in the background; `write`/`drain` and the async iterator below give backpressure both ways.
  void (async () => {
    try {
      for await (const chunk of input) {
        if (z.destroyed) return;
        if (!z.write(chunk)) await once(z, 'drain', { signal: stop.signal });
      }
      z.end();
    } catch (e) {
      if (stop.signal.aborted) return;
      inputError = e;
      z.destroy(e as Error);
    }
  })();
  try {
    for await (const b of z as AsyncIterable<Buffer>) {
      produced += b.length;
      yield b;
    }
  } catch (e) {
    if (inputError !== undefined) throw inputError;
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'Z_BUF_ERROR' ? 'gzip stream is truncated' : `gzip stream is corrupt: ${err.message}`;
    throw new DecompressError(`${reason} at decompressed offset ${produced}`, source, 'gzip', produced, {
      cause: e,
    });
  } finally {
    stop.abort();
    z.destroy();
    void input.return(undefined);
  }
}

async function* unzstd(input: AsyncGenerator<Buffer>, source: string): AsyncGenerator<Buffer> {
  let produced = 0;
  let pending: Buffer[] = [];
  const d = new ZstdDecompress((data) => {
    if (data.length) pending.push(Buffer.from(data)); // copy: fzstd may reuse its window
  });
  const fail = (e: unknown): never => {
    const msg = e instanceof Error ? e.message : String(e);
    const truncated = (e as { code?: number }).code === 5;
    const reason = truncated ? 'zstd stream is truncated' : `zstd stream is corrupt: ${msg}`;
    throw new DecompressError(`${reason} at decompressed offset ${produced}`, source, 'zstd', produced, {
      cause: e,
    });
  };
  /** Feeds one chunk (or the end), yields what came out, then reports a decoder error. */
  function* feed(chunk: Uint8Array, final: boolean): Generator<Buffer> {
    let err: unknown;
    try {
      d.push(chunk, final);
    } catch (e) {
      err = e;
    }
    const ready = pending;
    pending = [];
    for (const b of ready) {
      produced += b.length;
      yield b;
    }
    if (err !== undefined) fail(err);
  }
  for await (const chunk of input) yield* feed(chunk, false);
  yield* feed(new Uint8Array(0), true);
}
