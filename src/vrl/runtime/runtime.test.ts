import { describe, expect, it } from 'vitest';
import { VrlTimestamp } from '../value/index.js';
import { add, and, compare, div, eq, merge, mul, rem, sub, valueKind } from './ops.js';
import { getPath, pathExists, removePath, setPath } from './path.js';
import { filter, forEach, mapKeys, mapValues } from './closures.js';
import { callError, check, unnest } from './index.js';

describe('operators', () => {
  it('integer arithmetic wraps at i64', () => {
    expect(add(9223372036854775807n, 1n)).toBe(-9223372036854775808n);
    expect(sub(-9223372036854775808n, 1n)).toBe(9223372036854775807n);
    expect(mul(4611686018427387904n, 2n)).toBe(-9223372036854775808n);
  });
  it('mixed numbers become floats; NaN is an error', () => {
    expect(add(1n, 0.5)).toBe(1.5);
    expect(() => sub(Infinity, Infinity)).toThrow('operation would produce NaN');
  });
  it('division', () => {
    expect(div(7n, 2n)).toBe(3.5);
    expect(() => div(1n, 0n)).toThrow("can't divide by zero");
    expect(() => div(1n, 0)).toThrow("can't divide by zero");
    expect(() => div('a', 1n)).toThrow("can't divide type string by integer");
    expect(rem(7n, 3n)).toBe(1n);
  });
  it('bytes', () => {
    expect(add('a', 'b')).toBe('ab');
    expect(add(null, 'b')).toBe('b');
    expect(add('a', new Uint8Array([0xff]))).toEqual(new Uint8Array([0x61, 0xff]));
    expect(mul('ab', 2n)).toBe('abab');
    expect(mul(2n, 'ab')).toBe('abab');
    expect(() => add('a', 1n)).toThrow("can't add type integer to string");
  });
  it('equality is lossy between integers and floats only', () => {
    expect(eq(1n, 1)).toBe(true);
    expect(eq([1n], [1])).toBe(false);
    expect(eq({ a: 'x' }, { a: 'x' })).toBe(true);
  });
  it('comparison', () => {
    expect(compare('<', 1n, 1.5)).toBe(true);
    expect(compare('>=', 'b', 'a')).toBe(true);
    expect(compare('<', new VrlTimestamp(1n), new VrlTimestamp(2n))).toBe(true);
    expect(() => compare('<', 1n, 'a')).toThrow("can't compare integer >= string");
    expect(() => compare('>', [1n], 1n)).toThrow("can't calculate remainder of type [integer] and integer");
    expect(() => compare('<', 'a', 1n)).toThrow('expected string, got integer');
  });
  it('and, merge', () => {
    expect(and(true, null)).toBe(false);
    expect(() => and('a', true)).toThrow("can't apply an AND to types string and boolean");
    expect(merge({ a: 1n, b: 2n }, { b: 3n })).toEqual({ a: 1n, b: 3n });
  });
  it('value kinds in messages', () => {
    expect(valueKind({ b: [1n, 'x'], 'a b': null })).toBe('{ "a b": null, b: [integer, string] }');
    expect(valueKind([])).toBe('array');
  });
});

describe('paths', () => {
  it('reads with null for anything missing', () => {
    expect(getPath({ a: [1n, { b: 'x' }] }, ['a', -1, 'b'])).toBe('x');
    expect(getPath({ a: 'str' }, ['a', 'b'])).toBe(null);
    expect(pathExists({ a: null }, ['a'])).toBe(true);
    expect(pathExists({ a: [] }, ['a', 0])).toBe(false);
  });
  it('writes create containers and pad arrays', () => {
    expect(setPath({}, ['a', 2], 'x')).toEqual({ a: [null, null, 'x'] });
    expect(setPath({ a: [1n, 2n] }, ['a', -4], 'x')).toEqual({ a: ['x', null, 1n, 2n] });
    expect(setPath({ a: 'str' }, ['a', 'b'], 1n)).toEqual({ a: { b: 1n } });
    const withProto = setPath({}, ['__proto__'], 1n);
    expect(Object.keys(withProto as object)).toEqual(['__proto__']);
  });
  it('removes with optional compaction', () => {
    const v = { a: { b: { c: 1n } }, d: [1n] };
    expect(removePath(v, ['a', 'b', 'c'], true)).toBe(1n);
    expect(v).toEqual({ d: [1n] });
    expect(removePath(v, ['zz'], false)).toBe(null);
  });
});

describe('closures and helpers', () => {
  it('iterate in VRL order', () => {
    const seen: unknown[] = [];
    forEach({ b: 1n, a: 2n }, (k) => (seen.push(k), null));
    expect(seen).toEqual(['a', 'b']);
    expect(mapKeys({ a: { b: 1n } }, true, (k) => `${k as string}!`)).toEqual({ 'a!': { 'b!': 1n } });
    expect(mapValues([1n, 2n], false, (v) => (v as bigint) * 2n)).toEqual([2n, 4n]);
    expect(filter({ a: 1n, b: 2n }, (_k, v) => v === 2n)).toEqual({ b: 2n });
  });
  it('check, callError, unnest', () => {
    expect(() => check(1n, 1)).toThrow('expected string, got integer');
    expect(String((callError(new Error('boom'), 'f', 0, 3) as Error).message)).toBe(
      'function call error for "f" at (0:3): boom',
    );
    expect(unnest({ t: [1n, 2n] }, ['t'])).toEqual([{ t: 1n }, { t: 2n }]);
  });
});
