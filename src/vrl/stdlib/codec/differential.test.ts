import { describe, expect, it } from 'vitest';
import type { FunctionDef } from '../function.js';
import type { Value } from '../../value/index.js';
import { decode_mime_q } from './decode_mime_q.js';
import { decode_percent } from './decode_percent.js';
import { decode_punycode } from './decode_punycode.js';
import { encode_key_value } from './encode_key_value.js';
import { encode_punycode } from './encode_punycode.js';
import { compileWith, oracle } from './test-helpers/test_support.js';

/** Runs `source` in upstream VRL: `{ ok }` with the result, or `{ error }` with the function's message. */
function upstream(source: string): { ok: unknown } | { error: string } {
  try {
    return { ok: oracle().execute(source, {}).result };
  } catch (e) {
    const text = String((e as Error).message ?? e);
    const line = text.split('\n').find((l) => l.includes('function call error')) ?? text;
    return { error: line.replace(/^.*?\(\d+:\d+\): /, '') };
  }
}

function ours(def: FunctionDef, args: Value[]): { ok: unknown } | { error: string } {
  try {
    return { ok: compileWith(def, args).call(...args) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const lit = (v: Value): string =>
  typeof v === 'boolean' ? String(v) : JSON.stringify(v).replace(/\{/g, '\\{');

describe('punycode against VRL', () => {
  const inputs = [
    'EXAMPLE.com',
    'ab--cd.com',
    'xn--a.com',
    '-abc.com',
    'a..b',
    '😀.com',
    'café.',
    'xn--8hbb.xn--fiba.xn--8hbf.xn--eib.',
    'ÖBB.at',
    'faß.de',
    'xn--zca.de',
    'a_b.com',
    '',
    'ابج.com',
    '1.ابج',
    'ابج1.com',
    'ابج١',
    '١ابج',
    'ا١1',
    'עברית.co.il',
    'a.עברית',
    'aעב.com',
    'עבa',
    'עב-.com',
    'xn--4dbrk0ce.com',
    'a%41.com',
    'a/b',
    'a:b',
    '[::1]',
    '1.2.3.4',
    '0x7f.1',
    'a@b',
    '256.1.1.1',
    'a*b.com',
    'ex ample',
    'xn--caf-dma.COM',
    'straße.de',
  ];
  it.each(inputs)('%j', (input) => {
    for (const validate of [true, false]) {
      expect(ours(encode_punycode, [input, validate])).toEqual(
        upstream(`encode_punycode!(${lit(input)}, validate: ${validate})`),
      );
      expect(ours(decode_punycode, [input, validate])).toEqual(
        upstream(`decode_punycode!(${lit(input)}, validate: ${validate})`),
      );
    }
  });
});

describe('decode_mime_q against VRL', () => {
  const inputs = [
    '=?utf-8?q?a=zzb?=',
    '=?utf-8?q?a=4?=',
    '=?utf-8?Q?soft=\nbreak?=',
    '=?utf-8?B?YQ?=',
    '=?windows-1252?q?=80?=',
    'x =?utf-8?q?a?= y =?utf-8?q?b?= z',
    '=?utf-8?q?a?',
    '??q?x',
  ];
  it.each(inputs)('%j', (input) => {
    expect(ours(decode_mime_q, [input])).toEqual(upstream(`decode_mime_q!(${lit(input)})`));
  });
});

describe('decode_percent against VRL', () => {
  it.each(['%E2%9C%93', '%e2%9c', '100%', '%%41', '+%20+'])('%j', (input) => {
    expect(ours(decode_percent, [input])).toEqual(upstream(`decode_percent(${lit(input)})`));
  });
});

describe('encode_key_value against VRL', () => {
  const objects: Record<string, Value>[] = [
    { 'a b': 'c d', 'e=f': 'g"h', 'i\\j': 'k\nl' },
    { emoji: '😀', nbsp: 'a\u00a0b', empty: '' },
    { nested: { deep: { deeper: [true, false, null] } } },
    { 'a.b': 'one', a: { b: 'two', c: [] }, 'a.c.0': 'x' },
  ];
  it.each(objects)('%j', (object) => {
    const source = (extra: string): string =>
      `encode_key_value(${JSON.stringify(object).replace(/\{/g, '{')}${extra})`.replace(/\\u00a0/g, '\u00a0');
    expect(ours(encode_key_value, [object])).toEqual(upstream(source('')));
    expect(ours(encode_key_value, [object, undefined as unknown as Value, '', '|', true])).toEqual(
      upstream(source(', key_value_delimiter: "", field_delimiter: "|", flatten_boolean: true')),
    );
  });
});
