import { ParserCode, formatCode } from '../diagnostics/codes.js';
import { context, errorDiagnostic, primary, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../diagnostics/span.js';
import type { SpannedToken } from '../lexer/token.js';

/** Thrown by `parse()`: every syntax error found, in source order. */
export class ParseError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics
        .map((d) => `${formatCode(d.code)} ${d.message}${d.labels[0] ? `: ${d.labels[0].message}` : ''}`)
        .join('; '),
    );
    this.name = 'ParseError';
  }
}

/** Internal: unwinds the parser to the enclosing root expression. */
export class SyntaxFailure {
  constructor(
    readonly diagnostic: Diagnostic,
    /** The terminals that were expected where parsing failed. */
    readonly expected: readonly string[] = [],
  ) {}
}

/**
 * Grammar terminals in VRL's declaration order (`parser.lalrpop`), which is the order VRL lists them in
 * "expected one of: …". Our expected sets are hand-picked per context, so they approximate LALRPOP's.
 */
const TERMINAL_ORDER = [
  'identifier', 'path field', 'string literal', 'raw string literal', 'integer literal', 'float literal',
  'regex literal', 'timestamp literal', 'function call', 'invalid token', 'reserved identifier',
  'path literal', 'if', 'else', 'null', 'true', 'false', 'abort', 'return', ';', '\\n', '=', '|=', ',', '_',
  ':', '.', '&', '!', '->', '%', '+', '*', '-', '/', '<', '<=', '>', '>=', '==', '!=', '|', '&&', '||', '??',
  '[', '{', '(', ']', '}', ')',
]; // prettier-ignore

export function expectedList(names: readonly string[]): string {
  const rank = (name: string) => {
    const i = TERMINAL_ORDER.indexOf(name);
    return i < 0 ? TERMINAL_ORDER.length : i;
  };
  return [...new Set(names)]
    .sort((a, b) => rank(a) - rank(b))
    .map((name) => `"${name}"`)
    .join(', ');
}

export const EXPECTED = {
  term: [
    'identifier', 'string literal', 'raw string literal', 'integer literal', 'float literal', 'regex literal',
    'timestamp literal', 'function call', 'path literal', 'null', 'true', 'false', '!', '[', '{', '(',
  ],
  statement: ['if', 'abort', 'return', '_'],
  field: ['identifier', 'path field', 'string literal', 'abort', 'return'],
  end: [';', '\\n'],
} as const; // prettier-ignore

/**
 * E203 (or E204 at end of input, E205 for a reserved word) at the token `token`. A character that starts
 * no token is also E203 (`unexpected syntax token: "InvalidToken"`), as in VRL, whose lexer passes it on.
 */
export function unexpected(
  token: SpannedToken | undefined,
  eof: number,
  expected: readonly string[],
): Diagnostic {
  if (!token) {
    const span = { start: eof, end: eof };
    return errorDiagnostic(ParserCode.UnrecognizedEof, 'syntax error', [
      primary('unexpected end of program', span),
      context(`expected one of: ${expectedList(expected)}`, span),
    ]);
  }
  if (token.token.kind === 'ReservedIdentifier') return reservedKeyword(token.span);
  return errorDiagnostic(ParserCode.UnrecognizedToken, 'syntax error', [
    primary(`unexpected syntax token: "${token.token.kind}"`, token.span),
    context(`expected one of: ${expectedList(expected)}`, token.span),
  ]);
}

/** E203 at the synthetic `LQuery` token VRL's lexer emits where a query chain starts (at `start`). */
export function unexpectedQuery(start: number, expected: readonly string[]): Diagnostic {
  const span = { start, end: start + 1 };
  return errorDiagnostic(ParserCode.UnrecognizedToken, 'syntax error', [
    primary('unexpected syntax token: "LQuery"', span),
    context(`expected one of: ${expectedList(expected)}`, span),
  ]);
}

export function endOfQueryPath(span: Span): Diagnostic {
  return errorDiagnostic(ParserCode.UnrecognizedToken, 'syntax error', [
    primary('unexpected end of query path', span),
    context(`expected one of: ${expectedList(EXPECTED.field)}`, span),
  ]);
}

export function reservedKeyword(span: Span): Diagnostic {
  return errorDiagnostic(ParserCode.ReservedKeyword, 'reserved keyword', [
    primary('this identifier name is reserved for future use in the language', span),
    context('use a different name instead', span),
  ]);
}
