/**
 * AWS CloudWatch Logs subscription messages, read with the strictness of VRL's serde model: exact
 * field names (unknown fields rejected, all fields required), `messageType` one of two variants,
 * timestamps as integer milliseconds. Errors use serde_json's wording with line and column.
 */
import { fromEpochMillis } from '../../time/index.js';
import { VrlError } from '../../value/errors.js';
import { formatFloat } from '../../value/json.js';
import { utf8Length } from '../../value/bytes.js';
import { VrlTimestamp, type Value, type ValueObject } from '../../value/value.js';

type Json =
  | { t: 'string'; v: string; start: number; end: number }
  | { t: 'int'; v: bigint; start: number; end: number }
  | { t: 'float'; v: number; start: number; end: number }
  | { t: 'bool'; v: boolean; start: number; end: number }
  | { t: 'null'; start: number; end: number }
  | { t: 'array'; items: Json[]; start: number; end: number }
  | { t: 'object'; entries: { key: string; keyEnd: number; value: Json }[]; start: number; end: number };

class SerdeError extends Error {
  constructor(
    message: string,
    /** Index (exclusive end) the error is reported at. */
    readonly at: number,
  ) {
    super(message);
  }
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  fail(message: string, at = this.i + 1): never {
    throw new SerdeError(message, at);
  }

  value(): Json {
    this.ws();
    const c = this.s[this.i];
    const start = this.i;
    if (c === undefined) return this.fail('EOF while parsing a value', this.i);
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { t: 'string', v: this.string(), start, end: this.i };
    for (const [word, node] of [
      ['true', { t: 'bool', v: true }],
      ['false', { t: 'bool', v: false }],
      ['null', { t: 'null' }],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return { ...node, start, end: this.i } as Json;
      }
    }
    const m = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (!r || r[0] === '-') return this.fail('expected value');
    this.i = m.lastIndex;
    if (r[1] === undefined && r[2] === undefined) {
      const n = BigInt(r[0]);
      if (n >= -(2n ** 63n) && n < 2n ** 64n) return { t: 'int', v: n, start, end: this.i };
    }
    return { t: 'float', v: Number(r[0]), start, end: this.i };
  }

  string(): string {
    const start = this.i;
    let j = this.i + 1;
    while (j < this.s.length && this.s[j] !== '"') {
      if (this.s.charCodeAt(j) < 0x20) {
        this.i = j;
        this.fail('control character (\\u0000-\\u001F) found while parsing a string');
      }
      j += this.s[j] === '\\' ? 2 : 1;
    }
    if (j >= this.s.length) this.fail('EOF while parsing a string', this.s.length);
    this.i = j + 1;
    try {
      return JSON.parse(this.s.slice(start, j + 1)) as string;
    } catch {
      return this.fail('invalid escape', j);
    }
  }

  array(): Json {
    const start = this.i++;
    const items: Json[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { t: 'array', items, start, end: this.i };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === ']') {
        this.i++;
        return { t: 'array', items, start, end: this.i };
      } else if (c === undefined) this.fail('EOF while parsing a list', this.i);
      else this.fail('expected `,` or `]`');
    }
  }

  object(): Json {
    const start = this.i++;
    const entries: { key: string; keyEnd: number; value: Json }[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { t: 'object', entries, start, end: this.i };
    }
    for (let first = true; ; first = false) {
      this.ws();
      if (this.s[this.i] === undefined)
        this.fail(first ? 'EOF while parsing an object' : 'EOF while parsing a value', this.i);
      if (this.s[this.i] !== '"') this.fail('key must be a string');
      const key = this.string();
      const keyEnd = this.i;
      this.ws();
      if (this.s[this.i] === undefined) this.fail('EOF while parsing an object', this.i);
      if (this.s[this.i] !== ':') this.fail('expected `:`');
      this.i++;
      entries.push({ key, keyEnd, value: this.value() });
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === '}') {
        this.i++;
        return { t: 'object', entries, start, end: this.i };
      } else if (c === undefined) this.fail('EOF while parsing an object', this.i);
      else this.fail('expected `,` or `}`');
    }
  }
}

function unexpected(v: Json): string {
  switch (v.t) {
    case 'string':
      return `string ${JSON.stringify(v.v)}`;
    case 'int':
      return `integer \`${v.v}\``;
    case 'float':
      return `floating point \`${formatFloat(v.v)}\``;
    case 'bool':
      return `boolean \`${v.v}\``;
    case 'null':
      return 'null';
    case 'array':
      return 'sequence';
    case 'object':
      return 'map';
  }
}

function invalidType(v: Json, expected: string): never {
  throw new SerdeError(
    `invalid type: ${unexpected(v)}, expected ${expected}`,
    v.t === 'array' || v.t === 'object' ? v.start : v.end,
  );
}

function str(v: Json): string {
  return v.t === 'string' ? v.v : invalidType(v, 'a string');
}

function struct(v: Json, name: string, fields: readonly string[]): Map<string, Json> {
  if (v.t === 'array') {
    // serde also reads a struct from a sequence of its fields in order
    if (v.items.length < fields.length) {
      throw new SerdeError(
        `invalid length ${v.items.length}, expected struct ${name} with ${fields.length} elements`,
        v.end,
      );
    }
    if (v.items.length > fields.length)
      throw new SerdeError('trailing characters', v.items[fields.length]!.start);
    return new Map(fields.map((f, i) => [f, v.items[i]!]));
  }
  if (v.t !== 'object') return invalidType(v, `struct ${name}`);
  const out = new Map<string, Json>();
  for (const e of v.entries) {
    if (!fields.includes(e.key)) {
      throw new SerdeError(
        `unknown field \`${e.key}\`, expected one of ${fields.map((f) => `\`${f}\``).join(', ')}`,
        e.keyEnd,
      );
    }
    if (out.has(e.key)) throw new SerdeError(`duplicate field \`${e.key}\``, e.keyEnd);
    out.set(e.key, e.value);
  }
  for (const f of fields) if (!out.has(f)) throw new SerdeError(`missing field \`${f}\``, v.end);
  return out;
}

const MESSAGE_FIELDS = ['owner', 'messageType', 'logGroup', 'logStream', 'subscriptionFilters', 'logEvents'];
const EVENT_FIELDS = ['id', 'timestamp', 'message'];

function position(s: string, at: number): string {
  const before = s.slice(0, at);
  const line = before.split('\n').length;
  const column = utf8Length(before.slice(before.lastIndexOf('\n') + 1));
  return `at line ${line} column ${column}`;
}

/** Parses the message; throws `VrlError` (`unable to parse: …`). */
export function parseCloudwatchMessage(text: string): ValueObject {
  try {
    const r = new Reader(text);
    const root = r.value();
    r.ws();
    if (r.i < text.length) r.fail('trailing characters');
    const m = struct(root, 'AwsCloudWatchLogsSubscriptionMessage', MESSAGE_FIELDS);
    const owner = str(m.get('owner')!);
    const typeNode = m.get('messageType')!;
    if (typeNode.t !== 'string') throw new SerdeError('expected value', typeNode.start + 1);
    if (typeNode.v !== 'CONTROL_MESSAGE' && typeNode.v !== 'DATA_MESSAGE') {
      throw new SerdeError(
        `unknown variant \`${typeNode.v}\`, expected \`CONTROL_MESSAGE\` or \`DATA_MESSAGE\``,
        typeNode.end,
      );
    }
    const logGroup = str(m.get('logGroup')!);
    const logStream = str(m.get('logStream')!);
    const filtersNode = m.get('subscriptionFilters')!;
    if (filtersNode.t !== 'array') invalidType(filtersNode, 'a sequence');
    const filters = filtersNode.items.map(str);
    const eventsNode = m.get('logEvents')!;
    if (eventsNode.t !== 'array') invalidType(eventsNode, 'a sequence');
    const events: Value[] = eventsNode.items.map((node) => {
      const e = struct(node, 'AwsCloudWatchLogEvent', EVENT_FIELDS);
      const id = str(e.get('id')!);
      const ts = e.get('timestamp')!;
      if (ts.t !== 'int') invalidType(ts, 'a unix timestamp in milliseconds');
      return { id, timestamp: new VrlTimestamp(fromEpochMillis(ts.v)), message: str(e.get('message')!) };
    });
    return {
      owner,
      message_type: typeNode.v,
      log_group: logGroup,
      log_stream: logStream,
      subscription_filters: filters,
      log_events: events,
    };
  } catch (e) {
    if (e instanceof SerdeError) throw new VrlError(`unable to parse: ${e.message} ${position(text, e.at)}`);
    throw e;
  }
}
