/**
 * Reads a request body from its stream with two limits: the bytes on the wire
 * (`maxBodyBytes`, counted while streaming, so a chunked upload is cut off as soon as it passes
 * the limit) and the bytes after `Content-Encoding` is undone (`maxDecodedBodyBytes`, so a
 * small gzip or zstd bomb stops at the limit). Nothing beyond a limit is kept in memory.
 */
import { decompress, detectCompression } from '../decode/index.js';
import { HEC, HttpIngestError, badBody } from './errors.js';

export interface BodyLimits {
  maxBodyBytes: number;
  maxDecodedBodyBytes: number;
}

export type ContentEncoding = 'gzip' | 'zstd' | 'identity';

export interface ReadBody {
  /** The decoded body. */
  body: Buffer;
  /** Bytes received on the wire. */
  rawBytes: number;
}

const tooLarge = (what: string, limit: number): HttpIngestError =>
  new HttpIngestError(413, 'too_large', `${what} is larger than the limit of ${limit} bytes`, {
    status: HEC.invalidDataFormat,
  });

/**
 * `Content-Encoding` → how to decode; several codings or unknown ones → 415. No header means
 * `identity`, but a body that starts with gzip's or zstd's magic bytes is still decompressed
 * (as files are), since some shippers compress without saying so.
 */
export function parseContentEncoding(header: string | undefined): ContentEncoding | 'sniff' {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '') return 'sniff';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'zstd') return 'zstd';
  if (value === 'identity') return 'identity';
  throw new HttpIngestError(
    415,
    'rejected',
    `Content-Encoding ${JSON.stringify(header)} is not supported; use gzip, zstd or identity`,
  );
}

/** Throws 413 when the declared length already breaks the limit (before any of the body is read). */
export function checkContentLength(header: string | undefined, limits: BodyLimits): void {
  if (header === undefined) return;
  const n = Number(header);
  if (Number.isFinite(n) && n > limits.maxBodyBytes)
    throw tooLarge(`the body (Content-Length ${n})`, limits.maxBodyBytes);
}

/**
 * Reads the whole body (the client is still sending while we read). A stream that errors
 * (client gone) → `aborted`; past `maxBodyBytes` → 413 and the rest is left unread, so the
 * caller should answer with `Connection: close`.
 */
export async function readBody(
  stream: ReadableStream<Uint8Array> | null,
  encodingHeader: string | undefined,
  limits: BodyLimits,
  /** Called once the body was read to its end (before it is decoded). */
  onRead: () => void = () => undefined,
): Promise<ReadBody> {
  const encoding = parseContentEncoding(encodingHeader);
  const chunks = await readRaw(stream, limits.maxBodyBytes);
  onRead();
  const rawBytes = chunks.reduce((n, c) => n + c.length, 0);
  if (rawBytes === 0)
    throw new HttpIngestError(400, 'rejected', 'the request body is empty', { status: HEC.noData });
  const head = chunks[0]!.length >= 4 ? chunks[0]! : Buffer.concat(chunks).subarray(0, 4);
  const magic = detectCompression(head);
  let codec: 'gzip' | 'zstd' | null;
  if (encoding === 'sniff') codec = magic === 'none' ? null : magic;
  else if (encoding === 'identity') codec = null;
  else if (magic !== encoding)
    throw badBody(
      `Content-Encoding is ${encoding} but the body does not start with ${encoding}'s magic bytes`,
    );
  else codec = encoding;
  if (codec === null) {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, rawBytes);
    if (body.length > limits.maxDecodedBodyBytes) throw tooLarge('the body', limits.maxDecodedBodyBytes);
    return { body, rawBytes };
  }
  return { body: await decodeAll(chunks, codec, limits.maxDecodedBodyBytes), rawBytes };
}

async function readRaw(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer[]> {
  if (!stream) return [];
  const reader = stream.getReader();
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for (;;) {
      let r: Awaited<ReturnType<typeof reader.read>>;
      try {
        r = await reader.read();
      } catch (e) {
        throw new HttpIngestError(
          400,
          'aborted',
          `the request body could not be read (client disconnected?): ${(e as Error)?.message ?? String(e)}`,
        );
      }
      if (r.done) return chunks;
      n += r.value.byteLength;
      // Leave the rest unread (no cancel: that would destroy the socket before the 413 is written).
      if (n > limit) throw tooLarge('the body', limit);
      chunks.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
    }
  } finally {
    reader.releaseLock();
  }
}

async function decodeAll(chunks: Buffer[], codec: 'gzip' | 'zstd', limit: number): Promise<Buffer> {
  async function* input(): AsyncGenerator<Buffer> {
    yield* chunks;
  }
  const out: Buffer[] = [];
  let n = 0;
  try {
    for await (const piece of decompress(input(), 'request body')) {
      n += piece.length;
      if (n > limit) throw tooLarge(`the ${codec}-decompressed body`, limit);
      out.push(piece);
    }
  } catch (e) {
    if (e instanceof HttpIngestError) throw e;
    throw badBody(`the ${codec} body cannot be decompressed: ${(e as Error)?.message ?? String(e)}`);
  }
  return Buffer.concat(out, n);
}
