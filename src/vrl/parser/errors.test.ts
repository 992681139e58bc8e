import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ParseError, parse } from './index.js';

function diagnostics(source: string): Diagnostic[] {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ParseError) return error.diagnostics;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to fail`);
}

/** `[code, start, end, primary message]` of each diagnostic. */
function summary(source: string): [number, number, number, string][] {
  return diagnostics(source).map((d) => {
    const label = d.labels.find((l) => l.primary)!;
    return [d.code, label.span.start, label.span.end, label.message];
  });
}

describe('parse errors: codes and spans', () => {
  it.each<[string, [number, number, number, string][]]>([
    ['.foo.', [[203, 4, 5, 'unexpected end of query path']]],
    ['.foo. + 1', [[203, 4, 5, 'unexpected end of query path']]],
    ['array = []', [[205, 0, 5, 'this identifier name is reserved for future use in the language']]],
    ['x = while', [[205, 4, 9, 'this identifier name is reserved for future use in the language']]],
    ['"foo\\xbar"', [[209, 5, 6, 'invalid escape character: x']]],
    ['"foo\\', [[209, 4, 5, 'invalid escape character: none']]],
    ["s'foobar", [[208, 0, 1, 'invalid literal']]],
    ["x = r'abc", [[208, 4, 5, 'invalid literal']]],
    ['"abc', [[207, 0, 1, 'invalid string literal']]],
    // VRL's query look-ahead re-lexes literals in brackets after a name or opened by [ / {:
    // …but its outer loop takes a literal right after the bracket and drops its error (lex.rs, query_start):
    ["f(r'abc", [[208, 2, 3, 'invalid literal']]],
    ["f( r'abc", [[208, 4, 5, 'invalid literal']]],
    ['[1, "abc', [[207, 5, 6, 'invalid string literal']]],
    ['{ "a": "b', [[207, 8, 9, 'invalid string literal']]],
    ['("abc', [[207, 1, 2, 'invalid string literal']]],
    ['f( "abc"', [[210, 0, 0, 'Expected characters at end of string literal.']]],
    ['f("abc"', [[204, 7, 7, 'unexpected end of program']]],
    ['f(x, ["abc"', [[210, 0, 0, 'Expected characters at end of string literal.']]],
    ['f(["abc"', [[204, 8, 8, 'unexpected end of program']]],
    ['f(#c\n', [[204, 5, 5, 'unexpected end of program']]],
    ['[ #c\n', [[210, 0, 0, 'Expected characters at end of comment.']]],
    // The inner loop runs to the closing brace when one is open, past a closed parenthesis.
    ['{(x)"a"', [[210, 0, 0, 'Expected characters at end of string literal.']]],
    ['f(1 # note', [[210, 0, 0, 'Expected characters at end of comment.']]],
    ['"\\u{}"', [[211, 1, 5, 'invalid unicode escape sequence']]],
    ['"\\u{110000}"', [[211, 1, 11, 'invalid unicode escape sequence']]],
    ['"\\u{d800}"', [[211, 1, 9, 'invalid unicode escape sequence']]],
    ['"\\uABCD"', [[209, 3, 4, 'invalid escape character: A']]],
    [
      '9223372036854775808',
      [[206, 0, 19, 'invalid numeric literal: number too large to fit in target type']],
    ],
    ['1 +', [[204, 3, 3, 'unexpected end of program']]],
    ['f(1,', [[204, 4, 4, 'unexpected end of program']]],
    ['x y', [[203, 2, 3, 'unexpected syntax token: "Identifier"']]],
    ['x ??= 1', [[203, 2, 5, 'unexpected syntax token: "Operator"']]],
    ['5 = 1', [[203, 2, 3, 'unexpected syntax token: "Equals"']]],
    ['a-1', [[203, 1, 3, 'unexpected syntax token: "IntegerLiteral"']]],
    ['$', [[203, 0, 1, 'unexpected syntax token: "InvalidToken"']]],
    ['f(1 2)', [[203, 4, 5, 'unexpected syntax token: "IntegerLiteral"']]],
    ['{ "a" 1 }', [[203, 6, 7, 'unexpected syntax token: "IntegerLiteral"']]],
    ['if .a {}', [[203, 7, 8, 'unexpected syntax token: "RBrace"']]],
    ['.a[x]', [[203, 3, 4, 'unexpected syntax token: "Identifier"']]],
    ['f() -> |k| 1', [[203, 11, 12, 'unexpected syntax token: "IntegerLiteral"']]],
    [
      '(1\n)',
      [
        [203, 2, 3, 'unexpected syntax token: "Newline"'],
        [203, 3, 4, 'unexpected syntax token: "RParen"'],
      ],
    ],
    ['if (\ntrue) { 1 }', [[203, 9, 10, 'unexpected syntax token: "RParen"']]],
    ['}', [[203, 0, 1, 'unexpected syntax token: "RBrace"']]],
  ])('%j', (source, expected) => {
    expect(summary(source)).toEqual(expected);
  });

  it('lists what was expected, in VRL terminal order', () => {
    const [d] = diagnostics('x y');
    expect(d!.labels[1]).toEqual({
      message: 'expected one of: ";", "\\n"',
      span: { start: 2, end: 3 },
      primary: false,
    });
    const [eof] = diagnostics('f(1,');
    expect(eof!.labels[1]!.message).toMatch(/^expected one of: "identifier", "string literal", .*"\("$/);
  });

  it('recovers at the next statement and reports every error', () => {
    expect(summary('1 2\n.ok = 1\nx y')).toEqual([
      [203, 2, 3, 'unexpected syntax token: "IntegerLiteral"'],
      [203, 14, 15, 'unexpected syntax token: "Identifier"'],
    ]);
  });

  it('resumes after the next newline even inside brackets, as LALRPOP does', () => {
    expect(summary('if .a {\n  1 2\n}\n.b = )\n.c = 1')).toEqual([
      [203, 12, 13, 'unexpected syntax token: "IntegerLiteral"'],
      [203, 14, 15, 'unexpected syntax token: "RBrace"'],
      [203, 21, 22, 'unexpected syntax token: "RParen"'],
    ]);
  });

  it('stops at a token that is no grammar terminal, reporting it alone', () => {
    expect(summary('1 +* 2\n.ok = 1\nx y')).toEqual([[203, 2, 4, 'unexpected syntax token: "Operator"']]);
    expect(summary('x y +* 1\nq w')).toEqual([[203, 4, 6, 'unexpected syntax token: "Operator"']]);
    expect(summary('x = 1\nq w\ny = \\')).toEqual([[203, 14, 15, 'unexpected syntax token: "Escape"']]);
  });

  it('expects more newlines at the start of a root expression', () => {
    const [d] = diagnostics('x = 1\n+ 2');
    expect(d!.labels[1]!.message).toContain('"return", "\\n", "_"');
  });

  it('reports only the lexer error when a literal is malformed, as VRL does', () => {
    expect(summary('x y\n"abc')).toEqual([[207, 4, 5, 'invalid string literal']]);
  });

  it('throws a ParseError whose message names each code', () => {
    expect(() => parse('x y')).toThrow(/E203 syntax error: unexpected syntax token/);
  });
});
