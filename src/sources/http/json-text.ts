/**
 * JSON text helpers for request bodies held in memory: find where values end without
 * parsing them, list an object's top-level members, and turn a value's source text into one
 * compact line. Keeping the source text (instead of `JSON.stringify(JSON.parse(…))`) keeps
 * integers past 2^53 and number spellings exactly as the client sent them.
 */

/** A structural problem at `pos` (UTF-16 index into the scanned text). */
export class JsonScanError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonScanError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export const isJsonWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** First index at or after `p` that is not JSON whitespace. */
export function skipWs(s: string, p: number): number {
  while (p < s.length && isJsonWs(s.charCodeAt(p))) p++;
  return p;
}

/** End (exclusive) of the string literal starting at `p` (`s[p]` is `"`). */
function scanString(s: string, p: number): number {
  let i = p + 1;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q === -1) throw new JsonScanError(p, 'unterminated string');
    let b = q - 1;
    while (s.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

const endsScalar = (c: number): boolean =>
  isJsonWs(c) ||
  c === COMMA ||
  c === CLOSE_ARR ||
  c === CLOSE_OBJ ||
  c === OPEN_ARR ||
  c === OPEN_OBJ ||
  c === QUOTE;

/**
 * End (exclusive) of the JSON value starting at `p` (not whitespace). Only nesting and
 * strings are checked here; `JSON.parse` of the slice validates the rest.
 */
export function scanValue(s: string, p: number): number {
  const c = s.charCodeAt(p);
  if (c === QUOTE) return scanString(s, p);
  if (c === OPEN_OBJ || c === OPEN_ARR) {
    let depth = 0;
    for (let i = p; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === QUOTE) i = scanString(s, i) - 1;
      else if (ch === OPEN_OBJ || ch === OPEN_ARR) depth++;
      else if (ch === CLOSE_OBJ || ch === CLOSE_ARR) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new JsonScanError(
      p,
      `the ${c === OPEN_OBJ ? 'object' : 'array'} is not closed before the end of the body`,
    );
  }
  let i = p;
  while (i < s.length && !endsScalar(s.charCodeAt(i))) i++;
  if (i === p) throw new JsonScanError(p, `unexpected ${JSON.stringify(s[p])}`);
  return i;
}

/** A value's source text as one line: line breaks between tokens removed (valid JSON has none inside strings). */
export function oneLine(text: string): string {
  return text.indexOf('\n') === -1 && text.indexOf('\r') === -1 ? text : text.replace(/[\r\n]+/g, '');
}

/**
 * Top-level members of a valid JSON object's source text `s.slice(start, end)`: key → the
 * member value's [start, end). Later duplicates win, as in `JSON.parse`.
 */
export function objectMembers(s: string, start: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  let p = skipWs(s, start + 1);
  if (s.charCodeAt(p) === CLOSE_OBJ) return out;
  for (;;) {
    const keyEnd = scanString(s, p);
    const key = JSON.parse(s.slice(p, keyEnd)) as string;
    p = skipWs(s, keyEnd);
    if (s.charCodeAt(p) !== COLON) throw new JsonScanError(p, 'expected ":"');
    p = skipWs(s, p + 1);
    const valueEnd = scanValue(s, p);
    out.set(key, [p, valueEnd]);
    p = skipWs(s, valueEnd);
    if (s.charCodeAt(p) === COMMA) p = skipWs(s, p + 1);
    else return out;
  }
}

/** 1-based line number of position `pos` in `s`. */
export function lineAt(s: string, pos: number): number {
  let line = 1;
  for (let i = s.indexOf('\n'); i !== -1 && i < pos; i = s.indexOf('\n', i + 1)) line++;
  return line;
}

/** `JSON.parse`'s message without its engine-specific prefix noise. */
export function parseErrorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What kind of JSON value `v` is, for error messages. */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}
