import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes, type Value } from '../../value/index.js';
import { staticEnum, textOf } from './util.js';

/** Builds a 128-entry "must encode" table: controls (and DEL) plus the listed characters. */
function set(extra: string, base?: boolean[]): boolean[] {
  const t = base ? base.slice() : Array.from({ length: 128 }, (_, c) => c < 0x20 || c === 0x7f);
  for (const ch of extra) t[ch.charCodeAt(0)] = true;
  return t;
}
const CONTROLS = set('');
const FRAGMENT = set(' "<>`');
const QUERY = set(' "#<>');
const SPECIAL = set("'", QUERY);
const PATH = set('?`{}', QUERY);
const USERINFO = set('/:;=@[\\]^|', PATH);
const COMPONENT = set('$%&+,', USERINFO);
const WWW_FORM_URLENCODED = set("!'()~", COMPONENT);
const NON_ALPHANUMERIC = Array.from({ length: 128 }, (_, c) => !/[A-Za-z0-9]/.test(String.fromCharCode(c)));

const SETS: Record<string, boolean[]> = {
  NON_ALPHANUMERIC,
  CONTROLS,
  FRAGMENT,
  QUERY,
  SPECIAL,
  PATH,
  USERINFO,
  COMPONENT,
  WWW_FORM_URLENCODED,
};

const HEX = '0123456789ABCDEF';

export function percentEncode(text: string, table: boolean[]): string {
  const bytes = toBytes(text);
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || table[b]) {
      if (i > start) out += Buffer.from(bytes.subarray(start, i)).toString('latin1');
      out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
      start = i + 1;
    }
  }
  if (start < bytes.length) out += Buffer.from(bytes.subarray(start)).toString('latin1');
  return out;
}

export const encode_percent: FunctionDef = {
  name: 'encode_percent',
  parameters: [required('value', K.BYTES), optional('ascii_set', K.BYTES)],
  compile(args) {
    const table = SETS[staticEnum(args, 1, 'ascii_set', Object.keys(SETS), 'NON_ALPHANUMERIC')]!;
    return {
      kind: Kind.bytes(),
      fallible: false,
      pure: true,
      call: (value: Value | undefined) => percentEncode(textOf(value), table),
    };
  },
  examples: [
    {
      title: 'Percent encode all non-alphanumeric characters (default)',
      source: 'encode_percent("foo bar?")',
      result: '"foo%20bar%3F"',
    },
    {
      title: 'Percent encode only control characters',
      source: 'encode_percent("foo \\tbar", ascii_set: "CONTROLS")',
      result: '"foo %09bar"',
    },
    {
      title: 'Percent encode special characters',
      source: 'encode_percent("foo@bar?")',
      result: '"foo%40bar%3F"',
    },
  ],
};
