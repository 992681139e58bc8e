export { LexError } from './errors.js';
export { identToken, isIdentContinue, isIdentStart, isOperatorChar, lex, unescapeString } from './lexer.js';
export { KEYWORDS, RESERVED_IDENTIFIERS } from './token.js';
export type { Keyword, PunctKind, SpannedToken, Token, TokenKind } from './token.js';
