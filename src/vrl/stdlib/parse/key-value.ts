/**
 * The key/value parser behind `parse_key_value` and `parse_logfmt`, following VRL's nom grammar:
 * a `field_delimiter`-separated list of `key [kv-delimiter value]` pairs, where keys and values may be
 * quoted with `"` or `'` (a quoted token only counts when a delimiter or the end follows it),
 * undelimited tokens run to the next delimiter and are trimmed, and duplicate keys collect into arrays.
 */
import { VrlError } from '../../value/errors.js';
import { setField, hasField } from '../../value/object.js';
import type { Value, ValueObject } from '../../value/value.js';
import { convertNomError, rustTrim, type NomErrorEntry } from './nom-error.js';

export type Whitespace = 'lenient' | 'strict';

export interface KeyValueOptions {
  keyValueDelimiter: string;
  fieldDelimiter: string;
  whitespace: Whitespace;
  standaloneKey: boolean;
}

class NomError extends Error {
  constructor(readonly entries: NomErrorEntry[]) {
    super('nom');
  }
}

type Parsed<T> = { pos: number; value: T } | null;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function space0(s: string, p: number): number {
  while (p < s.length && isSpace(s.charCodeAt(p))) p++;
  return p;
}

/** The separator between pairs: runs of spaces for `" "`, else optional spaces then the delimiter. */
function fieldDelimiter(s: string, p: number, fd: string): number | null {
  if (fd === ' ') {
    let q = p;
    while (s.startsWith(' ', q)) q++;
    return q > p ? q : null;
  }
  let q = p;
  while (s.startsWith(' ', q)) q++;
  if (fd === '' && q === p) return q;
  return s.startsWith(fd, q) ? q + fd.length : null;
}

/** Undoes the escapes `encode_key_value` writes (`\n`, `\\`, `\"`); other backslashes stay. */
function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const n = text[i + 1];
      if (n === 'n') {
        out += '\n';
        i++;
      } else if (n === '\\' || n === '"') {
        out += n;
        i++;
      } else out += c;
    } else out += c;
  }
  return out;
}

/** A token quoted with `quote`, valid only when followed by `terminator` (or spaces and the end). */
function delimited(s: string, p: number, quote: string, terminator: string): Parsed<string> {
  if (s[p] !== quote) return null;
  let i = p + 1;
  let inner = '';
  let escapedOk = true;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      if (i + 1 >= s.length) {
        escapedOk = false;
        break;
      }
      i += 2;
    } else if (c === quote) break;
    else i++;
  }
  if (escapedOk) inner = s.slice(p + 1, i);
  else i = p + 1;
  if (s[i] !== quote) return null;
  const end = i + 1;
  // peek: a field delimiter, or optional spaces then the end of input
  if (fieldDelimiter(s, end, terminator) === null && space0(s, end) !== s.length) return null;
  return { pos: end, value: unescape(inner) };
}

function undelimited(s: string, p: number, delimiter: string): { pos: number; value: string } {
  const idx = s.indexOf(delimiter, p);
  const end = idx < 0 ? s.length : idx;
  return { pos: end, value: rustTrim(s.slice(p, end)) };
}

function parseValue(s: string, p: number, fd: string): { pos: number; value: string } {
  return delimited(s, p, "'", fd) ?? delimited(s, p, '"', fd) ?? undelimited(s, p, fd);
}

function parseKey(s: string, p: number, o: KeyValueOptions): { pos: number; value: string } {
  const kvd = o.keyValueDelimiter;
  const fd = o.fieldDelimiter;
  let key: { pos: number; value: string } | null;
  if (o.standaloneKey) {
    key =
      delimited(s, p, "'", kvd) ??
      delimited(s, p, "'", fd) ??
      delimited(s, p, '"', kvd) ??
      delimited(s, p, '"', fd);
    if (!key) {
      const k = undelimited(s, p, kvd);
      key = k.value !== '' && !k.value.includes(fd) ? k : undelimited(s, p, fd);
    }
  } else {
    key = delimited(s, p, "'", kvd) ?? delimited(s, p, '"', kvd) ?? undelimited(s, p, kvd);
  }
  if (key.value === '') throw new NomError([{ at: p, kind: 'Verify' }]);
  return key;
}

/** `many_m_n(min, 1, kv-delimiter)`: the position after the delimiter, or null when absent (min 0). */
function keyValueSeparator(s: string, p: number, o: KeyValueOptions): number | null {
  const kvd = o.keyValueDelimiter;
  let q = o.whitespace === 'lenient' ? space0(s, p) : p;
  const tagAt = q;
  if (s.startsWith(kvd, q)) {
    q += kvd.length;
    if (o.whitespace === 'lenient') q = space0(s, q);
    if (q === p) throw new NomError([{ at: p, kind: 'ManyMN' }]);
    return q;
  }
  if (!o.standaloneKey) {
    throw new NomError([
      { at: tagAt, kind: 'Tag' },
      { at: p, kind: 'ManyMN' },
    ]);
  }
  return null;
}

function parsePair(s: string, p: number, o: KeyValueOptions): { pos: number; key: string; value: Value } {
  const key = parseKey(s, space0(s, p), o);
  const sep = keyValueSeparator(s, key.pos, o);
  const value = parseValue(s, sep ?? key.pos, o.fieldDelimiter);
  return { pos: value.pos, key: key.value, value: sep === null ? true : value.value };
}

/** Parses a whole line; throws `VrlError` with VRL's message. */
export function parseKeyValueLine(input: string, o: KeyValueOptions): ValueObject {
  const pairs: { key: string; value: Value }[] = [];
  let pos: number;
  try {
    const first = parsePair(input, 0, o);
    pairs.push(first);
    pos = first.pos;
    for (;;) {
      const afterSep = fieldDelimiter(input, pos, o.fieldDelimiter);
      if (afterSep === null) break;
      if (afterSep === pos) throw new NomError([{ at: pos, kind: 'SeparatedList' }]);
      let next: { pos: number; key: string; value: Value };
      try {
        next = parsePair(input, afterSep, o);
      } catch (e) {
        if (e instanceof NomError) break;
        throw e;
      }
      pairs.push(next);
      pos = next.pos;
    }
  } catch (e) {
    if (e instanceof NomError) throw new VrlError(convertNomError(input, e.entries));
    throw e;
  }
  if (rustTrim(input.slice(pos)) !== '') throw new VrlError('could not parse whole line successfully');
  return group(pairs);
}

/** Groups values of repeated keys into arrays; a standalone `true` never overrides a value. */
function group(pairs: readonly { key: string; value: Value }[]): ValueObject {
  const out: ValueObject = {};
  for (const { key, value } of pairs) {
    if (!hasField(out, key)) {
      setField(out, key, value);
      continue;
    }
    if (value === true) continue;
    const existing = out[key]!;
    if (existing === true) setField(out, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setField(out, key, [existing, value]);
  }
  return out;
}
