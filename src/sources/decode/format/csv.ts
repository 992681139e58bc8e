/**
 * CSV format on top of `csv-parse`: quoted fields may hold newlines, rows become
 * `{ json: { header: value } }` (values stay strings; `schema/conform` converts them).
 * The header row is the first row unless `csvHeaders` is given. A row with more or fewer
 * columns than the header is an error item naming its line; following rows go on.
 * Blank lines are skipped.
 *
 * `csv-parse`'s `Parser` is a Transform stream whose `_transform` pushes records
 * synchronously; we drive it synchronously (overriding `push`) so CSV shares the
 * chunk-at-a-time driver of the other formats.
 */
import { Parser, type Info } from 'csv-parse';
import type { ItemSink } from '../types.js';
import { isBlank } from './json.js';
import { utf8Error } from './utf8.js';
import { MAX_RAW_ERROR_BYTES } from '../types.js';

/** With `encoding: 'latin1'` every string holds the input bytes one char per byte. */
interface CsvRecord {
  record: string[];
  info: Info;
  raw: string;
}

const NON_ASCII = /[\u0080-\uffff]/;
const fromLatin1 = (s: string): string => (NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);

class SyncParser extends Parser {
  onRecord: (r: CsvRecord) => void = () => undefined;
  override push(chunk: unknown): boolean {
    if (chunk !== null) this.onRecord(chunk as CsvRecord);
    return true;
  }
}

export class CsvDecoder {
  private readonly parser: SyncParser;
  private headers: string[] | null;
  private line = 1;
  private offset = 0;
  private failed: Error | null = null;

  constructor(
    private readonly sink: ItemSink,
    csvHeaders: string[] | undefined,
    maxRecordBytes: number,
    private readonly startOffset = 0,
    delimiter = ',',
  ) {
    this.headers = csvHeaders && csvHeaders.length ? [...csvHeaders] : null;
    this.offset = startOffset;
    this.parser = new SyncParser({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      raw: true,
      // Byte-exact strings (latin1), so invalid UTF-8 is reported instead of silently replaced;
      // fields are re-decoded as UTF-8 below. (`encoding: null` breaks csv-parse's error path.)
      encoding: 'latin1',
      record_delimiter: ['\r\n', '\n'],
      skip_records_with_error: true,
      max_record_size: maxRecordBytes,
    });
    this.parser.onRecord = (r) => this.onRecord(r);
    this.parser.on('skip', (err: Error & { raw?: string }) => this.onSkip(err));
  }

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.parser._transform(chunk, 'buffer' as BufferEncoding, (err?: Error | null) => {
      if (err) this.fail(err);
    });
  }

  end(): void {
    if (this.failed) return;
    this.parser._flush((err?: Error | null) => {
      if (err) this.fail(err);
    });
  }

  abort(reason: string): void {
    this.sink({ kind: 'error', line: this.line, offset: this.offset, reason, raw: new Uint8Array(0) });
  }

  private fail(err: Error): void {
    this.failed = err;
    this.sink({
      kind: 'error',
      line: this.line,
      offset: this.offset,
      reason: `CSV: ${err.message}`,
      raw: new Uint8Array(0),
    });
  }

  /** Position of the record just parsed; `end` is csv-parse's byte count at its end (delimiter included). */
  private advance(raw: Buffer, end: number | undefined): { line: number; offset: number } {
    const at = { line: this.line, offset: this.offset };
    let inner = 0;
    let nl = raw.indexOf(0x0a);
    while (nl !== -1) {
      inner++;
      nl = raw.indexOf(0x0a, nl + 1);
    }
    if (raw.length > 0 && raw[raw.length - 1] === 0x0a) inner--;
    this.line += inner + 1;
    this.offset = end !== undefined ? this.startOffset + end : this.offset + raw.length;
    return at;
  }

  private onSkip(err: Error & { raw?: string }): void {
    const raw = Buffer.from(err.raw ?? '', 'latin1');
    const at = this.advance(raw, (err as { bytes?: number }).bytes);
    this.sink({
      kind: 'error',
      line: at.line,
      offset: at.offset,
      reason: `CSV: ${err.message}`,
      raw: Buffer.from(withoutDelimiter(raw).subarray(0, MAX_RAW_ERROR_BYTES)),
    });
  }

  private onRecord({ record, raw: rawText, info }: CsvRecord): void {
    const raw = Buffer.from(rawText, 'latin1');
    const at = this.advance(raw, info.bytes);
    if (record.length === 1 && record[0]!.length === 0 && isBlank(raw)) return; // blank line
    const ascii = !NON_ASCII.test(rawText);
    const bad = ascii ? null : utf8Error(raw, at.offset);
    if (bad !== null) {
      this.sink({
        kind: 'error',
        line: at.line,
        offset: at.offset,
        reason: bad,
        raw: Buffer.from(withoutDelimiter(raw)),
      });
      return;
    }
    if (this.headers === null) {
      this.headers = record.map(fromLatin1);
      return;
    }
    const h = this.headers;
    if (record.length !== h.length) {
      this.sink({
        kind: 'error',
        line: at.line,
        offset: at.offset,
        reason: `CSV line ${at.line}: expected ${h.length} columns, got ${record.length}`,
        raw: Buffer.from(withoutDelimiter(raw)),
      });
      return;
    }
    const json: Record<string, unknown> = {};
    for (let i = 0; i < h.length; i++) json[h[i]!] = ascii ? record[i] : fromLatin1(record[i]!);
    this.sink({ kind: 'record', line: at.line, offset: at.offset, value: { json } });
  }
}

function withoutDelimiter(raw: Buffer): Buffer {
  let end = raw.length;
  if (end > 0 && raw[end - 1] === 0x0a) end--;
  if (end > 0 && raw[end - 1] === 0x0d) end--;
  return raw.subarray(0, end);
}
