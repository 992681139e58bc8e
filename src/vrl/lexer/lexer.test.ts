import { describe, expect, it } from 'vitest';
import { LexError } from './errors.js';
import { lex, unescapeString } from './lexer.js';
import type { Token } from './token.js';

/** Compact token rendering: `Kind` or `Kind(value)`, followed by `@start..end`. */
function show(token: Token): string {
  return 'value' in token ? `${token.kind}(${String(token.value)})` : token.kind;
}
const kinds = (source: string) => lex(source).map((t) => show(t.token));
const spans = (source: string) => lex(source).map((t) => `${show(t.token)}@${t.span.start}..${t.span.end}`);

describe('lex', () => {
  it('splits identifiers, keywords, reserved words and path fields', () => {
    expect(kinds('foo bar1 if else null true false abort return array @ts a@b _x')).toEqual([
      'Identifier(foo)', 'Identifier(bar1)', 'If', 'Else', 'Null', 'True', 'False', 'Abort', 'Return',
      'ReservedIdentifier(array)', 'PathField(@ts)', 'PathField(a@b)', 'Identifier(_x)',
    ]); // prettier-ignore
  });

  it('marks a name directly followed by ( or ! as a function call', () => {
    expect(kinds('f(x) g!(y) h (z)')).toEqual([
      'FunctionCall(f)', 'LParen', 'Identifier(x)', 'RParen',
      'FunctionCall(g)', 'Bang', 'LParen', 'Identifier(y)', 'RParen',
      'Identifier(h)', 'LParen', 'Identifier(z)', 'RParen',
    ]); // prettier-ignore
  });

  it('reads numbers with separators, floats, negative literals and digit-led identifiers', () => {
    expect(kinds('12 012 12.43 12. 1_000 1_2_3._4_0_ -5 -2.5 0foo')).toEqual([
      'IntegerLiteral(12)', 'IntegerLiteral(12)', 'FloatLiteral(12.43)', 'FloatLiteral(12)',
      'IntegerLiteral(1000)', 'FloatLiteral(123.4)', 'IntegerLiteral(-5)', 'FloatLiteral(-2.5)', 'Identifier(0foo)',
    ]); // prettier-ignore
  });

  it('groups operator characters greedily, keeping = |= ? ! -> apart', () => {
    expect(kinds('a + b == c != d ?? e || f && g | h <= i >= j < k > l * m / n')).toEqual(
      [
        'Identifier(a)', 'Operator(+)', 'Identifier(b)', 'Operator(==)', 'Identifier(c)', 'Operator(!=)',
        'Identifier(d)', 'Operator(??)', 'Identifier(e)', 'Operator(||)', 'Identifier(f)', 'Operator(&&)',
        'Identifier(g)', 'Operator(|)', 'Identifier(h)', 'Operator(<=)', 'Identifier(i)', 'Operator(>=)',
        'Identifier(j)', 'Operator(<)', 'Identifier(k)', 'Operator(>)', 'Identifier(l)', 'Operator(*)',
        'Identifier(m)', 'Operator(/)', 'Identifier(n)',
      ],
    ); // prettier-ignore
    expect(kinds('x = 1; y |= z ??= w -> !!v ? &')).toEqual([
      'Identifier(x)', 'Equals', 'IntegerLiteral(1)', 'SemiColon', 'Identifier(y)', 'MergeEquals',
      'Identifier(z)', 'Operator(??=)', 'Identifier(w)', 'Arrow', 'Bang', 'Bang', 'Identifier(v)', 'Question',
      'Ampersand',
    ]); // prettier-ignore
  });

  it('reads punctuation, paths and metadata paths with spans', () => {
    expect(spans('.a."b"[-1] %m _')).toEqual([
      'Dot@0..1', 'Identifier(a)@1..2', 'Dot@2..3', 'StringLiteral(b)@3..6', 'LBracket@6..7',
      'IntegerLiteral(-1)@7..9', 'RBracket@9..10', 'Percent@11..12', 'Identifier(m)@12..13', 'Underscore@14..15',
    ]); // prettier-ignore
  });

  it('keeps string literal text raw and validates its escapes', () => {
    expect(spans('"a\\n\\"b\\u{41}" "{{ x }}"')).toEqual([
      'StringLiteral(a\\n\\"b\\u{41})@0..14',
      'StringLiteral({{ x }})@15..24',
    ]);
  });

  it("reads s'…', r'…' and t'…' literals, with \\' as an escaped quote", () => {
    expect(kinds("s'a\\'b' r'\\d+\\'x' t'2021-01-01T00:00:00Z' s''")).toEqual([
      "RawStringLiteral(a\\'b)",
      "RegexLiteral(\\d+'x)",
      'TimestampLiteral(2021-01-01T00:00:00Z)',
      'RawStringLiteral()',
    ]);
  });

  it('skips comments and whitespace but keeps newlines', () => {
    expect(kinds('a # comment ( " \n\tb\r\n')).toEqual([
      'Identifier(a)',
      'Newline',
      'Identifier(b)',
      'Newline',
    ]);
  });

  it('drops newlines whose next significant token is else', () => {
    expect(kinds('}\n\n  # c\n else {')).toEqual(['RBrace', 'Else', 'LBrace']);
    expect(kinds('}\nelsewhere')).toEqual(['RBrace', 'Newline', 'Identifier(elsewhere)']);
  });

  it('reports characters that start no token as InvalidToken', () => {
    expect(kinds('$ 😀')).toEqual(['InvalidToken($)', 'InvalidToken(😀)']);
  });

  it('uses UTF-16 offsets for spans', () => {
    expect(spans('"é😀" x')).toEqual(['StringLiteral(é😀)@0..5', 'Identifier(x)@6..7']);
  });

  it('throws LexError with a single diagnostic', () => {
    try {
      lex('x = "abc');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LexError);
      expect((error as LexError).diagnostic).toMatchObject({ code: 207, message: 'invalid string literal' });
    }
    expect(() => lex('"\\q"')).toThrow(LexError);
  });
});

describe('unescapeString', () => {
  it.each([
    ['a\\nb', 'a\nb'],
    ['\\t\\r\\0', '\t\r\0'],
    ['\\\\ \\" \\\'', '\\ " \''],
    ['\\{ \\}', '{ }'],
    ['\\u{48}\\u{1f600}', 'H😀'],
    ['line \\\n     next', 'line next'],
    ['plain', 'plain'],
  ])('%j', (raw, expected) => {
    expect(unescapeString(raw)).toBe(expected);
  });
});

describe('escape errors as current VRL reports them (lex.rs after vrl#1579 / #1771)', () => {
  function diagnosticOf(source: string) {
    try {
      lex(source);
    } catch (error) {
      if (error instanceof LexError) return error.diagnostic;
      throw error;
    }
    throw new Error(`expected ${JSON.stringify(source)} to fail`);
  }

  it('shows char::default() (NUL) when the input ends after a backslash', () => {
    const d = diagnosticOf('"\\');
    expect(d.code).toBe(209);
    expect(d.message).toBe('invalid escape character: \\\0');
    expect(d.labels[0]).toMatchObject({
      message: 'invalid escape character: none',
      span: { start: 1, end: 2 },
    });
  });

  it('accepts any number of hex digits in \\u{…} while the value fits a u32', () => {
    expect(lex('"\\u{000000041}"')[0]!.token).toMatchObject({ kind: 'StringLiteral' });
    expect(unescapeString('\\u{000000041}')).toBe('A');
    expect(diagnosticOf('"\\u{100000000}"')).toMatchObject({ code: 211 });
    expect(diagnosticOf('"\\u{110000}"')).toMatchObject({ code: 211 });
  });
});

describe('whitespace is Rust char::is_whitespace', () => {
  it('skips U+0085 but not U+FEFF', () => {
    expect(lex('\u0085x').map((t) => t.token.kind)).toEqual(['Identifier']);
    expect(lex('x\ufeff').map((t) => t.token.kind)).toEqual(['Identifier', 'InvalidToken']);
  });
});
