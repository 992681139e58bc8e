/**
 * AWS Application Load Balancer access log lines, field by field as VRL's `parse_aws_alb_log` reads
 * them. Errors name the field and carry nom's error text (`Parsing Error: ("…", Char)`).
 */
import { VrlError } from '../../value/errors.js';
import { setField } from '../../value/object.js';
import type { Value, ValueObject } from '../../value/value.js';

/** Rust's `{:?}` for a string. */
export function rustDebugString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

class FieldError extends Error {}

type Pred = (c: string) => boolean;

const TYPE: Pred = (c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
const TIME: Pred = (c) => (c >= '0' && c <= '9') || '.-:TZ'.includes(c);
const HOST: Pred = (c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || '.:-'.includes(c);
const DECIMAL: Pred = (c) => (c >= '0' && c <= '9') || c === '.' || c === '-';
const INTEGER: Pred = (c) => (c >= '0' && c <= '9') || c === '-';
const DIGIT: Pred = (c) => c >= '0' && c <= '9';
const NOT_SPACE: Pred = (c) => c !== ' ';

const I64_MAX = 2n ** 63n - 1n;

class AlbParser {
  constructor(private input: string) {}
  readonly out: ValueObject = {};

  rest(): string {
    return this.input;
  }

  private error(kind: string, at: string): never {
    throw new FieldError(`Parsing Error: (${rustDebugString(at)}, ${kind})`);
  }

  private takeWhile1(pred: Pred): string {
    let i = 0;
    while (i < this.input.length && pred(this.input[i]!)) i++;
    if (i === 0) this.error('TakeWhile1', this.input);
    const value = this.input.slice(0, i);
    this.input = this.input.slice(i);
    return value;
  }

  /** ` ` then one or more characters matching `pred`. */
  spaced(pred: Pred): string {
    if (this.input[0] !== ' ') this.error('Char', this.input);
    const before = this.input;
    this.input = this.input.slice(1);
    try {
      return this.takeWhile1(pred);
    } catch (e) {
      this.input = before;
      throw e;
    }
  }

  first(pred: Pred): string {
    return this.takeWhile1(pred);
  }

  /** ` "…"` with `\` escaping the next character. */
  quoted(): string {
    if (!this.input.startsWith(' "')) this.error('Tag', this.input);
    let out = '';
    let skip = false;
    for (let i = 2; i < this.input.length; i++) {
      const ch = this.input[i]!;
      if (ch === '\\' && !skip) skip = true;
      else if (ch === '"' && !skip) {
        this.input = this.input.slice(i + 1);
        return out;
      } else {
        out += ch;
        skip = false;
      }
    }
    throw new FieldError('Parsing requires more data');
  }

  /** ` "-"` (empty list), ` "item"` or ` item`. */
  list(pred: Pred): string[] {
    if (this.input.startsWith(' "-"')) {
      this.input = this.input.slice(4);
      return [];
    }
    const quoted = /^ "/.test(this.input);
    if (quoted) {
      let i = 2;
      while (i < this.input.length && pred(this.input[i]!)) i++;
      if (i > 2 && this.input[i] === '"') {
        const value = this.input.slice(2, i);
        this.input = this.input.slice(i + 1);
        return [value];
      }
    }
    if (this.input[0] === ' ') {
      let i = 1;
      while (i < this.input.length && pred(this.input[i]!)) i++;
      if (i > 1) {
        const value = this.input.slice(1, i);
        this.input = this.input.slice(i);
        return [value];
      }
    }
    throw new FieldError('Parsing Error: ()');
  }

  set(name: string, read: () => Value): void {
    let value: Value;
    try {
      value = read();
    } catch (e) {
      if (e instanceof FieldError) throw new VrlError(`failed to get field \`${name}\`: ${e.message}`);
      throw e;
    }
    setField(this.out, name, value === '-' ? null : value);
  }

  float(pred: Pred): number {
    const before = this.input;
    const text = this.spaced(pred);
    const n = Number(text);
    if (!/^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(text) || Number.isNaN(n)) {
      this.input = before;
      this.error('MapRes', before);
    }
    return n;
  }

  integer(pred: Pred): bigint {
    const before = this.input;
    const text = this.spaced(pred);
    if (/^-?[0-9]+$/.test(text)) {
      const n = BigInt(text);
      if (n <= I64_MAX && n >= -I64_MAX - 1n) return n;
    }
    this.input = before;
    return this.error('MapRes', before);
  }
}

/** Parses one ALB access log line; with `strict`, trailing unknown fields are an error. */
export function parseAlbLog(input: string, strict: boolean): ValueObject {
  const p = new AlbParser(input);
  const o = p.out;
  p.set('type', () => p.first(TYPE));
  p.set('timestamp', () => p.spaced(TIME));
  p.set('elb', () => p.spaced(NOT_SPACE));
  p.set('client_host', () => p.spaced(HOST));
  p.set('target_host', () => p.spaced(HOST));
  p.set('request_processing_time', () => p.float(DECIMAL));
  p.set('target_processing_time', () => p.float(DECIMAL));
  p.set('response_processing_time', () => p.float(DECIMAL));
  p.set('elb_status_code', () => p.spaced(INTEGER));
  p.set('target_status_code', () => p.spaced(INTEGER));
  p.set('received_bytes', () => p.integer(INTEGER));
  p.set('sent_bytes', () => p.integer(INTEGER));
  let request = '';
  try {
    request = p.quoted();
  } catch (e) {
    if (e instanceof FieldError) throw new VrlError(`failed to get field \`request\`: ${e.message}`);
    throw e;
  }
  const space = request.indexOf(' ');
  const method = space < 0 ? request : request.slice(0, space);
  setField(o, 'request_method', method === '-' ? null : method);
  if (space < 0) throw new VrlError('failed to get field `request_url`');
  const remainder = request.slice(space + 1);
  const last = remainder.lastIndexOf(' ');
  const protocol = last < 0 ? remainder : remainder.slice(last + 1);
  setField(o, 'request_protocol', protocol === '-' ? null : protocol);
  if (last < 0) throw new VrlError('failed to get field `request_url`');
  setField(o, 'request_url', remainder.slice(0, last));
  p.set('user_agent', () => p.quoted());
  p.set('ssl_cipher', () => p.spaced(NOT_SPACE));
  p.set('ssl_protocol', () => p.spaced(NOT_SPACE));
  p.set('target_group_arn', () => p.spaced(NOT_SPACE));
  p.set('trace_id', () => p.quoted());
  p.set('domain_name', () => p.quoted());
  p.set('chosen_cert_arn', () => p.quoted());
  p.set('matched_rule_priority', () => p.spaced(INTEGER));
  p.set('request_creation_time', () => p.spaced(TIME));
  p.set('actions_executed', () => p.quoted());
  p.set('redirect_url', () => p.quoted());
  p.set('error_reason', () => p.quoted());
  p.set('target_port_list', () => p.list(HOST));
  p.set('target_status_code_list', () => p.list(DIGIT));
  p.set('classification', () => p.quoted());
  p.set('classification_reason', () => p.quoted());
  const tid = p.rest().startsWith(' TID_') ? p.spaced(NOT_SPACE) : null;
  setField(o, 'traceability_id', tid);
  const rest = p.rest();
  if (rest !== '' && strict) throw new VrlError(`Log should be fully consumed: "${rest}"`);
  return o;
}
