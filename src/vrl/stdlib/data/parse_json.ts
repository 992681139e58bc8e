import { optional, required, type FunctionDef } from '../function.js';
import { K } from '../../types/index.js';
import {
  fromBytes,
  parseVrlJson,
  setField,
  toText,
  VrlError,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { checkJson, RECURSION_LIMIT } from './json_check.js';
import { jsonKind } from './json_kind.js';
import { skipJsonValue, skipJsonWhitespace } from './json_scan.js';

const BOM = '\uFEFF';
const SUSPECT = /\\u[dD][89a-fA-F]|[eE][+-]?[0-9]{3}/;

/** The JSON text of a bytes value: lossily decoded, or an error for invalid UTF-8 when not lossy. */
function jsonText(value: string | Uint8Array, lossy: boolean, prefix: string): string {
  if (typeof value === 'string' || lossy) return toText(value);
  const text = fromBytes(value);
  if (typeof text !== 'string')
    throw new VrlError(`${prefix}: invalid unicode code point at ${invalidUtf8Position(value)}`);
  return text;
}

/** Index of the first byte that is not part of a valid UTF-8 sequence (length when all are valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    if (typeof fromBytes(bytes.subarray(i, i + n)) !== 'string') return i;
    i += n;
  }
  return i;
}

/** Where serde reports invalid UTF-8 in a string: at the string's closing quote (line and byte column). */
function invalidUtf8Position(bytes: Uint8Array): string {
  const bad = firstInvalidUtf8(bytes);
  let end = bytes.indexOf(0x22, bad);
  if (end < 0) end = bytes.length - 1;
  let line = 1;
  let column = 0;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      column = 0;
    } else column++;
  }
  return `line ${line} column ${column}`;
}

function parseJson(value: string | Uint8Array, lossy: boolean): Value {
  let text = jsonText(value, lossy, 'unable to parse json');
  while (text.startsWith(BOM)) text = text.slice(1);
  // JavaScript's reader takes lone surrogate escapes and out-of-range floats, which serde refuses.
  if (SUSPECT.test(text)) {
    const error = checkJson(text);
    if (error !== undefined) throw new VrlError(`unable to parse json: ${error}`);
  }
  let parsed: Value;
  try {
    parsed = parseVrlJson(text);
  } catch (e) {
    if (e instanceof VrlError) throw new VrlError(`unable to parse json: ${checkJson(text) ?? e.message}`);
    throw e;
  }
  // serde stops at 128 levels of nesting; JavaScript's reader does not.
  if (text.length > 254 && depthOf(parsed) > RECURSION_LIMIT) {
    const error = checkJson(text);
    if (error !== undefined) throw new VrlError(`unable to parse json: ${error}`);
  }
  return parsed;
}

function depthOf(value: Value): number {
  if (Array.isArray(value)) {
    let max = 0;
    for (const item of value) max = Math.max(max, depthOf(item));
    return max + 1;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Uint8Array) &&
    value.constructor === Object
  ) {
    let max = 0;
    for (const key of Object.keys(value)) max = Math.max(max, depthOf((value as ValueObject)[key]!));
    return max + 1;
  }
  return 0;
}

/** Rust's `TryFromIntError` text. */
const OUT_OF_RANGE = 'out of range integral type conversion attempted';

function validateDepth(depth: bigint): number {
  if (depth < 0n || depth > 255n) throw new VrlError(OUT_OF_RANGE);
  if (depth < 1n || depth > 128n) {
    throw new VrlError(`max_depth value should be greater than 0 and less than 128, got ${depth}`);
  }
  return Number(depth);
}

/** Decodes `text[start, end)`, leaving objects and arrays below `remaining` levels as their raw text. */
function parseLayer(text: string, start: number, end: number, remaining: number): Value {
  const c = text[start];
  if (c !== '{' && c !== '[') return parseVrlJson(text.slice(start, end));
  if (remaining === 0) return text.slice(start, end);
  let pos = skipJsonWhitespace(text, start + 1);
  if (c === '[') {
    const out: Value[] = [];
    while (text[pos] !== ']') {
      const valueEnd = skipJsonValue(text, pos);
      out.push(parseLayer(text, pos, valueEnd, remaining - 1));
      pos = skipJsonWhitespace(text, valueEnd);
      if (text[pos] === ',') pos = skipJsonWhitespace(text, pos + 1);
    }
    return out;
  }
  const out: ValueObject = {};
  while (text[pos] !== '}') {
    const keyEnd = skipJsonValue(text, pos);
    const key = JSON.parse(text.slice(pos, keyEnd)) as string;
    pos = skipJsonWhitespace(text, keyEnd);
    pos = skipJsonWhitespace(text, pos + 1); // ':'
    const valueEnd = skipJsonValue(text, pos);
    setField(out, key, parseLayer(text, pos, valueEnd, remaining - 1));
    pos = skipJsonWhitespace(text, valueEnd);
    if (text[pos] === ',') pos = skipJsonWhitespace(text, pos + 1);
  }
  return out;
}

function parseJsonWithDepth(value: string | Uint8Array, maxDepth: bigint, lossy: boolean): Value {
  const depth = validateDepth(maxDepth);
  const text = jsonText(value, lossy, 'unable to read json');
  const error = checkJson(text);
  if (error !== undefined) throw new VrlError(`unable to read json: ${error}`);
  const start = skipJsonWhitespace(text, 0);
  return parseLayer(text, start, skipJsonValue(text, start), depth);
}

export const parse_json: FunctionDef = {
  name: 'parse_json',
  parameters: [required('value', K.BYTES), optional('max_depth', K.INTEGER), optional('lossy', K.BOOLEAN)],
  compile(args) {
    const withDepth = args[1] !== undefined;
    return {
      kind: jsonKind(),
      fallible: true,
      pure: true,
      call(value, maxDepth, lossy) {
        const bytes = value as string | Uint8Array;
        const isLossy = lossy === undefined || lossy === null ? true : (lossy as boolean);
        return withDepth ? parseJsonWithDepth(bytes, maxDepth as bigint, isLossy) : parseJson(bytes, isLossy);
      },
    };
  },
  examples: [
    { title: 'Parse JSON', source: `parse_json!(s'{"key": "val"}')`, result: '{ "key": "val" }' },
    { title: 'Parse JSON array', source: 'parse_json!("[true, 0]")', result: '[true, 0]' },
    { title: 'Parse JSON string', source: `parse_json!(s'"hello"')`, result: '"hello"' },
    { title: 'Parse JSON integer', source: 'parse_json!("42")', result: '42' },
    { title: 'Parse JSON float', source: 'parse_json!("42.13")', result: '42.13' },
    { title: 'Parse JSON boolean', source: 'parse_json!("false")', result: 'false' },
    {
      title: 'Invalid JSON value',
      source: 'parse_json!("{ INVALID }")',
      error:
        'function call error for "parse_json" at (0:26): unable to parse json: key must be a string at line 1 column 3',
    },
    {
      title: 'Parse JSON with max_depth',
      source: `parse_json!(s'{"first_level":{"second_level":"finish"}}', max_depth: 1)`,
      result: `{"first_level":"{\\"second_level\\":\\"finish\\"}"}`,
    },
  ],
};
