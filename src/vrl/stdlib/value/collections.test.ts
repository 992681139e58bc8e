/** Collection functions the oracle lacks (`from_entries`, `to_entries`, `pop`, `flatten(except)`), and edge cases. */
import { describe, expect, it } from 'vitest';
import { Kind } from '../../types/index.js';
import { FunctionCompileError, type FunctionDef } from '../function.js';
import { VrlError, type Value } from '../../value/index.js';
import { flatten } from './flatten.js';
import { fromEntries } from './from_entries.js';
import { pop } from './pop.js';
import { toEntries } from './to_entries.js';
import { zip } from './zip.js';
import { chunks } from './chunks.js';
import { set } from './set.js';
import { TEST_CONTEXT } from './test-helpers/run-example.js';
import { kindOfValue } from './util/kinds.js';

/** Compiles `def` for literal arguments and calls it. */
function call(def: FunctionDef, ...args: (Value | undefined)[]): Value {
  const infos = args.map((value) =>
    value === undefined
      ? undefined
      : { kind: kindOfValue(value), constant: { value }, span: { start: 0, end: 0 } },
  );
  return def.compile(infos, TEST_CONTEXT).call(...args);
}

describe('from_entries', () => {
  it('builds an object from key/value entries', () => {
    expect(
      call(fromEntries, [
        { key: 'a', value: 1n },
        { key: 'b', value: [2n] },
      ]),
    ).toEqual({ a: 1n, b: [2n] });
  });
  it('accepts the jq aliases and skips null/false keys', () => {
    expect(
      call(fromEntries, [{ Key: 'a', Value: 1n }, { name: 'b' }, { key: null, Name: 'c', value: 3n }]),
    ).toEqual({
      a: 1n,
      b: null,
      c: 3n,
    });
    expect(call(fromEntries, [{ key: false, name: 'x', value: 1n }])).toEqual({ x: 1n });
  });
  it('fails on non-string keys and non-object entries', () => {
    expect(() => call(fromEntries, [{ key: 1n, value: 1n }])).toThrow(
      new VrlError('object keys must be strings'),
    );
    expect(() => call(fromEntries, [{ value: 1n }])).toThrow('object keys must be strings');
    expect(() => call(fromEntries, [1n])).toThrow('expected object, got integer');
  });
  it('keeps __proto__ as an ordinary key', () => {
    const out = call(fromEntries, [{ key: '__proto__', value: 1n }]) as Record<string, Value>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('to_entries', () => {
  it('lists object fields in key order', () => {
    expect(call(toEntries, { b: 1n, a: 'x' })).toEqual([
      { key: 'a', value: 'x' },
      { key: 'b', value: 1n },
    ]);
  });
  it('uses integer indices for arrays', () => {
    expect(call(toEntries, ['x', null])).toEqual([
      { key: 0n, value: 'x' },
      { key: 1n, value: null },
    ]);
  });
  it('round-trips with from_entries', () => {
    const object = { a: 1n, b: { c: [true] } };
    expect(call(fromEntries, call(toEntries, object))).toEqual(object);
  });
});

describe('pop', () => {
  it('drops the last element', () => {
    expect(call(pop, [1n, 2n, 3n])).toEqual([1n, 2n]);
    expect(call(pop, [])).toEqual([]);
  });
  it('does not mutate its argument', () => {
    const array: Value[] = [1n];
    call(pop, array);
    expect(array).toEqual([1n]);
  });
});

describe('flatten except', () => {
  it('leaves listed keys unflattened at any depth', () => {
    const value = { a: { b: { c: 1n } }, d: { e: 2n }, f: { g: { e: { h: 3n } } } };
    expect(call(flatten, value, undefined, ['b', 'e'])).toEqual({
      'a.b': { c: 1n },
      'd.e': 2n,
      'f.g.e': { h: 3n },
    });
  });
  it('needs a static array of strings', () => {
    const dynamic = { kind: Kind.array(), span: { start: 0, end: 0 } };
    const value = { kind: Kind.object({}), span: { start: 0, end: 0 } };
    expect(() => flatten.compile([value, undefined, dynamic], TEST_CONTEXT)).toThrow(FunctionCompileError);
    expect(() => call(flatten, {}, undefined, [1n])).toThrow('expected a string value');
  });
});

describe('zip', () => {
  it('of no arrays is empty', () => {
    expect(call(zip, [])).toEqual([]);
  });
});

describe('chunks', () => {
  it('rejects a literal chunk size below 1 at compile time', () => {
    expect(() => call(chunks, 'abc', 0n)).toThrow(FunctionCompileError);
  });
  it('is fallible only for a dynamic chunk size', () => {
    const bytes = { kind: Kind.bytes(), span: { start: 0, end: 0 } };
    expect(chunks.compile([bytes, { ...bytes, kind: Kind.integer() }], TEST_CONTEXT).fallible).toBe(true);
    expect(
      chunks.compile([bytes, { ...bytes, kind: Kind.integer(), constant: { value: 2n } }], TEST_CONTEXT)
        .fallible,
    ).toBe(false);
  });
  it('fails at runtime on a dynamic size below 1', () => {
    const bytes = { kind: Kind.bytes(), span: { start: 0, end: 0 } };
    const impl = chunks.compile([bytes, { ...bytes, kind: Kind.integer() }], TEST_CONTEXT);
    expect(() => impl.call('abc', -1n)).toThrow('"chunk_size" must be at least 1 byte');
  });
});

describe('set', () => {
  it('does not mutate its argument', () => {
    const value = { a: { b: 1n } };
    expect(call(set, value, ['a', 'b'], 2n)).toEqual({ a: { b: 2n } });
    expect(value).toEqual({ a: { b: 1n } });
  });
});
