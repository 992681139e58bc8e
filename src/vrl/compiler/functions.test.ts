import { describe, expect, it } from 'vitest';
import { defineFunction, FunctionCompileError, required } from '../stdlib/function.js';
import { K, Kind } from '../types/index.js';
import { codes, compile, diagnostics, run, runEvent } from './test-helpers/run.js';

describe('function calls', () => {
  it('positional and named arguments', () => {
    expect(run('upcase("abc")')).toBe('"ABC"');
    expect(run('upcase(value: "abc")')).toBe('"ABC"');
  });
  it('arity and keyword errors', () => {
    expect(codes('upcase("a", "b")')).toEqual([106]);
    expect(codes('upcase()')).toEqual([107]);
    expect(codes('upcase(valu: "a")')).toEqual([108]);
    expect(codes('upcaze("a")')).toEqual([105]);
    expect(codes('upcase("a") -> |x| { x }')).toEqual([109]);
    expect(codes('for_each({})')).toEqual([111]);
  });
  it('argument kinds: E110, runtime checks with !, E630 for fallible arguments', () => {
    expect(codes('upcase(.foo)')).toEqual([110]);
    expect(codes('upcase!(.foo)')).toEqual([]);
    expect(codes('upcase!(5)')).toEqual([110]);
    expect(codes('upcase(to_string(parse_json("1")))')).toEqual([630]);
    expect(codes('.foo = "x"; upcase(.foo)')).toEqual([]);
    expect(codes('.foo = 1; upcase(.foo)')).toEqual([110]);
  });
  it('E620 (warning) for ! on an infallible call', () => {
    const program = compile('upcase!("x")');
    expect(program.warnings.map((w) => w.code)).toEqual([620]);
  });
  it('ok, err = gives the kind default when the call fails', () => {
    const ts = defineFunction({
      name: 'ts_or_fail',
      parameters: [],
      kind: Kind.timestamp(),
      fallible: true,
      call: () => {
        throw new Error('nope');
      },
    });
    expect(run('x, err = ts_or_fail(); x', '{}', { functions: [ts] })).toBe('"1970-01-01T00:00:00Z"');
  });
  it('E103 for an unhandled fallible assignment, E104 for ok, err on an infallible one', () => {
    expect(codes('x = parse_json("1")')).toEqual([103]);
    expect(codes('x, err = 1 + 1')).toEqual([104]);
  });
  it('a function compile error is E610 naming its code', () => {
    const strict = defineFunction({
      name: 'strict',
      parameters: [required('value', K.BYTES)],
      kind: Kind.bytes(),
      call: (v) => v ?? null,
    });
    const failing = {
      ...strict,
      compile() {
        throw new FunctionCompileError(403, 'invalid argument "value"', 0);
      },
    };
    const d = diagnostics('strict("x")', { functions: [failing] });
    expect(d.map((x) => [x.code, x.message])).toEqual([
      [610, 'function compilation error: error[E403] invalid argument'],
    ]);
  });
  it('literal arguments reach compile as constants, also through variables', () => {
    let seen: unknown;
    const probe = {
      name: 'probe',
      parameters: [required('value', K.ANY)],
      compile(args: readonly ({ constant?: { value: unknown } } | undefined)[]) {
        seen = args[0]?.constant?.value;
        return { kind: Kind.null(), fallible: false, call: () => null };
      },
    };
    compile('x = "lit"; probe(x)', { functions: [probe] });
    expect(seen).toBe('lit');
    compile('probe(["a", 1])', { functions: [probe] });
    expect(seen).toEqual(['a', 1n]);
  });
});

describe('path functions', () => {
  it('del returns the value and removes it (compact removes emptied parents)', () => {
    expect(run('del(.a)', '{"a": 1}')).toBe('1');
    expect(runEvent('del(.a.b, compact: true)', '{"a": {"b": 1}, "c": 2}')).toBe('{"c":2}');
    expect(runEvent('del(.t[0])', '{"t": [1, 2]}')).toBe('{"t":[2]}');
    expect(codes('del("x")')).toEqual([610]);
  });
  it('exists', () => {
    expect(run('[exists(.a.b), exists(.z), exists(.)]', '{"a": {"b": null}}')).toBe('[true,false,true]');
  });
  it('unnest', () => {
    expect(run('. = unnest!(.t); .', '{"t": [1, 2], "k": 0}')).toBe('[{"k":0,"t":1},{"k":0,"t":2}]');
    expect(codes('unnest(.t)')).toEqual([110]);
    expect(codes('.t = [1]; unnest(.t)')).toEqual([]);
  });
});

describe('closures', () => {
  it('for_each iterates in key order and sees outer variables', () => {
    expect(run('r = ""; for_each({"b": 1, "a": 2}) -> |k, _v| { r = r + k }; r')).toBe('"ab"');
    expect(run('s = 0; for_each([1, 2, 3]) -> |_i, v| { s = s + v }; s')).toBe('6');
  });
  it('closure parameters shadow and are restored', () => {
    expect(run('x = 1; for_each([5]) -> |x, _y| { .inner = x }; x')).toBe('1');
  });
  it('map_values, map_keys (recursive), filter', () => {
    expect(run('map_values({"a": 1, "b": 2}) -> |v| { v * 10 }')).toBe('{"a":10,"b":20}');
    expect(run('map_keys({"a": {"b": 1}}, recursive: true) -> |k| { upcase(k) }')).toBe('{"A":{"B":1}}');
    expect(run('filter([1, 2, 3, 4]) -> |_i, v| { v > 2 }')).toBe('[3,4]');
  });
  it('closure arity (E120) and input type (E121)', () => {
    expect(codes('map_values({"a": 1}) -> |k, v| { v }')).toEqual([120]);
    expect(codes('for_each(.o) -> |k, v| { k }')).toEqual([121]);
  });
});
