/**
 * A loose syslog parser (what VRL's `parse_syslog` gets from the `syslog_loose` crate, version 0.22):
 * RFC 5424 is tried first, then RFC 3164 with its many real-world variations (missing priority,
 * `MMM DD HH:MM:SS` with or without a year, RFC 3339 timestamps, `app[pid]:` tags, bracketed
 * structured data). Parsing is a hand-written scanner over positions, without regexes.
 */
import { daysInMonth, fromEpochSeconds, parseRfc3339, type TimeZone } from '../../time/index.js';
import { civilToEpochSeconds } from '../../time/timestamp.js';
import { earliestLocal } from './local-time.js';
import { isRustWhitespaceCode } from './nom-error.js';
import { LEVELS } from '../value/util/syslog.js';

export interface StructuredElement {
  id: string;
  params: [string, string][];
}

export interface SyslogMessage {
  /** RFC 5424 version, or `null` for RFC 3164. */
  version: number | null;
  facility: string | null;
  severity: string | null;
  /** Nanoseconds since the epoch. */
  timestamp: bigint;
  hostname: string | null;
  appname: string | null;
  procid: string | null;
  msgid: string | null;
  structuredData: StructuredElement[];
  msg: string;
}

const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clockd',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface SyslogOptions {
  /** Year for a date without one, given its month. */
  resolveYear: (month: number) => number;
  /** Zone for dates without an offset; `null` is the local zone. */
  zone: TimeZone | null;
}

type R<T> = { pos: number; value: T } | null;

const isWs = (s: string, p: number): boolean => p < s.length && isRustWhitespaceCode(s.charCodeAt(p));
const isSpaceTab = (c: number): boolean => c === 0x20 || c === 0x09;

function space0(s: string, p: number): number {
  while (p < s.length && isSpaceTab(s.charCodeAt(p))) p++;
  return p;
}

function space1(s: string, p: number): number | null {
  const q = space0(s, p);
  return q > p ? q : null;
}

/** `digit1` parsed as an unsigned integer no larger than `max`. */
function digits(s: string, p: number, max: number): R<number> {
  let q = p;
  while (q < s.length && s.charCodeAt(q) >= 0x30 && s.charCodeAt(q) <= 0x39) q++;
  if (q === p) return null;
  const value = Number(s.slice(p, q));
  return value > max ? null : { pos: q, value };
}

const U8 = 255;
const U32 = 4294967295;
const I32 = 2147483647;

function pri(s: string, p: number): { pos: number; facility: string | null; severity: string | null } {
  if (s[p] === '<') {
    const n = digits(s, p + 1, U8);
    if (n && s[n.pos] === '>') {
      return {
        pos: n.pos + 1,
        facility: FACILITIES[n.value >> 3] ?? null,
        severity: LEVELS[n.value & 7]!,
      };
    }
  }
  return { pos: p, facility: null, severity: null };
}

/**
 * A header field up to whitespace (or `:` when colons are not allowed); `-` is empty (`value: null`).
 * A trailing `:` is left in the input as the header/message separator unless `trailingColon`.
 */
function field(s: string, p: number, colons: boolean, trailingColon: boolean): R<string | null> {
  let q = p;
  while (q < s.length && !isRustWhitespaceCode(s.charCodeAt(q)) && (colons || s[q] !== ':')) q++;
  if (q === p) return null;
  const value = s.slice(p, q);
  if (value === ':') return null;
  if (value.endsWith(':') && !trailingColon) return { pos: q - 1, value: value.slice(0, -1) };
  if (value === '-') return { pos: q, value: null };
  return { pos: q, value };
}

/** An RFC 3339 timestamp running up to the next space (there must be one). */
function timestamp3339(s: string, p: number): R<bigint> {
  const end = s.indexOf(' ', p);
  if (end < 0) return null;
  try {
    return { pos: end, value: parseRfc3339(s.slice(p, end)) };
  } catch {
    return null;
  }
}

/** `"…"` with `\` escaping any character; the raw text between the quotes. */
function paramValue(s: string, p: number): R<string> {
  if (s.startsWith('""', p)) return { pos: p + 2, value: '' };
  if (s[p] !== '"') return null;
  let q = p + 1;
  while (q < s.length) {
    const c = s[q];
    if (c === '\\') {
      if (q + 1 >= s.length) return null;
      q += 2;
    } else if (c === '"') break;
    else q++;
  }
  if (q === p + 1 || s[q] !== '"') return null;
  return { pos: q + 1, value: s.slice(p + 1, q) };
}

function param(s: string, p: number): R<[string, string]> {
  let q = p;
  while (q < s.length && s[q] !== ']' && s[q] !== '=') q++;
  if (q === p || s[q] !== '=') return null;
  const value = paramValue(s, space0(s, q + 1));
  return value && { pos: value.pos, value: [s.slice(p, q), value.value] };
}

/** `[id name="value" …]`. */
function strictDatum(s: string, p: number): R<StructuredElement> {
  if (s[p] !== '[') return null;
  let q = p + 1;
  while (q < s.length && !isWs(s, q) && s[q] !== ']' && s[q] !== '=') q++;
  if (q === p + 1) return null;
  const id = s.slice(p + 1, q);
  q = space0(s, q);
  const params: [string, string][] = [];
  const first = param(s, q);
  if (first) {
    params.push(first.value);
    q = first.pos;
    while (s[q] === ' ') {
      const next = param(s, q + 1);
      if (!next) break;
      params.push(next.value);
      q = next.pos;
    }
  }
  if (s[q] !== ']') return null;
  return { pos: q + 1, value: { id, params } };
}

/** RFC 5424 structured data: `-`, or one or more elements (unparsable `[…]` ones are skipped). */
function structuredData5424(s: string, p: number): R<StructuredElement[]> {
  if (s[p] === '-') return { pos: p + 1, value: [] };
  const out: StructuredElement[] = [];
  let q = p;
  let count = 0;
  for (;;) {
    const strict = strictDatum(s, q);
    if (strict) {
      out.push(strict.value);
      q = strict.pos;
    } else if (s[q] === '[' && s.indexOf(']', q + 1) >= 0) {
      q = s.indexOf(']', q + 1) + 1;
    } else break;
    count++;
  }
  return count > 0 ? { pos: q, value: out } : null;
}

/** RFC 3164 structured data: `-`, or well-formed elements that each have parameters. */
function structuredData3164(s: string, p: number): R<StructuredElement[]> {
  if (s[p] === '-') return { pos: p + 1, value: [] };
  const out: StructuredElement[] = [];
  let q = p;
  for (;;) {
    const strict = strictDatum(s, q);
    if (!strict || strict.value.params.length === 0) break;
    out.push(strict.value);
    q = strict.pos;
  }
  return out.length > 0 ? { pos: q, value: out } : null;
}

function parse5424(s: string): SyslogMessage | null {
  const pr = pri(s, 0);
  const version = digits(s, pr.pos, U32);
  if (!version) return null;
  let p: number | null = space1(s, version.pos);
  if (p === null) return null;
  const ts = timestamp3339(s, p);
  if (!ts) return null;
  const fields: (string | null)[] = [];
  p = ts.pos;
  for (const trailingColon of [false, true, true, true]) {
    p = space1(s, p);
    if (p === null) return null;
    const f = field(s, p, true, trailingColon);
    if (!f) return null;
    fields.push(f.value);
    p = f.pos;
  }
  const sd = structuredData5424(s, space0(s, p));
  if (!sd) return null;
  return {
    version: version.value,
    facility: pr.facility,
    severity: pr.severity,
    timestamp: ts.value,
    hostname: fields[0]!,
    appname: fields[1]!,
    procid: fields[2]!,
    msgid: fields[3]!,
    structuredData: sd.value,
    msg: s.slice(space0(s, sd.pos)),
  };
}

/** `MMM` (any case), as the first three characters. */
function month(s: string, p: number): R<number> {
  const chars = [...s.slice(p, p + 6)].slice(0, 3);
  if (chars.length < 3) return null;
  const text = chars.join('');
  const index = MONTHS.indexOf(text.toLowerCase());
  return index < 0 ? null : { pos: p + text.length, value: index + 1 };
}

/** `HH:MM:SS` with an optional trailing `:`. */
function clock(s: string, p: number): R<[number, number, number]> {
  const h = digits(s, p, U32);
  if (!h || s[h.pos] !== ':') return null;
  const m = digits(s, h.pos + 1, U32);
  if (!m || s[m.pos] !== ':') return null;
  const sec = digits(s, m.pos + 1, U32);
  if (!sec) return null;
  return { pos: s[sec.pos] === ':' ? sec.pos + 1 : sec.pos, value: [h.value, m.value, sec.value] };
}

function validCivil(year: number, month: number, day: number, h: number, m: number, sec: number): boolean {
  return (
    day >= 1 && day <= daysInMonth(year, month) && h < 24 && m < 60 && sec < 60 && Math.abs(year) <= 262_143
  );
}

function timestamp3164(s: string, p: number, o: SyslogOptions): R<bigint> {
  const mon = month(s, p);
  if (mon) {
    // MMM DD HH:MM:SS
    const afterMonth = space1(s, mon.pos);
    const day = afterMonth === null ? null : digits(s, afterMonth, U32);
    const afterDay = day && space1(s, day.pos);
    if (day && afterDay !== null) {
      const t = clock(s, afterDay);
      if (t) {
        const year = o.resolveYear(mon.value);
        const [h, m, sec] = t.value;
        if (validCivil(year, mon.value, day.value, h, m, sec)) {
          const local = civilToEpochSeconds({
            year,
            month: mon.value,
            day: day.value,
            hour: h,
            minute: m,
            second: sec,
          });
          const utc = o.zone ? earliestLocal(o.zone, local) : local;
          if (utc !== null) return { pos: t.pos, value: fromEpochSeconds(utc) };
        }
      }
      // MMM DD YYYY HH:MM:SS
      const year = digits(s, afterDay, I32);
      const afterYear = year && space1(s, year.pos);
      const t2 = afterYear ? clock(s, afterYear) : null;
      if (year && t2) {
        const [h, m, sec] = t2.value;
        if (validCivil(year.value, mon.value, day.value, h, m, sec)) {
          // With a zone, syslog_loose reads the wall-clock time as UTC.
          const seconds = civilToEpochSeconds({
            year: year.value,
            month: mon.value,
            day: day.value,
            hour: h,
            minute: m,
            second: sec,
          });
          return { pos: t2.pos, value: fromEpochSeconds(seconds) };
        }
      }
    }
  }
  return timestamp3339(s, p);
}

/** `app[pid]` exactly: the app (possibly empty) and the pid. */
function systag(text: string): [string, string] | null {
  let q = 0;
  while (q < text.length && !isWs(text, q) && text[q] !== ':' && text[q] !== '[') q++;
  if (text[q] !== '[') return null;
  const close = text.indexOf(']', q + 1);
  if (close <= q + 1 || close !== text.length - 1) return null;
  return [text.slice(0, q), text.slice(q + 1, close)];
}

function parse3164(s: string, o: SyslogOptions): SyslogMessage | null {
  const pr = pri(s, 0);
  const ts = timestamp3164(s, space0(s, pr.pos), o);
  if (!ts) return null;
  let p = ts.pos;
  let field1: string | null | undefined;
  let field2: string | null | undefined;
  if (s[p] === ' ') {
    const f = field(s, p + 1, true, false);
    if (f) {
      field1 = f.value;
      p = f.pos;
    }
  }
  if (s[p] === ' ') {
    const f = field(s, p + 1, false, true);
    if (f) {
      field2 = f.value;
      p = f.pos;
    }
  }
  p = space0(s, p);
  if (s[p] === ':') p++;
  p = space0(s, p);
  let structuredData: StructuredElement[] = [];
  const sd = structuredData3164(s, p);
  if (sd) {
    structuredData = sd.value;
    p = sd.pos;
  }
  p = space0(s, p);

  let hostname: string | null = null;
  let appname: string | null = null;
  let procid: string | null = null;
  if (field1 !== undefined && typeof field2 === 'string') {
    const tag = systag(field2);
    hostname = field1;
    if (tag) [appname, procid] = tag;
    else appname = field2;
  } else if (
    (typeof field1 === 'string' && field2 === undefined) ||
    (field1 === undefined && typeof field2 === 'string')
  ) {
    const only = (field1 ?? field2) as string;
    const tag = systag(only);
    if (tag) [appname, procid] = tag;
    else hostname = only;
  }
  return {
    version: null,
    facility: pr.facility,
    severity: pr.severity,
    timestamp: ts.value,
    hostname,
    appname,
    procid,
    msgid: null,
    structuredData,
    msg: s.slice(p),
  };
}

/** Parses a (trimmed) syslog line; `null` when it is neither RFC 5424 nor RFC 3164. */
export function parseSyslogMessage(input: string, o: SyslogOptions): SyslogMessage | null {
  return parse5424(input) ?? parse3164(input, o);
}

/** Undoes structured-data escapes: `\"`, `\]`, `\\` and `\n`; other backslashes stay. */
export function unescapeParam(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let escaped = false;
  for (const c of raw) {
    if (c === '\\' && !escaped) escaped = true;
    else if (c === 'n' && escaped) {
      escaped = false;
      out += '\n';
    } else if (escaped && c !== '"' && c !== ']' && c !== '\\') {
      escaped = false;
      out += `\\${c}`;
    } else {
      escaped = false;
      out += c;
    }
  }
  return out;
}
