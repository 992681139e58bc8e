import { describe, expect, it } from 'vitest';
import { codes, run, runError } from './test-helpers/run.js';

describe('if', () => {
  it('branches and else-if chains', () => {
    expect(run('n = 2; if n > 2 { "big" } else if n > 1 { "mid" } else { "small" }')).toBe('"mid"');
    expect(run('if false { 1 }')).toBe('null');
    expect(run('if (x = 1; x == 1) { "yes" }')).toBe('"yes"');
  });
  it('the predicate must be boolean (E102) and infallible', () => {
    expect(codes('if 1 { 2 }')).toEqual([102]);
    expect(codes('if parse_json("true") == true { 1 }')).toEqual([100]);
    expect(codes('if upcase(.x) == "A" { 1 }')).toEqual([110]);
  });
  it('variables introduced in a block are local to it', () => {
    expect(codes('if true { y = 1 }; y')).toEqual([701]);
    expect(run('x = 1; if true { x = 2 }; x')).toBe('2');
    expect(codes('{ x = 2; y = 3 }; y')).toEqual([701]);
  });
});

describe('abort and return', () => {
  it('abort ends the program with its message', () => {
    expect(runError('abort')).toEqual({ message: 'aborted', abort: true });
    expect(runError('abort "stop"')).toEqual({ message: 'stop', abort: true });
    expect(codes('abort 5')).toEqual([113]);
    expect(codes('abort upcase(.x)')).toEqual([631]);
  });
  it('?? and ok, err = do not catch abort', () => {
    expect(runError('x, err = if true { abort "a" } else { parse_json("1") }')).toEqual({
      message: 'a',
      abort: true,
    });
  });
  it('return ends the program with a value; inside closures it depends on the closure (as the oracle)', () => {
    expect(run('return 1; 2')).toBe('1');
    expect(run('if true { return "early" }; "late"')).toBe('"early"');
    expect(runError('for_each([1]) -> |_k, _v| { return 42 }')).toEqual({
      message: 'return cannot be used inside closures',
    });
    // Over an object, a key/value closure takes it as its value (as the oracle).
    expect(run('foo = 0; for_each({"a": 1}) -> |_k, _v| { return 42; foo = 1 }; foo')).toBe('0');
    expect(run('filter({"a": 1, "b": 2}) -> |k, _v| { if k == "a" { return false }; true }')).toBe('{"b":2}');
  });
});

describe('runtime errors', () => {
  it('an unhandled failing ! call ends the program with VRL text', () => {
    expect(runError('string!(.n)', '{"n": 1}').message).toBe(
      'function call error for "string" at (0:11): expected string, got integer',
    );
    expect(runError('upcase!(.o)', '{"o": {"a": [1, 2]}}').message).toBe(
      'function call error for "upcase" at (0:11): expected string, got { a: [integer, integer] }',
    );
  });
  it('ok, err = captures the message and gives the kind default', () => {
    expect(run('x, err = upcase(.foo); [x, err]')).toBe(
      '["","function call error for \\"upcase\\" at (9:21): expected string, got null"]',
    );
    expect(run('_ok, _err = 1 / 0')).toBe('"can\'t divide by zero"');
  });
});
