import { describe, expect, it } from 'vitest';
import { defineFunction, required } from '../stdlib/function.js';
import { K, Kind } from '../types/index.js';
import { codes, compile, run } from './test-helpers/run.js';

describe("compat: '0.24'", () => {
  it('allows ! on an infallible call and ok, err = on an infallible expression', () => {
    expect(compile('upcase!("x")', { compat: '0.24' }).warnings).toEqual([]);
    expect(codes('x, err = 1 + 1', { compat: '0.24' })).toEqual([]);
    expect(run('x, err = 1 + 1; [x, err]', '{}', { compat: '0.24' })).toBe('[2,null]');
    expect(codes('x, err = 1 + 1')).toEqual([104]);
  });
  it('compatOnly functions exist only in that mode', () => {
    const old = defineFunction({
      name: 'old_fn',
      parameters: [required('value', K.ANY)],
      kind: Kind.bytes(),
      call: () => 'old',
      compatOnly: true,
    });
    expect(codes('old_fn(1)', { functions: [old] })).toEqual([105]);
    expect(run('old_fn(1)', '{}', { functions: [old], compat: '0.24' })).toBe('"old"');
  });
});
