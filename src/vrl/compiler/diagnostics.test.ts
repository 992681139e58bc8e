import { describe, expect, it } from 'vitest';
import { VrlCompileError } from './index.js';
import { compile, diagnostics } from './test-helpers/run.js';

function rendered(src: string): string {
  try {
    compile(src);
  } catch (e) {
    if (e instanceof VrlCompileError) return e.message;
    throw e;
  }
  throw new Error('expected a compile error');
}

describe('diagnostics', () => {
  it('E110 has VRL labels and the guard/coercion notes', () => {
    const [d] = diagnostics('upcase(.foo)');
    expect(d!.code).toBe(110);
    expect(d!.message).toBe('invalid argument type');
    expect(d!.labels.map((l) => [l.message, l.primary, l.span.start, l.span.end])).toEqual([
      ['this expression resolves to any', true, 7, 11],
      ['but the parameter "value" expects the exact type string', false, 7, 11],
    ]);
    expect(d!.notes.slice(0, 4)).toEqual([
      'try: ensuring an appropriate type at runtime',
      ' ',
      '    .foo = string!(.foo)',
      '    upcase(.foo)',
    ]);
  });
  it('E103 names the argument at fault and suggests `!` and `ok, err =`', () => {
    const [d] = diagnostics('.x = upcase(.a) + upcase(.b)');
    expect(d!.labels.map((l) => l.message)).toEqual([
      "this expression is fallible because at least one argument's type cannot be verified to be valid",
      '`.b` argument type is `any` and this function expected a parameter `value` of type `string`',
      'update the expression to be infallible by adding a `!`: `upcase!(.a) + upcase!(.b)`',
      'or change this to an infallible assignment:',
      '.x, err = upcase(.a) + upcase(.b)',
    ]);
  });
  it('E105 and E701 guess the closest name', () => {
    expect(diagnostics('upcaze("a")')[0]!.labels[1]!.message).toBe('did you mean "upcase"?');
    expect(diagnostics('myvar = 1; myvr')[0]!.labels[1]!.message).toBe('did you mean "myvar"?');
  });
  it('one unhandled error per root expression: the right side of an operator wins', () => {
    const d = diagnostics('int(.a) + int(.b)');
    expect(d.map((x) => [x.code, x.labels[0]!.span.start])).toEqual([[100, 10]]);
  });
  it('a failed assignment does not cascade into undefined-variable errors', () => {
    expect(diagnostics('foo = to_strng(15)\nupcase(foo)').map((x) => x.code)).toEqual([105]);
  });
  it('renders like the VRL CLI', () => {
    const text = rendered('1 / 0');
    expect(text).toContain('error[E100]: unhandled error');
    expect(text).toContain('expression can result in runtime error');
    expect(text).toContain('= see documentation about error handling at https://errors.vrl.dev/#handling');
  });
});
