import { describe, expect, it } from 'vitest';
import {
  formatFloat,
  parseVrlJson,
  toVrlJson,
  VrlTimestamp,
  valueEquals,
  cloneValue,
  compareKeys,
  fromBytes,
} from './index.js';

describe('formatFloat (serde_json/ryu shortest form)', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e16, '1e16'],
    [1234567890123456, '1234567890123456.0'],
    [1e21, '1e21'],
    [1.5e-7, '1.5e-7'],
    [0.0001, '0.0001'],
    [0.00001, '0.00001'],
    [0.000001, '1e-6'],
    [123.456, '123.456'],
    [0, '0.0'],
  ])('%s → %s', (n, text) => expect(formatFloat(n)).toBe(text));
});

describe('parseVrlJson', () => {
  it('keeps integers and floats apart', () => {
    const v = parseVrlJson('{"a":1,"b":1.0,"c":[2e3,-7],"d":"x1.5"}');
    expect(v).toEqual({ a: 1n, b: 1, c: [2000, -7n], d: 'x1.5' });
    expect(toVrlJson(v)).toBe('{"a":1,"b":1.0,"c":[2000.0,-7],"d":"x1.5"}');
  });
  it('is exact past 2^53 and falls back to floats past i64', () => {
    expect(parseVrlJson('[9007199254740993, 9223372036854775807, 9223372036854775808]')).toEqual([
      9007199254740993n,
      9223372036854775807n,
      9223372036854775808,
    ]);
  });
  it('keeps __proto__ as a key', () => {
    const v = parseVrlJson('{"__proto__": {"x": 1.5}}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
  it('reports where JSON is invalid', () => {
    expect(() => parseVrlJson('{"a": 1.5,}')).toThrow(/line 1 column 11/);
    expect(() => parseVrlJson('{"a": 1,}')).toThrow(/line 1/);
  });
});

describe('toVrlJson', () => {
  it('sorts keys by bytes and prints timestamps as RFC 3339', () => {
    expect(toVrlJson({ b: 1n, a: [true, null], '10': 'x', '9': new VrlTimestamp(1_500_000_000n) })).toBe(
      '{"10":"x","9":"1970-01-01T00:00:01.500Z","a":[true,null],"b":1}',
    );
  });
  it('pretty-prints with two spaces', () => {
    expect(toVrlJson({ a: [1n] }, true)).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});

describe('equality and copies', () => {
  it('separates kinds and compares bytes', () => {
    expect(valueEquals(1n, 1)).toBe(false);
    expect(valueEquals({ a: [1n] }, { a: [1n] })).toBe(true);
    expect(valueEquals('é', new TextEncoder().encode('é'))).toBe(true);
    expect(fromBytes(new Uint8Array([0xff]))).toBeInstanceOf(Uint8Array);
  });
  it('clones deeply', () => {
    const a = { x: { y: [1n] } };
    const b = cloneValue(a);
    (b.x.y as bigint[]).push(2n);
    expect(a.x.y).toEqual([1n]);
  });
  it('orders keys by code point', () => {
    expect(['\u{1F600}', '\uFFFD', 'a'].sort(compareKeys)).toEqual(['a', '\uFFFD', '\u{1F600}']);
  });
});

describe('parseVrlJson fast path', () => {
  it('is exact when strings hold digits and dots', () => {
    expect(
      parseVrlJson('{"ip":"10.0.0.1","v":"1.09","n":3,"f":2.5,"g":[1.0, -3.00],"e":1e2,"h":{"x":0.0}}'),
    ).toEqual({
      ip: '10.0.0.1',
      v: '1.09',
      n: 3n,
      f: 2.5,
      g: [1, -3],
      e: 100,
      h: { x: 0 },
    });
    const v = parseVrlJson('{"a":"x:1.0,","b":7}') as Record<string, unknown>;
    expect(v).toEqual({ a: 'x:1.0,', b: 7n });
    expect(typeof (parseVrlJson('[1.0]') as unknown[])[0]).toBe('number');
    expect(typeof (parseVrlJson('[1.25]') as unknown[])[0]).toBe('number');
    expect(typeof (parseVrlJson('{"a": 12}') as Record<string, unknown>).a).toBe('bigint');
  });
});

describe('parseVrlJson top-level numbers', () => {
  it('reads a whole-document float as a float', () => {
    expect(parseVrlJson('1.0')).toBe(1);
    expect(parseVrlJson(' 2e3 ')).toBe(2000);
    expect(parseVrlJson('7')).toBe(7n);
  });
});
