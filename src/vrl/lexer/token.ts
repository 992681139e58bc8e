import type { Span } from '../diagnostics/span.js';

/** Keywords that are tokens of their own. */
export const KEYWORDS = ['if', 'else', 'null', 'true', 'false', 'abort', 'return'] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** Identifiers reserved for future use (VRL `lex.rs`); using one as a name is error E205. */
export const RESERVED_IDENTIFIERS: ReadonlySet<string> = new Set([
  'array', 'bool', 'boolean', 'break', 'continue', 'do', 'emit', 'float', 'for', 'forall', 'foreach',
  'all', 'each', 'any', 'try', 'undefined', 'int', 'integer', 'iter', 'object', 'regex', 'string',
  'traverse', 'timestamp', 'duration', 'unless', 'walk', 'while', 'loop',
]); // prettier-ignore

/** Tokens without a payload. Names follow VRL's token names, which appear in syntax error messages. */
export type PunctKind =
  | 'If'
  | 'Else'
  | 'Null'
  | 'True'
  | 'False'
  | 'Abort'
  | 'Return'
  | 'Colon'
  | 'Comma'
  | 'Dot'
  | 'LBrace'
  | 'LBracket'
  | 'LParen'
  | 'Newline'
  | 'RBrace'
  | 'RBracket'
  | 'RParen'
  | 'SemiColon'
  | 'Underscore'
  | 'Escape'
  | 'Arrow'
  | 'Ampersand'
  | 'Percent'
  | 'Equals'
  | 'MergeEquals'
  | 'Bang'
  | 'Question';

export type Token =
  | { kind: PunctKind }
  /** A name: variable, path field or named-argument keyword. */
  | { kind: 'Identifier'; value: string }
  /** A name containing `@` (only valid as a path field, e.g. `.@timestamp`). */
  | { kind: 'PathField'; value: string }
  /** A name directly followed by `(` or `!`. */
  | { kind: 'FunctionCall'; value: string }
  | { kind: 'ReservedIdentifier'; value: string }
  /** A run of operator characters (`+`, `==`, `??`, `||`, `|` …); unknown runs such as `??=` fail in the parser. */
  | { kind: 'Operator'; value: string }
  /** The text between the quotes, escapes validated but not applied (templates are split by the parser). */
  | { kind: 'StringLiteral'; value: string }
  /** `s'…'`: the text between the quotes, verbatim. */
  | { kind: 'RawStringLiteral'; value: string }
  /** `r'…'`: the pattern with `\'` unescaped to `'`. */
  | { kind: 'RegexLiteral'; value: string }
  /** `t'…'`: the text with `\'` unescaped to `'`. */
  | { kind: 'TimestampLiteral'; value: string }
  /** A 64-bit signed integer, kept exact as a bigint. `-` directly before digits is part of the literal. */
  | { kind: 'IntegerLiteral'; value: bigint }
  | { kind: 'FloatLiteral'; value: number }
  | { kind: 'InvalidToken'; value: string };

export type TokenKind = Token['kind'];

export interface SpannedToken {
  token: Token;
  span: Span;
}
