/**
 * JSON in and out of VRL values.
 *
 * `toVrlJson` renders a value as VRL's `encode_json` does (serde_json): object keys sorted, integers
 * plain, floats always with a fraction or exponent (`1.0`, `1e21`, `1.5e-7`, ryu's shortest form),
 * timestamps as RFC 3339 (`AutoSi`, `Z`), regexes as their pattern, bytes that are not UTF-8 lossily.
 *
 * `parseVrlJson` reads JSON keeping VRL's kinds: `1` is an integer (`bigint`, exact to i64), `1.0` and
 * `1e3` are floats. Most log lines have no float literal, so those take `JSON.parse` and one walk; the
 * rest go through a small exact parser.
 */
import { toRfc3339 } from '../time/index.js';
import { toText } from './bytes.js';
import { VrlError } from './errors.js';
import { setField, sortedKeys } from './object.js';
import { VrlRegex, VrlTimestamp, type Value, type ValueObject } from './value.js';

/** A float as serde_json (ryu) prints it. */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(exp) + 1; // position of the decimal point relative to the digits
  let text: string;
  if (kk >= length && kk <= 16) text = `${digits}${'0'.repeat(kk - length)}.0`;
  else if (kk > 0 && kk <= 16) text = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) text = `0.${'0'.repeat(-kk)}${digits}`;
  else if (length === 1) text = `${digits}e${kk - 1}`;
  else text = `${digits[0]}.${digits.slice(1)}e${kk - 1}`;
  return sign + text;
}

/** The value as VRL's `encode_json` prints it (compact, or `pretty` with two-space indents). */
export function toVrlJson(value: Value, pretty = false): string {
  return write(value, pretty ? '\n' : '');
}

function write(value: Value, indent: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return formatFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return JSON.stringify(toText(value));
  if (value instanceof VrlTimestamp) return JSON.stringify(toRfc3339(value.ns));
  if (value instanceof VrlRegex) return JSON.stringify(value.pattern);
  const pretty = indent !== '';
  const inner = pretty ? `${indent}  ` : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => inner + write(item, inner));
    return pretty ? `[${items.join(',')}${indent}]` : `[${items.join(',')}]`;
  }
  const keys = sortedKeys(value);
  if (keys.length === 0) return '{}';
  const sep = pretty ? ': ' : ':';
  const items = keys.map((key) => `${inner}${JSON.stringify(key)}${sep}${write(value[key]!, inner)}`);
  return pretty ? `{${items.join(',')}${indent}}` : `{${items.join(',')}}`;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * Parses JSON text into VRL values. Integers outside i64 become floats (as serde_json does for u64
 * overflow and beyond). Throws `VrlError` with serde-like position text on invalid JSON.
 */
export function parseVrlJson(text: string): Value {
  // JSON.parse is exact for every number except integers past 2^53 and cannot tell `1.0` from `1`.
  // Only number literals with a fraction of zeros or an exponent are ambiguous; when the text holds
  // none (a match inside a string is a harmless false alarm) and no integer is past 2^53, JSON.parse
  // plus one walk is exact. A document that is a bare number is rare and goes to the exact parser.
  const first = text.trimStart().charCodeAt(0);
  if (first !== 45 && !(first >= 48 && first <= 57) && !AMBIGUOUS_NUMBER.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return new ExactParser(text).parseDocument();
    }
    const value = integersToBigint(parsed);
    if (value !== UNSAFE) return value;
  }
  return new ExactParser(text).parseDocument();
}

/** A number token written with a fraction of zeros (`1.0`, `2.000`) or with an exponent (`1e3`). */
const AMBIGUOUS_NUMBER = /[:,[]\s*-?[0-9]+(?:\.0+(?![0-9])|(?:\.[0-9]+)?[eE])/;

/** Returned by `integersToBigint` when an integer past 2^53 may have been rounded by JSON.parse. */
const UNSAFE = Symbol('unsafe');

function integersToBigint(value: unknown): Value | typeof UNSAFE {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return value;
    return Number.isSafeInteger(value) ? BigInt(value) : UNSAFE;
  }
  if (value === null || typeof value !== 'object') return value as Value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = integersToBigint(value[i]);
      if (v === UNSAFE) return UNSAFE;
      value[i] = v;
    }
    return value as Value[];
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const v = integersToBigint(object[key]);
    if (v === UNSAFE) return UNSAFE;
    object[key] = v;
  }
  return object as ValueObject;
}

class ExactParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): Value {
    this.ws();
    const value = this.value();
    this.ws();
    if (this.pos < this.text.length) this.fail('trailing characters');
    return value;
  }

  private fail(what: string): never {
    let line = 1;
    let column = 1;
    for (let i = 0; i < this.pos && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    if (this.pos >= this.text.length)
      throw new VrlError(`EOF while parsing a value at line ${line} column ${column - 1}`);
    throw new VrlError(`${what} at line ${line} column ${column}`);
  }

  private ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else break;
    }
  }

  private value(): Value {
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        return this.fail('expected value');
    }
  }

  private word<T extends Value>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    return this.fail('expected ident');
  }

  private number(): Value {
    const re = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return this.fail('invalid number');
    this.pos = re.lastIndex;
    if (m[1] === undefined && m[2] === undefined) {
      const n = BigInt(m[0]);
      if (n >= I64_MIN && n <= I64_MAX) return n;
    }
    return Number(m[0]);
  }

  private string(): string {
    const t = this.text;
    const start = this.pos;
    let end = start + 1;
    let escaped = false;
    for (; end < t.length; end++) {
      const c = t.charCodeAt(end);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        end++;
      } else if (c < 0x20) {
        this.pos = end;
        this.fail('control character (\\u0000-\\u001F) found while parsing a string');
      }
    }
    if (end >= t.length) {
      this.pos = t.length;
      this.fail('EOF while parsing a string');
    }
    this.pos = end + 1;
    const raw = t.slice(start, end + 1);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid escape');
    }
  }

  private array(): Value[] {
    this.pos++;
    const out: Value[] = [];
    this.ws();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === ']') {
        this.pos++;
        return out;
      } else this.fail('expected `,` or `]`');
    }
  }

  private object(): ValueObject {
    this.pos++;
    const out: ValueObject = {};
    this.ws();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail('key must be a string');
      const key = this.string();
      this.ws();
      if (this.text[this.pos] !== ':') this.fail('expected `:`');
      this.pos++;
      this.ws();
      setField(out, key, this.value());
      this.ws();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === '}') {
        this.pos++;
        return out;
      } else this.fail('expected `,` or `}`');
    }
  }
}
