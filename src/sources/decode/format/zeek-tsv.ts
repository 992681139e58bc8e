/**
 * Zeek TSV: the default output of Zeek's ASCII log writer.
 *
 * ```
 * #separator \x09
 * #set_separator	,
 * #empty_field	(empty)
 * #unset_field	-
 * #path	conn
 * #open	2024-01-01-00-00-00
 * #fields	ts	uid	id.orig_h	...
 * #types	time	string	addr	...
 * 1704067200.123456	CHhAvVGS1DHFjwGM9	192.0.2.10	...
 * #close	2024-01-01-01-00-00
 * ```
 *
 * Header lines (`#…`) set the separators, the field names and their types; every data line then
 * becomes `{ json: { <field>: <value> } }`, keyed by the `#fields` names (dotted, as Zeek's JSON
 * logs are), so one mapping serves both encodings. Values are typed by `#types`:
 * count/int/port → integer, double/time/interval → float (a `time` stays epoch seconds),
 * bool `T`/`F` → boolean, `set[..]`/`vector[..]`/`table[..]` → arrays split on the set separator,
 * everything else (string, addr, subnet, enum, pattern…) → string. The unset field (`-`) leaves
 * the field out; the empty field (`(empty)`) is an empty array or string. Escapes (`\xHH`, `\\`)
 * are decoded; a value whose decoded bytes are not UTF-8 keeps its escaped text.
 *
 * Headers may change mid-input (rotated or concatenated files): data lines always use the most
 * recent `#fields`/`#types`, and a new `#separator` line starts over from the defaults. A data
 * line whose column count differs from `#fields`, or one before any `#fields`, is an error item.
 */
import type { ItemSink } from '../types.js';
import { LineFramer, type LineSink } from '../framing/lines.js';
import { isBlank } from './json.js';
import { utf8Error } from './utf8.js';

/** First bytes of a Zeek TSV input (its first header line). */
export const ZEEK_TSV_MAGIC = '#separator';

/** True when `buf` at `at` starts with `#separator` followed by whitespace. */
export function looksLikeZeekTsv(buf: Uint8Array, at: number): boolean {
  const magic = ZEEK_TSV_MAGIC;
  if (buf.length - at < magic.length + 1) return false;
  for (let i = 0; i < magic.length; i++) if (buf[at + i] !== magic.charCodeAt(i)) return false;
  const next = buf[at + magic.length];
  return next === 0x20 || next === 0x09;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const INT_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Scalar = 'int' | 'float' | 'bool' | 'string';
interface Column {
  name: string;
  /** Scalar kind of the value, or of each element when `container`. */
  kind: Scalar;
  container: boolean;
}

/** Kind of a Zeek type name: `count`, `set[string]`, `vector[interval]`, `table[enum]`… */
function columnOf(name: string, type: string | undefined): Column {
  if (type === undefined) return { name, kind: 'string', container: false };
  const m = /^(?:set|vector|table)\[(.*)\]$/.exec(type);
  const scalar = m ? m[1]! : type;
  let kind: Scalar = 'string';
  if (scalar === 'count' || scalar === 'int' || scalar === 'port' || scalar === 'counter') kind = 'int';
  else if (scalar === 'double' || scalar === 'time' || scalar === 'interval') kind = 'float';
  else if (scalar === 'bool') kind = 'bool';
  return { name, kind, container: m !== null };
}

/** Decodes `\xHH` and `\\` escapes in a header value (e.g. `#separator \x09`). */
function unescapeHeader(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})|\\\\/g, (_match, hex: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : '\\',
  );
}

const ESCAPE = /\\(?:x[0-9a-fA-F]{2}|\\)/;

/**
 * Decodes Zeek's escapes in a value. Escaped bytes that form valid UTF-8 (together with the
 * text around them) become characters; otherwise the escaped text is kept as written, so no
 * byte is lost.
 */
export function unescapeZeek(text: string): string {
  if (!text.includes('\\') || !ESCAPE.test(text)) return text;
  const bytes: number[] = [];
  let ascii = true;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x5c && i + 1 < text.length) {
      const n = text.charCodeAt(i + 1);
      if (n === 0x5c) {
        bytes.push(0x5c);
        i += 2;
        continue;
      }
      if (n === 0x78 && i + 4 <= text.length && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        const b = parseInt(text.slice(i + 2, i + 4), 16);
        if (b >= 0x80) ascii = false;
        bytes.push(b);
        i += 4;
        continue;
      }
    }
    if (c < 0x80) {
      bytes.push(c);
      i++;
      continue;
    }
    // A non-ASCII character written as is (LogAscii::enable_utf_8): its UTF-8 bytes.
    ascii = false;
    const cp = text.codePointAt(i)!;
    const enc = Buffer.from(String.fromCodePoint(cp), 'utf8');
    for (const b of enc) bytes.push(b);
    i += cp > 0xffff ? 2 : 1;
  }
  const buf = Buffer.from(bytes);
  if (ascii) return buf.toString('latin1');
  return utf8Error(buf, 0) === null ? buf.toString('utf8') : text;
}

export class ZeekTsvDecoder {
  private readonly framer: LineFramer;
  private separator = '\t';
  private setSeparator = ',';
  private emptyField = '(empty)';
  private unsetField = '-';
  private path: string | null = null;
  private fieldNames: string[] | null = null;
  private columns: Column[] | null = null;

  constructor(
    private readonly sink: ItemSink,
    maxLineBytes: number,
    start: { offset: number; line: number },
    private readonly numbers: 'js' | 'vrl',
  ) {
    const ls: LineSink = {
      line: (bytes, line, offset) => this.onLine(bytes, line, offset),
      overflow: (head, line, offset, totalBytes) =>
        sink({
          kind: 'error',
          line,
          offset,
          reason: `${this.name()} line ${line} is ${totalBytes} bytes, longer than maxLineBytes (${maxLineBytes})`,
          raw: head,
        }),
      broken: (partial, line, offset, reason) => sink({ kind: 'error', line, offset, reason, raw: partial }),
    };
    this.framer = new LineFramer(ls, maxLineBytes, start);
  }

  push(chunk: Buffer): void {
    this.framer.push(chunk);
  }

  end(): void {
    this.framer.end();
  }

  abort(reason: string): void {
    this.framer.abort(reason);
  }

  /** `Zeek TSV (#path conn)`, for error reasons. */
  private name(): string {
    return this.path ? `Zeek TSV (#path ${this.path})` : 'Zeek TSV';
  }

  private onLine(bytes: Buffer, line: number, offset: number): void {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const view = end === bytes.length ? bytes : bytes.subarray(0, end);
    if (view.length === 0 || isBlank(view)) return;
    const bad = utf8Error(view, offset);
    if (bad !== null) {
      this.sink({ kind: 'error', line, offset, reason: `${this.name()}: ${bad}`, raw: Buffer.from(view) });
      return;
    }
    const text = view.toString('utf8');
    if (text.charCodeAt(0) === 0x23 /* # */ && this.header(text)) return;
    const cols = this.columns;
    if (cols === null) {
      this.sink({
        kind: 'error',
        line,
        offset,
        reason: `${this.name()} line ${line}: data line before any #fields header`,
        raw: Buffer.from(view),
      });
      return;
    }
    const values = text.split(this.separator);
    if (values.length !== cols.length) {
      this.sink({
        kind: 'error',
        line,
        offset,
        reason: `${this.name()} line ${line}: the #fields header names ${cols.length} fields, the line has ${values.length} columns`,
        raw: Buffer.from(view),
      });
      return;
    }
    const json: Record<string, unknown> = {};
    for (let i = 0; i < cols.length; i++) {
      const raw = values[i]!;
      if (raw === this.unsetField) continue;
      const col = cols[i]!;
      if (col.container) {
        if (raw === this.emptyField) json[col.name] = [];
        else
          json[col.name] = raw
            .split(this.setSeparator)
            .map((el) => (el === this.unsetField ? null : this.scalar(el, col.kind)));
      } else json[col.name] = this.scalar(raw, col.kind);
    }
    this.sink({ kind: 'record', line, offset, value: { json } });
  }

  /**
   * Applies a header line; false when the line is data after all: a `#` line with a key Zeek does
   * not write, once fields are known (without fields it is skipped as unknown meta information).
   */
  private header(text: string): boolean {
    const m = ZEEK_TSV_MAGIC.length;
    if (text.startsWith(ZEEK_TSV_MAGIC) && (text[m] === ' ' || text[m] === '\t')) {
      // A new file starts (concatenated logs): back to the defaults, then its separator.
      this.setSeparator = ',';
      this.emptyField = '(empty)';
      this.unsetField = '-';
      this.path = null;
      this.fieldNames = null;
      this.columns = null;
      const sep = unescapeHeader(text.slice(m + 1));
      this.separator = sep.length > 0 ? sep : '\t';
      return true;
    }
    const at = text.indexOf(this.separator);
    const key = at === -1 ? text.slice(1) : text.slice(1, at);
    const value = at === -1 ? '' : text.slice(at + this.separator.length);
    switch (key) {
      case 'set_separator':
        this.setSeparator = unescapeHeader(value) || ',';
        return true;
      case 'empty_field':
        this.emptyField = unescapeHeader(value);
        return true;
      case 'unset_field':
        this.unsetField = unescapeHeader(value);
        return true;
      case 'path':
        this.path = unescapeHeader(value);
        return true;
      case 'fields':
        // New fields, untyped until their #types line.
        this.fieldNames = value.split(this.separator);
        this.columns = this.fieldNames.map((n) => columnOf(n, undefined));
        return true;
      case 'types': {
        const types = value.split(this.separator);
        if (this.fieldNames) this.columns = this.fieldNames.map((n, i) => columnOf(n, types[i]));
        return true;
      }
      case 'open':
      case 'close':
        return true;
      default:
        return this.columns === null;
    }
  }

  private scalar(raw: string, kind: Scalar): unknown {
    switch (kind) {
      case 'int':
        return INT_TEXT.test(raw) ? this.integer(raw) : unescapeZeek(raw);
      case 'float': {
        if (!FLOAT_TEXT.test(raw)) return unescapeZeek(raw);
        const n = Number(raw);
        return Number.isFinite(n) ? n : raw;
      }
      case 'bool':
        return raw === 'T' ? true : raw === 'F' ? false : unescapeZeek(raw);
      default:
        return raw === this.emptyField ? '' : unescapeZeek(raw);
    }
  }

  private integer(raw: string): unknown {
    if (this.numbers === 'vrl') {
      const b = BigInt(raw);
      return b >= I64_MIN && b <= I64_MAX ? b : Number(raw);
    }
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : BigInt(raw);
  }
}
