/**
 * InfluxDB line protocol (the `influxdb-line-protocol` crate VRL uses): `measurement[,tag=v…]
 * field=value[,…] [timestamp]`, one point per line, `#` comment lines, backslash escapes. Each field
 * becomes a gauge metric object named `<measurement>_<field>`.
 */
import { VrlError } from '../../value/errors.js';
import { setField } from '../../value/object.js';
import { VrlTimestamp, type Value, type ValueObject } from '../../value/value.js';

class LineError extends Error {
  constructor(
    message: string,
    /** `Failure` errors are not caught by alternatives or optional parts. */
    readonly failure: boolean,
  ) {
    super(message);
  }
}

const generic = (kind: string): LineError =>
  new LineError(`A generic parsing error occurred: ${kind}`, false);

type FieldValue = { t: 'num'; v: number } | { t: 'string'; v: string } | { t: 'bool'; v: boolean };

interface ParsedLine {
  measurement: string;
  tags: [string, string][] | null;
  fields: [string, FieldValue][];
  timestamp: bigint | null;
}

const isBoundary = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits on newlines that are not inside a quoted field value. */
function splitLines(input: string): string[] {
  const lines: string[] = [];
  let quoted = false;
  let fields = false;
  let equals = 0;
  let commas = 0;
  let escape = false;
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (escape) {
      escape = false;
      continue;
    }
    if (c === '\\') {
      escape = true;
      continue;
    }
    if (c === ' ') {
      fields = true;
      continue;
    }
    if (fields) {
      if (!quoted && c === '=') {
        equals++;
        continue;
      } else if (!quoted && c === ',') {
        commas++;
        continue;
      } else if (c === '"' && equals > commas) {
        quoted = !quoted;
        continue;
      }
    }
    if (c === '\n' && !quoted) {
      lines.push(input.slice(start, i));
      start = i + 1;
      fields = false;
      equals = 0;
      commas = 0;
    }
  }
  lines.push(input.slice(start));
  return lines;
}

function trimLeading(line: string): string {
  let i = line;
  for (;;) {
    let k = 0;
    while (k < i.length && isBoundary(i[k])) k++;
    i = i.slice(k);
    if (!i.startsWith('#')) return i;
    const nl = i.indexOf('\n');
    i = nl < 0 ? '' : i.slice(nl);
  }
}

class LineParser {
  i = 0;
  constructor(readonly s: string) {}

  /** A name with backslash escapes; `stop` ends the normal run, `escapable` may follow `\`. */
  escaped(stop: string, escapable: string): string {
    const s = this.s;
    const start = this.i;
    let out = '';
    let i = this.i;
    for (;;) {
      let j = i;
      while (j < s.length && !isBoundary(s[j]) && !stop.includes(s[j]!) && s[j] !== '\\') j++;
      if (j > i) {
        out += s.slice(i, j);
        i = j;
        continue;
      }
      if (s[i] === '\\') {
        const n = s[i + 1];
        if (n !== undefined && escapable.includes(n)) {
          out += n;
          i += 2;
        } else {
          out += '\\';
          i++;
          if (i < s.length) {
            const cp = s.codePointAt(i)!;
            const w = cp > 0xffff ? 2 : 1;
            out += s.slice(i, i + w);
            i += w;
          } else break;
        }
        continue;
      }
      if (i === start) throw generic('EscapedTransform');
      break;
    }
    if (out.endsWith('\\')) {
      throw new LineError(
        'Measurements, tag keys and values, and field keys may not end with a backslash',
        true,
      );
    }
    this.i = i;
    return out;
  }

  private integral(): string | null {
    let j = this.i;
    if (this.s[j] === '-') j++;
    const d = j;
    while (isDigit(this.s[j])) j++;
    return j === d ? null : this.s.slice(this.i, j);
  }

  private digits(at: number): number {
    let j = at;
    while (isDigit(this.s[j])) j++;
    return j;
  }

  /** `digits (e|E) [+-]? digits` at `at`: end index or -1. */
  private exponential(at: number): number {
    const d = this.digits(at);
    if (d === at || (this.s[d] !== 'e' && this.s[d] !== 'E')) return -1;
    let k = d + 1;
    if (this.s[k] === '-' || this.s[k] === '+') k++;
    const e = this.digits(k);
    return e === k ? -1 : e;
  }

  private floatEnd(): number {
    const s = this.s;
    const signed = s[this.i] === '-' ? this.i + 1 : this.i;
    const intEnd = this.digits(signed);
    if (intEnd > signed && s[intEnd] === '.') {
      const exp = this.exponential(intEnd + 1);
      if (exp >= 0) return exp;
    }
    const expNoDecimal = this.exponential(signed);
    if (expNoDecimal >= 0) return expNoDecimal;
    if (intEnd > signed && s[intEnd] === '.') {
      const frac = this.digits(intEnd + 1);
      if (frac > intEnd + 1) return frac;
    }
    return intEnd > signed ? intEnd : -1;
  }

  fieldValue(): FieldValue {
    const s = this.s;
    const integral = this.integral();
    if (integral !== null && s[this.i + integral.length] === 'i') {
      const n = BigInt(integral);
      if (n > 2n ** 63n - 1n || n < -(2n ** 63n))
        throw new LineError(`Unable to parse integer value '${integral}'`, true);
      this.i += integral.length + 1;
      return { t: 'num', v: Number(n) };
    }
    const unsigned = this.digits(this.i);
    if (unsigned > this.i && s[unsigned] === 'u') {
      const text = s.slice(this.i, unsigned);
      if (BigInt(text) >= 2n ** 64n)
        throw new LineError(`Unable to parse unsigned integer value '${text}'`, true);
      this.i = unsigned + 1;
      return { t: 'num', v: Number(text) };
    }
    const floatEnd = this.floatEnd();
    if (floatEnd >= 0) {
      const v = Number(s.slice(this.i, floatEnd));
      this.i = floatEnd;
      return { t: 'num', v };
    }
    if (s[this.i] === '"') {
      let j = this.i + 1;
      let out = '';
      while (j < s.length && s[j] !== '"') {
        if (s.startsWith('\\"', j)) {
          out += '"';
          j += 2;
        } else if (s.startsWith('\\\\', j)) {
          out += '\\';
          j += 2;
        } else {
          out += s[j];
          j++;
        }
      }
      if (s[j] === '"') {
        this.i = j + 1;
        return { t: 'string', v: out };
      }
    }
    for (const [word, v] of [
      ['true', true],
      ['True', true],
      ['TRUE', true],
      ['t', true],
      ['T', true],
      ['false', false],
      ['False', false],
      ['FALSE', false],
      ['f', false],
      ['F', false],
    ] as const) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return { t: 'bool', v };
      }
    }
    throw generic('Tag');
  }

  private attempt<T>(f: () => T): T | null {
    const at = this.i;
    try {
      return f();
    } catch (e) {
      if (e instanceof LineError && !e.failure) {
        this.i = at;
        return null;
      }
      throw e;
    }
  }

  private pair<T>(stop: string, value: () => T): [string, T] {
    const key = this.escaped(stop, '\\,= ');
    if (this.s[this.i] !== '=') throw generic('Tag');
    this.i++;
    return [key, value()];
  }

  parse(): ParsedLine {
    const s = this.s;
    let measurement: string;
    try {
      measurement = this.escaped(',', ' ,\\');
    } catch (e) {
      if (e instanceof LineError && !e.failure)
        throw new LineError('Invalid measurement was provided', false);
      throw e;
    }
    let tags: [string, string][] | null = null;
    if (s[this.i] === ',') {
      this.i++;
      tags = [];
      const tag = (): [string, string] => this.pair('=', () => this.escaped(',', '\\,= '));
      const first = this.attempt(tag);
      if (!first) throw new LineError('Tag Set Malformed', true);
      {
        tags.push(first);
        for (;;) {
          const before = this.i;
          if (s[this.i] !== ',') break;
          this.i++;
          const next = this.attempt(tag);
          if (!next) {
            this.i = before;
            break;
          }
          tags.push(next);
        }
      }
    }
    const ws = this.i;
    while (s[this.i] === ' ') this.i++;
    if (this.i === ws) throw generic('TakeWhile1');
    const field = (): [string, FieldValue] => this.pair('=', () => this.fieldValue());
    const fields: [string, FieldValue][] = [];
    const first = this.attempt(field);
    if (!first) throw new LineError('No fields were provided', false);
    fields.push(first);
    if (s[this.i] === ',') {
      // after the first separator, a field that fails to parse leaves the separator consumed
      this.i++;
      const second = this.attempt(field);
      if (second) {
        fields.push(second);
        for (;;) {
          const before = this.i;
          if (s[this.i] !== ',') break;
          this.i++;
          const next = this.attempt(field);
          if (!next) {
            this.i = before;
            break;
          }
          fields.push(next);
        }
      }
    }
    let timestamp: bigint | null = null;
    const beforeTs = this.i;
    let k = this.i;
    while (s[k] === ' ') k++;
    if (k > beforeTs) {
      this.i = k;
      const integral = this.integral();
      if (integral === null) this.i = beforeTs;
      else {
        const n = BigInt(integral);
        if (n > 2n ** 63n - 1n || n < -(2n ** 63n))
          throw new LineError(`Unable to parse timestamp value '${integral}'`, true);
        timestamp = n;
        this.i += integral.length;
        while (s[this.i] === ' ') this.i++;
      }
    }
    if (this.i < s.length) {
      throw new LineError(`Could not parse entire line. Found trailing content: '${s.slice(this.i)}'`, false);
    }
    return { measurement, tags, fields, timestamp };
  }
}

const CONVERSION = "Error while converting InfluxDB line protocol metric to Vector's metric model";

/** Parses line protocol text into metric-shaped objects. */
export function parseInfluxdb(input: string): Value[] {
  const out: Value[] = [];
  for (const raw of splitLines(input)) {
    const line = trimLeading(raw);
    if (line === '') continue;
    let parsed: ParsedLine;
    try {
      parsed = new LineParser(line).parse();
    } catch (e) {
      if (e instanceof LineError) throw new VrlError(`InfluxDB line protocol parsing error: ${e.message}`);
      throw e;
    }
    let tags: ValueObject | null = null;
    if (parsed.tags) {
      tags = {};
      for (const [k, v] of parsed.tags) setField(tags, k, v);
    }
    for (const [key, value] of parsed.fields) {
      if (value.t === 'string')
        throw new VrlError(`${CONVERSION}: field set values of type string are not supported`);
      const number = value.t === 'bool' ? (value.v ? 1 : 0) : value.v;
      const metric: ValueObject = { name: `${parsed.measurement}_${key}` };
      if (tags) metric.tags = { ...tags };
      if (parsed.timestamp !== null) metric.timestamp = new VrlTimestamp(parsed.timestamp);
      metric.kind = 'absolute';
      metric.gauge = { value: number };
      out.push(metric);
    }
  }
  return out;
}
