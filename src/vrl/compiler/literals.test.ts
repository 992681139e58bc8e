import { describe, expect, it } from 'vitest';
import { codes, run } from './test-helpers/run.js';

describe('literals', () => {
  it('strings, raw strings and escapes', () => {
    expect(run('"hello"')).toBe('"hello"');
    expect(run("s'a\\nb'")).toBe('"a\\\\nb"');
    expect(run('"a\\tb"')).toBe('"a\\tb"');
  });
  it('integers are i64, floats stay floats', () => {
    expect(run('9223372036854775807')).toBe('9223372036854775807');
    expect(run('-17')).toBe('-17');
    expect(run('1.0')).toBe('1.0');
    expect(run('1000.50')).toBe('1000.5');
    expect(codes('1e3')).toEqual([701]);
  });
  it('booleans, null, arrays, objects', () => {
    expect(run('[true, false, null]')).toBe('[true,false,null]');
    expect(run('{"b": 1, "a": [2]}')).toBe('{"a":[2],"b":1}');
    expect(run('{"__proto__": 1}')).toBe('{"__proto__":1}');
  });
  it('timestamps are validated at compile time (E601)', () => {
    expect(run("t'2021-02-03T04:05:06Z'")).toBe('"2021-02-03T04:05:06Z"');
    expect(codes("t'yesterday'")).toEqual([601]);
  });
  it('regexes are validated at compile time (E101)', () => {
    expect(run("r'^a+$'")).toBe('"^a+$"');
    expect(codes("r'(open'")).toEqual([101]);
  });
  it('templates concatenate variables', () => {
    expect(run('x = "world"; "hello {{ x }}!"')).toBe('"hello world!"');
    expect(run('x = 5; "{{ x }}"')).toBe('5');
    expect(codes('x = 5; "n={{ x }}"')).toEqual([100]);
    expect(codes('"{{ nope }}"')).toEqual([701]);
  });
});
