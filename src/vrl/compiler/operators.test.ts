import { describe, expect, it } from 'vitest';
import { codes, run } from './test-helpers/run.js';

describe('arithmetic', () => {
  it('integers wrap at i64 as upstream', () => {
    expect(run('9223372036854775807 + 1')).toBe('-9223372036854775808');
    expect(run('6 * 7')).toBe('42');
  });
  it('mixes integers and floats', () => {
    expect(run('1 + 2.5')).toBe('3.5');
    expect(run('10 - 0.5')).toBe('9.5');
  });
  it('division always returns a float; a literal non-zero divisor is infallible', () => {
    expect(run('6 / 3')).toBe('2.0');
    expect(run('7 / 2')).toBe('3.5');
    expect(codes('1 / 0')).toEqual([100]);
    expect(codes('.x / 2')).toEqual([100]);
    expect(codes('.x = 4; .x / 2')).toEqual([]);
    expect(codes('5 / .x')).toEqual([100]);
    expect(run('x, err = 1 / 0; err')).toBe('"can\'t divide by zero"');
    expect(run('foo = 4; 5 / foo')).toBe('1.25');
  });
  it('bytes concatenate and repeat', () => {
    expect(run('"a" + "b"')).toBe('"ab"');
    expect(run('"a" + null')).toBe('"a"');
    expect(run('"ab" * 3')).toBe('"ababab"');
    expect(run('"ab" * -1')).toBe('""');
  });
  it('type errors carry VRL messages', () => {
    expect(run('x, err = .s + 1; err', '{"s": "a"}')).toBe('"can\'t add type integer to string"');
    expect(run('x, err = .t * 2; err', '{"t": [1, "a"]}')).toBe(
      '"can\'t multiply type [integer, string] by integer"',
    );
    expect(run('x, err = .n < "a"; err', '{"n": 1}')).toBe('"can\'t compare integer >= string"');
  });
});

describe('comparison and equality', () => {
  it('compares numbers across kinds', () => {
    expect(run('1 == 1.0')).toBe('true');
    expect(run('2.5 >= 2')).toBe('true');
    expect(run('"a" < "b"')).toBe('true');
    expect(run('{"a": 1} == {"a": 1.0}')).toBe('false');
  });
  it('rejects chained comparisons (E650)', () => {
    expect(codes('1 < 2 < 3')).toEqual([650]);
  });
});

describe('logic', () => {
  it('|| and && short-circuit with null/false rules', () => {
    expect(run('null || 5')).toBe('5');
    expect(run('false || "x"')).toBe('"x"');
    expect(run('5 || false')).toBe('5');
    expect(run('null && true')).toBe('false');
    expect(run('true && false')).toBe('false');
    expect(run('x, e = .s && true; e', '{"s": "a"}')).toBe(
      '"can\'t apply an AND to types string and boolean"',
    );
  });
  it('! requires a boolean (E660)', () => {
    expect(run('!true')).toBe('false');
    expect(codes('!.x')).toEqual([660]);
  });
  it('?? catches errors; on an infallible left side it is E651', () => {
    expect(run('parse_json("{") ?? "fallback"')).toBe('"fallback"');
    expect(run('int(.s) ?? int(.n) ?? 0', '{"s": "a", "n": 3}')).toBe('3');
    expect(codes('1 ?? 2')).toEqual([651]);
  });
  it('| merges objects (E652 otherwise)', () => {
    expect(run('{"a": 1, "b": 2} | {"b": 3}')).toBe('{"a":1,"b":3}');
    expect(codes('{"a": 1} | 2')).toEqual([652]);
    expect(run('.o = {"a": 1}; .o |= {"b": 2}; .o')).toBe('{"a":1,"b":2}');
  });
});
