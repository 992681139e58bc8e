import { ParserCode } from '../diagnostics/codes.js';
import { errorDiagnostic, primary, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpannedToken } from './token.js';

/** A lexing failure. VRL stops at the first lexer error, so this carries exactly one diagnostic. */
export class LexError extends Error {
  /** Tokens lexed before the error. */
  tokens: readonly SpannedToken[] = [];
  /** Offset of the token whose request raises the error in VRL's lazy lexer (tokens before it come first). */
  requestedAt = 0;

  constructor(readonly diagnostic: Diagnostic) {
    super(`${diagnostic.message} at ${diagnostic.labels[0]?.span.start ?? 0}`);
    this.name = 'LexError';
  }

  attach(tokens: readonly SpannedToken[], requestedAt: number): void {
    this.tokens = tokens.filter((t) => t.span.start < requestedAt);
    this.requestedAt = requestedAt;
  }
}

export function unterminatedString(start: number): LexError {
  const label = primary('invalid string literal', { start, end: start + 1 });
  return new LexError(errorDiagnostic(ParserCode.StringLiteral, 'invalid string literal', [label]));
}

export function unterminatedLiteral(start: number): LexError {
  const label = primary('invalid literal', { start, end: start + 1 });
  return new LexError(errorDiagnostic(ParserCode.Literal, 'invalid literal', [label]));
}

/**
 * `ch` is the character after the backslash, or undefined at end of input; VRL's message then shows
 * `char::default()`, a NUL.
 */
export function invalidEscape(start: number, ch: string | undefined): LexError {
  const label = primary(`invalid escape character: ${ch ?? 'none'}`, { start, end: start + 1 });
  return new LexError(
    errorDiagnostic(ParserCode.EscapeChar, `invalid escape character: \\${ch ?? '\0'}`, [label]),
  );
}

export function invalidUnicodeEscape(start: number, end: number): LexError {
  const label = primary('invalid unicode escape sequence', { start, end });
  return new LexError(errorDiagnostic(ParserCode.UnicodeEscape, 'invalid unicode escape sequence', [label]));
}

export function invalidNumber(start: number, end: number, error: string): LexError {
  const label = primary(`invalid numeric literal: ${error}`, { start, end });
  return new LexError(errorDiagnostic(ParserCode.NumericLiteral, 'invalid numeric literal', [label]));
}

/** E210, raised where VRL's query look-ahead runs out of input inside brackets; VRL gives it no real span. */
export function unexpectedParse(message: string): LexError {
  const label = primary(message, { start: 0, end: 0 });
  return new LexError(errorDiagnostic(ParserCode.UnexpectedParse, 'unexpected parse error', [label]));
}
