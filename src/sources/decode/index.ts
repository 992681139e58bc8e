/**
 * `sources/decode`: bytes in, records out.
 *
 * decompress (gzip/zstd/none by magic bytes) → framing (lines, JSON array elements,
 * concatenated JSON values) → format (json, csv, text). Everything streams chunk by chunk,
 * so memory stays bounded by the chunk size, the longest line and one batch.
 *
 * Format detection for `format: 'auto'` (after an optional UTF-8 BOM and leading whitespace):
 *   `[` → JSON array; a first line that is a complete JSON object → JSON lines;
 *   `{` otherwise → concatenated / pretty-printed JSON value(s); a first line starting with
 *   `#separator` → Zeek TSV (format/zeek-tsv.ts); anything else → text lines.
 * `format: 'json'` applies the same three-way JSON choice; `csvHeaders` implies CSV.
 */
import { DecodeError, DecompressError } from './errors.js';
import { decompress } from './decompress.js';
import { LineFramer, type LineSink } from './framing/lines.js';
import { JsonValueFramer, type ValueSink } from './framing/json_values.js';
import { parseJsonFrame } from './format/json.js';
import { parseTextLine } from './format/text.js';
import { CsvDecoder } from './format/csv.js';
import { looksLikeZeekTsv, ZEEK_TSV_MAGIC, ZeekTsvDecoder } from './format/zeek-tsv.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_LINE_BYTES,
  MAX_RAW_ERROR_BYTES,
  type DecodedItem,
  type DecodeOptions,
  type ItemSink,
} from './types.js';

export { DecodeError } from './errors.js';
export { detectCompression, decompress } from './decompress.js';
export type { Compression } from './decompress.js';
export type { DecodeOptions, DecodedItem, DecodedValue } from './types.js';

/** How the body is framed and parsed, as detected from its first bytes (or given by `format`). */
export type DetectedFormat = 'json-lines' | 'json-array' | 'json-values' | 'text' | 'csv' | 'zeek-tsv';

/** The decoders share this push interface. */
interface ChunkDecoder {
  push(chunk: Buffer): void;
  end(): void;
  abort(reason: string): void;
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Decodes a byte stream into batches of records and error items. Per-record problems are
 * error items; `DecodeError` is thrown only when the input itself cannot be read.
 */
export async function* decode(
  input: AsyncIterable<Uint8Array>,
  opts: DecodeOptions,
): AsyncGenerator<DecodedItem[]> {
  const source = opts.source;
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const format = opts.csvHeaders && opts.csvHeaders.length ? 'csv' : (opts.format ?? 'auto');

  let items: DecodedItem[] = [];
  let lastLine = 0;
  const sink: ItemSink = (item) => {
    lastLine = item.line;
    items.push(item);
  };
  function* drain(all: boolean): Generator<DecodedItem[]> {
    if (items.length === 0) return;
    if (items.length < batchSize && !all) return;
    if (items.length <= batchSize) {
      const out = items;
      items = [];
      yield out;
      return;
    }
    let i = 0;
    for (; i + batchSize <= items.length; i += batchSize) yield items.slice(i, i + batchSize);
    const rest = items.slice(i);
    items = [];
    if (rest.length && all) yield rest;
    else items = rest;
  }

  // Bytes held back until the format is known (auto/json only).
  const head: Buffer[] = [];
  let headLen = 0;
  const st: { decoder: ChunkDecoder | null } = { decoder: null };
  let total = 0; // decompressed bytes seen
  let bomLen = -1; // -1 until known

  // Leading whitespace already dropped (so whitespace-only input is never held in memory).
  let skippedBytes = 0;
  let skippedLines = 0;
  const start = (kind: DetectedFormat, offsetInHead: number): ChunkDecoder =>
    makeDecoder(kind, sink, {
      maxLineBytes,
      csvHeaders: opts.csvHeaders,
      csvDelimiter: opts.csvDelimiter,
      startOffset: skippedBytes + offsetInHead,
      startLine: 1 + skippedLines,
      numbers: opts.numbers ?? 'js',
    });

  /** Decides the format from the held-back bytes; `eof` when no more input will come. */
  let waitingForLine = false; // the first line starts with `{` and has no newline yet
  const tryDetect = (eof: boolean, latest?: Buffer): void => {
    // Cheap exit while the first line is still incomplete (no re-concatenation per chunk).
    if (waitingForLine && !eof && latest && latest.indexOf(0x0a) === -1 && headLen <= maxLineBytes) return;
    let buf = head.length === 1 ? head[0]! : Buffer.concat(head, headLen);
    head.length = 0;
    head.push(buf);
    if (bomLen < 0) {
      if (buf.length < 3 && !eof) return; // could still be a BOM
      bomLen = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    }
    const offset = bomLen;
    if (format === 'text' || format === 'csv') {
      st.decoder = start(format, offset);
      st.decoder.push(buf.subarray(offset));
      return;
    }
    let p = offset;
    while (p < buf.length && isWs(buf[p]!)) p++;
    if (p === buf.length) {
      // Only whitespace so far: drop it, remembering how far we are.
      skippedBytes += buf.length;
      for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) skippedLines++;
      head.length = 0;
      headLen = 0;
      bomLen = 0;
      return;
    }
    const c = buf[p]!;
    let kind: DetectedFormat;
    if (c === 0x5b) kind = 'json-array';
    else if (c === 0x7b) {
      const nl = buf.indexOf(0x0a, p);
      if (nl === -1 && !eof && buf.length - p <= maxLineBytes) {
        waitingForLine = true; // need the whole first line
        return;
      }
      const lineEnd = nl === -1 ? buf.length : nl;
      if (lineEnd - p > maxLineBytes) kind = 'json-lines';
      else kind = isJsonObject(buf.subarray(p, lineEnd)) ? 'json-lines' : 'json-values';
    } else if (c === 0x23 && format === 'auto') {
      if (buf.length - p <= ZEEK_TSV_MAGIC.length && !eof) return; // need `#separator` and one more byte
      kind = looksLikeZeekTsv(buf, p) ? 'zeek-tsv' : 'text';
    } else kind = format === 'json' ? 'json-lines' : 'text';
    st.decoder = start(kind, offset);
    buf = buf.subarray(offset);
    st.decoder.push(buf);
  };

  if (opts.slice) {
    const { framing, line, offset } = opts.slice;
    st.decoder = makeDecoder(framing, sink, {
      maxLineBytes,
      csvHeaders: undefined,
      csvDelimiter: undefined,
      startOffset: offset,
      startLine: line,
      numbers: opts.numbers ?? 'js',
    });
  }

  try {
    for await (const chunk of decompress(input, source)) {
      total += chunk.length;
      if (st.decoder) st.decoder.push(chunk);
      else {
        head.push(chunk);
        headLen += chunk.length;
        tryDetect(false, chunk);
        if (st.decoder) {
          head.length = 0;
          headLen = 0;
        }
      }
      yield* drain(false);
    }
  } catch (e) {
    if (e instanceof DecompressError) {
      const reason = `${source}: ${e.message}`;
      if (!st.decoder && headLen > 0) {
        tryDetect(true);
        if (st.decoder) {
          head.length = 0;
          headLen = 0;
        }
      }
      if (st.decoder) st.decoder.abort(reason);
      else sink({ kind: 'error', line: 1, offset: 0, reason, raw: new Uint8Array(0) });
      yield* drain(true);
      return;
    }
    throw new DecodeError(
      `cannot read input: ${(e as Error)?.message ?? String(e)}`,
      source,
      lastLine + 1,
      total,
      {
        cause: e,
      },
    );
  }
  if (!st.decoder && headLen > 0) tryDetect(true);
  if (st.decoder) st.decoder.end();
  yield* drain(true);
}

function isJsonObject(bytes: Buffer): boolean {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

function overflowItem(head: Buffer, line: number, offset: number, total: number, max: number): DecodedItem {
  return {
    kind: 'error',
    line,
    offset,
    reason: `line is ${total} bytes, longer than maxLineBytes (${max}); raw bytes truncated to the first ${Math.min(head.length, MAX_RAW_ERROR_BYTES)}`,
    raw: head,
  };
}

function makeDecoder(
  kind: DetectedFormat,
  sink: ItemSink,
  o: {
    maxLineBytes: number;
    csvHeaders: string[] | undefined;
    csvDelimiter?: string | undefined;
    startOffset: number;
    startLine: number;
    numbers: 'js' | 'vrl';
  },
): ChunkDecoder {
  const max = o.maxLineBytes;
  if (kind === 'csv') return new CsvDecoder(sink, o.csvHeaders, max, o.startOffset, o.csvDelimiter);
  if (kind === 'zeek-tsv')
    return new ZeekTsvDecoder(sink, max, { offset: o.startOffset, line: o.startLine }, o.numbers);
  if (kind === 'json-array' || kind === 'json-values') {
    const vs: ValueSink = {
      value(bytes, index, offset) {
        const item = parseJsonFrame(bytes, index, offset, o.numbers);
        if (item) sink(item);
      },
      overflow(h, index, offset, totalBytes) {
        sink(overflowItem(h, index, offset, totalBytes, max));
      },
      broken(partial, index, offset, reason) {
        sink({ kind: 'error', line: index, offset, reason, raw: partial });
      },
    };
    return new JsonValueFramer(vs, kind === 'json-array' ? 'array' : 'concat', max, o.startOffset);
  }
  const numbers = o.numbers;
  const parse =
    kind === 'text'
      ? parseTextLine
      : (bytes: Buffer, line: number, offset: number) => parseJsonFrame(bytes, line, offset, numbers);
  const ls: LineSink = {
    line(bytes, line, offset) {
      const item = parse(bytes, line, offset);
      if (item) sink(item);
    },
    overflow(h, line, offset, totalBytes) {
      sink(overflowItem(h, line, offset, totalBytes, max));
    },
    broken(partial, line, offset, reason) {
      sink({ kind: 'error', line, offset, reason, raw: partial });
    },
  };
  return new LineFramer(ls, max, { offset: o.startOffset, line: o.startLine });
}
