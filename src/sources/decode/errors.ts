/**
 * Fatal decode failure: the input itself could not be read (the byte source threw, or a
 * decoder hit an impossible state). Per-record problems are never thrown; they become
 * `{ kind: 'error' }` items so that `read = committed + dead-lettered` adds up.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    message: string,
    /** The input being decoded, e.g. a file path or an S3 key. */
    readonly source: string,
    /** 1-based line (or record index) reached when the failure happened. */
    readonly line: number,
    /** Byte offset in the decompressed stream reached when the failure happened. */
    readonly offset: number,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message} (line ${line}, offset ${offset})`, options);
  }
}

/** Thrown by `decompress` when a gzip/zstd stream is truncated or corrupt. */
export class DecompressError extends Error {
  override readonly name = 'DecompressError';
  constructor(
    message: string,
    readonly source: string,
    readonly codec: 'gzip' | 'zstd',
    /** Decompressed bytes produced before the stream broke. */
    readonly offset: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
