import { LexError } from '../lexer/errors.js';
import { lex } from '../lexer/lexer.js';
import type { Program } from './ast.js';
import { ParseError } from './errors.js';
import { Parser } from './parser.js';

/**
 * Parses a VRL program. Throws `ParseError` with every syntax diagnostic found (parsing resumes at the
 * next statement after an error); a lexer error (bad literal or escape) stops at once, as in VRL.
 */
export function parse(source: string): Program {
  let tokens;
  try {
    tokens = lex(source);
  } catch (error) {
    if (!(error instanceof LexError)) throw error;
    // VRL lexes lazily: a token that ends its parse (one that is no grammar terminal) before the bad
    // literal is reached is the error instead.
    const before = new Parser(source, error.tokens);
    before.program();
    throw new ParseError(before.fatal ? before.diagnostics : [error.diagnostic]);
  }
  const parser = new Parser(source, tokens);
  const program = parser.program();
  if (parser.diagnostics.length > 0) throw new ParseError(parser.diagnostics);
  return program;
}

export { ParseError } from './errors.js';
export { splitTemplate } from './template.js';
export { toSExpr } from './sexpr.js';
export type {
  Assignment,
  AssignmentTarget,
  Block,
  Closure,
  Expr,
  ExprKind,
  FunctionArgument,
  FunctionCall,
  IfStatement,
  Literal,
  Node,
  ObjectEntry,
  Opcode,
  PathSegment,
  Predicate,
  Program,
  Query,
  QueryTarget,
  StringSegment,
} from './ast.js';
