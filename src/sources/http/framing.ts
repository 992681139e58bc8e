/**
 * `POST /ingest/:logSource` bodies → the lines handed to `accept`: one compact JSON object per
 * line for JSON bodies, the body's own lines for text. The whole body is checked before
 * anything is returned, so a bad element rejects the request and nothing of it is accepted.
 *
 * Content types (parameters such as `charset` are ignored):
 *  - `application/x-ndjson`, `application/jsonl`, `application/x-jsonlines`, `application/json-lines`:
 *    one JSON object per line; blank lines are skipped.
 *  - `application/json-seq` (RFC 7464): records introduced by RS (0x1E), one object each.
 *  - `application/json`: a JSON array of objects, one object, or several objects one after the
 *    other separated by whitespace or newlines (NDJSON sent as `application/json`, as Vector's
 *    `http` sink does with `framing: newline_delimited`).
 *  - `text/plain` (and `text/csv`): one event per non-empty line, passed on as is.
 *  - no Content-Type: JSON (as `application/json`) for `json`/`auto` sources, text otherwise.
 * JSON bodies go to `json` and `auto` sources, text bodies to `text`, `csv` and `auto` sources.
 */
import { isUtf8 } from 'node:buffer';
import { HEC, HttpIngestError, badBody, noData } from './errors.js';
import {
  JsonScanError,
  isJsonWs,
  jsonKind,
  lineAt,
  oneLine,
  parseErrorMessage,
  scanValue,
  skipWs,
} from './json-text.js';

export type SourceFormat = 'auto' | 'json' | 'csv' | 'text';
export type BodyFraming = 'ndjson' | 'json-seq' | 'json' | 'text';

export interface FramedBody {
  lines: Buffer;
  events: number;
  /** `json` lines or `text` lines. */
  kind: 'json' | 'text';
}

const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
  'application/json-lines',
]);
const SUPPORTED =
  'application/json, application/x-ndjson (or application/jsonl), application/json-seq, text/plain, text/csv';

/** The framing a Content-Type asks for, checked against what the log source takes. */
export function framingFor(
  contentType: string | undefined,
  format: SourceFormat,
  logSource: string,
): BodyFraming {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let framing: BodyFraming;
  if (media === '') framing = format === 'json' || format === 'auto' ? 'json' : 'text';
  else if (NDJSON_TYPES.has(media)) framing = 'ndjson';
  else if (media === 'application/json-seq') framing = 'json-seq';
  else if (media === 'application/json') framing = 'json';
  else if (media === 'text/plain' || media === 'text/csv') framing = 'text';
  else throw new HttpIngestError(415, 'rejected', `Content-Type ${media} is not supported; use ${SUPPORTED}`);
  const json = framing !== 'text';
  if (json && (format === 'text' || format === 'csv'))
    throw new HttpIngestError(
      415,
      'rejected',
      `log source ${logSource} takes ${format} lines (ingest.format: ${format}); send Content-Type text/plain`,
    );
  if (!json && format === 'json')
    throw new HttpIngestError(
      415,
      'rejected',
      `log source ${logSource} takes JSON (ingest.format: json); send application/x-ndjson or application/json`,
    );
  return framing;
}

export function frameBody(body: Buffer, framing: BodyFraming): FramedBody {
  if (framing === 'text') return textLines(body);
  if (framing === 'ndjson') return ndjsonBody(body);
  const text = utf8Text(body);
  const lines = framing === 'json-seq' ? jsonSeqLines(text) : jsonBodyLines(text);
  if (lines.length === 0) throw noData('the body holds no JSON object (only whitespace)');
  return { lines: Buffer.from(lines.join('\n') + '\n'), events: lines.length, kind: 'json' };
}

/** The body as text; invalid UTF-8 → 400 naming the line. A leading BOM is dropped. */
export function utf8Text(body: Buffer): string {
  if (!isUtf8(body)) {
    let line = 1;
    for (let start = 0; ; line++) {
      const nl = body.indexOf(0x0a, start);
      const end = nl === -1 ? body.length : nl;
      if (!isUtf8(body.subarray(start, end)) || nl === -1) break;
      start = nl + 1;
    }
    throw badBody(`line ${line}: the body is not valid UTF-8`);
  }
  const s = body.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Parses `slice` and requires an object; returns its one-line text. `event` is its 0-based event number. */
function objectLine(slice: string, where: string | (() => string), event: number): string {
  const place = () => (typeof where === 'string' ? where : where());
  let v: unknown;
  try {
    v = JSON.parse(slice);
  } catch (e) {
    throw badBody(`${place()}: invalid JSON: ${parseErrorMessage(e)}`, at(event));
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw badBody(`${place()}: expected a JSON object, got ${jsonKind(v)}`, at(event));
  return oneLine(slice);
}

/**
 * NDJSON on bytes (no whole-body string): each line is checked on its own and copied as is,
 * without surrounding whitespace, into one output buffer (never longer than the body + 1).
 */
function ndjsonBody(body: Buffer): FramedBody {
  const out = Buffer.allocUnsafe(body.length + 1);
  let size = 0;
  let events = 0;
  let start = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  for (let lineNo = 1; start <= body.length; lineNo++) {
    const nl = body.indexOf(0x0a, start);
    let end = nl === -1 ? body.length : nl;
    let from = start;
    while (from < end && isJsonWs(body[from]!)) from++;
    while (end > from && isJsonWs(body[end - 1]!)) end--;
    if (end > from) {
      const line = body.subarray(from, end);
      if (!isUtf8(line)) throw badBody(`line ${lineNo}: the body is not valid UTF-8`, at(events));
      objectLine(line.toString('utf8'), `line ${lineNo}`, events);
      size += line.copy(out, size);
      out[size++] = 0x0a;
      events++;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  if (events === 0) throw noData('the body holds no JSON object (only whitespace)');
  return { lines: out.subarray(0, size), events, kind: 'json' };
}

const at = (event: number) => ({ status: HEC.invalidDataFormat, eventNumber: event });

function jsonSeqLines(text: string): string[] {
  const parts = text.split('\x1e');
  if (parts[0]!.trim() !== '')
    throw badBody('record 1: a json-seq body must start with the RS character (0x1E)');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    const rec = parts[i]!.trim();
    if (rec !== '') out.push(objectLine(rec, `record ${i}`, out.length));
  }
  return out;
}

/** `application/json`: an array of objects, or objects one after the other (one is the usual case). */
function jsonBodyLines(text: string): string[] {
  const p = skipWs(text, 0);
  if (p === text.length) return [];
  const c = text[p];
  try {
    if (c === '[') return arrayLines(text, p);
    if (c === '{') return concatenatedLines(text, p, 'object');
    throw badBody(
      `line ${lineAt(text, p)}: expected a JSON array or object, got ${JSON.stringify(text.slice(p, p + 20))}`,
    );
  } catch (e) {
    if (e instanceof JsonScanError) throw badBody(`line ${lineAt(text, e.pos)}: invalid JSON: ${e.message}`);
    throw e;
  }
}

function arrayLines(text: string, open: number): string[] {
  const out: string[] = [];
  let p = skipWs(text, open + 1);
  if (text[p] === ']') {
    const rest = skipWs(text, p + 1);
    if (rest !== text.length) throw badBody(`line ${lineAt(text, rest)}: unexpected text after the array`);
    return out;
  }
  for (let n = 1; ; n++) {
    if (p >= text.length) throw badBody(`element ${n}: the array is not closed before the end of the body`);
    const end = scanWithIndex(text, p, `element ${n}`, n - 1);
    out.push(objectLine(text.slice(p, end), () => `element ${n} (line ${lineAt(text, p)})`, n - 1));
    p = skipWs(text, end);
    if (text[p] === ',') p = skipWs(text, p + 1);
    else if (text[p] === ']') {
      const rest = skipWs(text, p + 1);
      if (rest !== text.length) throw badBody(`line ${lineAt(text, rest)}: unexpected text after the array`);
      return out;
    } else if (p >= text.length)
      throw badBody(`element ${n}: the array is not closed before the end of the body`);
    else throw badBody(`element ${n} (line ${lineAt(text, p)}): expected "," or "]" after the element`);
  }
}

/**
 * Where each of several whitespace-separated JSON values (`{…}{…}`, `{…}\n{…}`, one
 * pretty-printed object…) starts and ends; `n` is 1-based.
 */
function concatenatedValues(
  text: string,
  start: number,
  what: string,
): { start: number; end: number; n: number }[] {
  const out: { start: number; end: number; n: number }[] = [];
  for (let p = skipWs(text, start), n = 1; p < text.length; n++) {
    const end = scanWithIndex(text, p, `${what} ${n}`, n - 1);
    out.push({ start: p, end, n });
    p = skipWs(text, end);
  }
  return out;
}

function concatenatedLines(text: string, start: number, what: string): string[] {
  return concatenatedValues(text, start, what).map((v) =>
    objectLine(text.slice(v.start, v.end), () => `${what} ${v.n} (line ${lineAt(text, v.start)})`, v.n - 1),
  );
}

function scanWithIndex(text: string, p: number, where: string, event: number): number {
  try {
    return scanValue(text, p);
  } catch (e) {
    if (e instanceof JsonScanError)
      throw badBody(`${where} (line ${lineAt(text, e.pos)}): invalid JSON: ${e.message}`, at(event));
    throw e;
  }
}

/** Text: the body as is (one event per non-empty line), with a final newline. */
function textLines(body: Buffer): FramedBody {
  let events = 0;
  for (let start = 0; start < body.length;) {
    const nl = body.indexOf(0x0a, start);
    const end = nl === -1 ? body.length : nl;
    // As the pipeline's text decoder: a line is an event unless it is empty once a trailing \r is dropped.
    if (end - start > (end > start && body[end - 1] === 0x0d ? 1 : 0)) events++;
    if (nl === -1) break;
    start = nl + 1;
  }
  if (events === 0) throw noData('the body holds no line of text (only line breaks)');
  const lines = body[body.length - 1] === 0x0a ? body : Buffer.concat([body, Buffer.from('\n')]);
  return { lines, events, kind: 'text' };
}
