import { describe, expect, it } from 'vitest';
import { ParseError, parse } from '../parser/index.js';
import { ALL_CODES, CompilerCode, ExprCode, ParserCode, formatCode } from './codes.js';
import { Notes, Urls, context, errorDiagnostic, primary, type Diagnostic } from './diagnostic.js';
import { formatDiagnostics, lineColumn } from './format.js';

const LANG = '  = see language documentation at https://vrl.dev';
const REPL = '  = try your code in the VRL REPL, learn more at https://vrl.dev/examples';

function parseDiagnostics(source: string): Diagnostic[] {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ParseError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected a parse error');
}

const text = (...lines: string[]) => '\n' + lines.join('\n');

describe('formatDiagnostics', () => {
  it('renders a syntax error with two labels on one span', () => {
    const source = '.foo.';
    expect(formatDiagnostics(source, parseDiagnostics(source))).toBe(
      text(
        'error[E203]: syntax error',
        '  ┌─ :1:5',
        '  │',
        '1 │ .foo.',
        '  │     ^',
        '  │     │',
        '  │     unexpected end of query path',
        '  │     expected one of: "identifier", "path field", "string literal", "abort", "return"',
        '  │',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('renders a reserved keyword on a later line', () => {
    const source = '.ok = 1\narray = []';
    expect(formatDiagnostics(source, parseDiagnostics(source))).toBe(
      text(
        'error[E205]: reserved keyword',
        '  ┌─ :2:1',
        '  │',
        '2 │ array = []',
        '  │ ^^^^^',
        '  │ │',
        '  │ this identifier name is reserved for future use in the language',
        '  │ use a different name instead',
        '  │',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('writes a lone label message after the carets', () => {
    const source = '"foo\\xbar"';
    expect(formatDiagnostics(source, parseDiagnostics(source))).toBe(
      text(
        'error[E209]: invalid escape character: \\x',
        '  ┌─ :1:6',
        '  │',
        '1 │ "foo\\xbar"',
        '  │      ^ invalid escape character: x',
        '  │',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('renders several diagnostics, unlabelled carets and extra notes', () => {
    const source = '2 < 3 < 4\ntrue == false == true';
    const note = Notes.seeDocs('comparisons', Urls.expression('comparison'));
    const chained = (start: number, end: number) =>
      errorDiagnostic(
        CompilerCode.ChainedComparison,
        "comparison operators can't be chained together",
        [primary('', { start, end })],
        [note],
      );
    const block = (line: number, col: number, src: string, carets: string) => [
      "error[E650]: comparison operators can't be chained together",
      `  ┌─ :${line}:${col}`,
      '  │',
      `${line} │ ${src}`,
      `  │ ${carets}`,
      '  │',
      '  = see documentation about comparisons at https://vrl.dev/expressions/#comparison',
      LANG,
      REPL,
    ];
    expect(formatDiagnostics(source, [chained(6, 7), chained(24, 26)])).toBe(
      text(
        ...block(1, 7, '2 < 3 < 4', '      ^'),
        '',
        ...block(2, 15, 'true == false == true', '              ^^'),
        '',
      ),
    );
  });

  it('hangs labels right-most first, with pointers for those still to come', () => {
    const source = '"foo" ?? "bar"';
    const diagnostic = errorDiagnostic(
      CompilerCode.UnnecessaryCoalesce,
      'unnecessary error coalescing operation',
      [
        primary("this expression can't fail", { start: 0, end: 5 }),
        context('remove this error coalescing operation', { start: 6, end: 8 }),
        context('this expression never resolves', { start: 9, end: 14 }),
      ],
    );
    expect(formatDiagnostics(source, [diagnostic])).toBe(
      text(
        'error[E651]: unnecessary error coalescing operation',
        '  ┌─ :1:1',
        '  │',
        '1 │ "foo" ?? "bar"',
        '  │ ^^^^^ -- ----- this expression never resolves',
        '  │ │     │',
        '  │ │     remove this error coalescing operation',
        "  │ this expression can't fail",
        '  │',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('writes the right-most label after the carets when it overlaps no other', () => {
    const source = '!!"true"';
    const diagnostic = errorDiagnostic(
      CompilerCode.NonBooleanNot,
      'non-boolean negation',
      [
        primary('negation only works on boolean values', { start: 1, end: 2 }),
        context('this expression resolves to string', { start: 2, end: 8 }),
      ],
      [Notes.hint('coerce the value to the required type using a coercion function')],
    );
    expect(formatDiagnostics(source, [diagnostic])).toBe(
      text(
        'error[E660]: non-boolean negation',
        '  ┌─ :1:2',
        '  │',
        '1 │ !!"true"',
        '  │  ^------ this expression resolves to string',
        '  │  │',
        '  │  negation only works on boolean values',
        '  │',
        '  = hint: coerce the value to the required type using a coercion function',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('adds the error-code note for E100–E110 and keeps caller notes first', () => {
    const source = '1 / 0';
    const diagnostic = errorDiagnostic(
      ExprCode.FallibleExpression,
      'unhandled error',
      [
        primary('expression can result in runtime error', { start: 0, end: 5 }),
        context('handle the error case to ensure runtime success', { start: 0, end: 5 }),
      ],
      [Notes.seeErrorDocs()],
    );
    expect(formatDiagnostics(source, [diagnostic])).toBe(
      text(
        'error[E100]: unhandled error',
        '  ┌─ :1:1',
        '  │',
        '1 │ 1 / 0',
        '  │ ^^^^^',
        '  │ │',
        '  │ expression can result in runtime error',
        '  │ handle the error case to ensure runtime success',
        '  │',
        '  = see documentation about error handling at https://errors.vrl.dev/#handling',
        '  = learn more about error code 100 at https://errors.vrl.dev/100',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('shows labels on several lines, a one-line gap in full, longer gaps as ·, and a wider gutter', () => {
    const source = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'x = 1'].join('\n');
    const at = (line: number) =>
      source
        .split('\n')
        .slice(0, line - 1)
        .join('\n').length + (line > 1 ? 1 : 0);
    const diagnostic = errorDiagnostic(ParserCode.UnrecognizedToken, 'syntax error', [
      context('first', { start: at(1), end: at(1) + 1 }),
      context('third', { start: at(3), end: at(3) + 1 }),
      primary('tenth', { start: at(10) + 4, end: at(10) + 5 }),
    ]);
    expect(formatDiagnostics(source, [diagnostic], { standardNotes: false })).toBe(
      text(
        'error[E203]: syntax error',
        '   ┌─ :10:5',
        '   │',
        ' 1 │ a',
        '   │ - first',
        ' 2 │ b',
        ' 3 │ c',
        '   │ - third',
        '   ·',
        '10 │ x = 1',
        '   │     ^ tenth',
        '   │',
        '',
      ),
    );
  });

  it('draws labels spanning several lines in an inner gutter', () => {
    const source = '\nfilter([1, 2, 3]) -> |_key, _value| {\n  return 0\n  true\n}';
    const block = { start: source.indexOf('{'), end: source.length };
    const diagnostic = errorDiagnostic(ExprCode.ReturnTypeMismatch, 'type mismatch in closure return type', [
      primary('block returns invalid value type', block),
      context('expected: boolean', block),
      context('received: integer or boolean', block),
    ]);
    expect(formatDiagnostics(source, [diagnostic])).toBe(
      text(
        'error[E122]: type mismatch in closure return type',
        '  ┌─ :2:37',
        '  │',
        '2 │       filter([1, 2, 3]) -> |_key, _value| {',
        '  │ ╭─────────────────────────────────────────^',
        "  │ │ ╭───────────────────────────────────────'",
        "  │ │ │ ╭─────────────────────────────────────'",
        '3 │ │ │ │   return 0',
        '4 │ │ │ │   true',
        '5 │ │ │ │ }',
        '  │ ╰─│─│─^ block returns invalid value type',
        "  │   ╰─│─' expected: boolean",
        "  │     ╰─' received: integer or boolean",
        '  │',
        LANG,
        REPL,
        '',
      ),
    );
  });

  it('puts ╭ on the source line when only whitespace precedes a multi-line span', () => {
    const source = '  if .a {\n    1\n  }\nx';
    const diagnostic = errorDiagnostic(ExprCode.FallibleExpression, 'unhandled error', [
      primary('this can fail', { start: 2, end: source.indexOf('}') + 1 }),
      context('here', { start: source.length - 1, end: source.length }),
    ]);
    expect(formatDiagnostics(source, [diagnostic], { standardNotes: false })).toBe(
      text(
        'error[E100]: unhandled error',
        '  ┌─ :1:3',
        '  │',
        '1 │ ╭   if .a {',
        '2 │ │     1',
        '3 │ │   }',
        '  │ ╰───^ this can fail',
        '4 │   x',
        '  │   - here',
        '  │',
        '',
      ),
    );
  });

  it('draws a zero-width span at end of input as one caret', () => {
    const source = 'x = 1 +';
    expect(formatDiagnostics(source, parseDiagnostics(source)).split('\n').slice(0, 8)).toEqual([
      '',
      'error[E204]: syntax error',
      '  ┌─ :1:8',
      '  │',
      '1 │ x = 1 +',
      '  │        ^',
      '  │        │',
      '  │        unexpected end of program',
    ]);
  });

  it('counts columns in code points', () => {
    expect(lineColumn('"é😀" x\ny', 6)).toEqual({ line: 1, column: 6 });
    expect(lineColumn('"é😀" x\ny', 8)).toEqual({ line: 2, column: 1 });
    const source = '"😀" = 1';
    expect(formatDiagnostics(source, parseDiagnostics(source))).toContain(
      '  ┌─ :1:5\n  │\n1 │ "😀" = 1\n  │     ^\n',
    );
  });

  it('returns an empty string for no diagnostics', () => {
    expect(formatDiagnostics('x', [])).toBe('');
  });
});

describe('codes', () => {
  it('are unique and keep their upstream numbers', () => {
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
    expect([ParserCode.UnrecognizedToken, ParserCode.ReservedKeyword, ExprCode.UndefinedFunction]).toEqual([
      203, 205, 105,
    ]);
    expect(ExprCode.FallibleAssignment).toBe(103);
    expect(CompilerCode.ChainedComparison).toBe(650);
  });

  it('format as E and three digits', () => {
    expect(formatCode(5)).toBe('E005');
    expect(formatCode(203)).toBe('E203');
  });
});
