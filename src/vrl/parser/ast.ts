/**
 * The VRL syntax tree, shaped after upstream `src/parser/ast.rs`: every node is wrapped as
 * `Node<T> = { span, node }`, spans being UTF-16 offsets into the source.
 *
 * Desugarings done by the parser, as upstream does:
 * - `else if` becomes an `else` block holding a single nested `if`;
 * - a string literal is a list of segments, `{{ name }}` template parts included
 *   (the compiler turns them into concatenation).
 */
import type { Span } from '../diagnostics/span.js';

export interface Node<T> {
  span: Span;
  node: T;
}

export interface Program {
  expressions: Node<Expr>[];
}

export type Expr =
  | { kind: 'literal'; literal: Literal }
  | { kind: 'group'; expr: Node<Expr> }
  | { kind: 'block'; block: Block }
  | { kind: 'array'; elements: Node<Expr>[] }
  | { kind: 'object'; entries: ObjectEntry[] }
  | { kind: 'if'; statement: IfStatement }
  | { kind: 'op'; lhs: Node<Expr>; opcode: Node<Opcode>; rhs: Node<Expr> }
  | { kind: 'assignment'; assignment: Assignment }
  | { kind: 'query'; query: Query }
  | { kind: 'functionCall'; call: FunctionCall }
  | { kind: 'variable'; name: string }
  | { kind: 'not'; bang: Span; expr: Node<Expr> }
  | { kind: 'abort'; message?: Node<Expr> }
  | { kind: 'return'; expr: Node<Expr> };

export type ExprKind = Expr['kind'];

export type Literal =
  | { kind: 'string'; segments: StringSegment[] }
  /** `s'…'`, verbatim. */
  | { kind: 'rawString'; value: string }
  /** Exact signed 64-bit value. */
  | { kind: 'integer'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** `r'…'`: the pattern (flags go inline, e.g. `(?i)`). */
  | { kind: 'regex'; pattern: string }
  /** `t'…'`: the unparsed timestamp text (validated by the compiler, E601). */
  | { kind: 'timestamp'; value: string };

/** A literal run (escapes applied) or a `{{ name }}` template part (trimmed name). */
export type StringSegment =
  { kind: 'literal'; value: string; span: Span } | { kind: 'template'; name: string; span: Span };

export interface Block {
  expressions: Node<Expr>[];
}

/** Keys are string literals with escapes applied; entries stay in source order, duplicates included. */
export interface ObjectEntry {
  key: Node<string>;
  value: Node<Expr>;
}

export interface IfStatement {
  predicate: Node<Predicate>;
  consequent: Node<Block>;
  alternative?: Node<Block>;
}

/** `if expr {…}`, or `if (a; b; c) {…}` where the last expression decides. */
export type Predicate = { kind: 'one'; expr: Node<Expr> } | { kind: 'many'; exprs: Node<Expr>[] };

/** Binary operators, from loosest to tightest: `??`; `||` `&&`; `==` `!=`; `<` `<=` `>` `>=`; `|`; `+` `-`; `*` `/`. */
export type Opcode = '??' | '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '|' | '+' | '-' | '*' | '/';

/** `target = expr`, `target |= expr`, or the error-capturing `ok, err = expr` (then `err` is set). */
export interface Assignment {
  op: '=' | '|=';
  target: Node<AssignmentTarget>;
  err?: Node<AssignmentTarget>;
  expr: Node<Expr>;
}

export type AssignmentTarget =
  { kind: 'noop' } | { kind: 'variable'; name: string } | { kind: 'query'; query: Query };

export interface Query {
  target: Node<QueryTarget>;
  /** Empty for the root paths `.` and `%`. */
  path: Node<PathSegment>[];
}

export type QueryTarget =
  | { kind: 'event' }
  | { kind: 'metadata' }
  | { kind: 'variable'; name: string }
  | { kind: 'functionCall'; call: FunctionCall }
  /** A group, block, array or object expression. */
  | { kind: 'container'; expr: Expr };

/** `.name` / `."quoted name"` (quoted: true) or `[index]` (negative counts from the end). */
export type PathSegment = { kind: 'field'; name: string; quoted: boolean } | { kind: 'index'; index: number };

export interface FunctionCall {
  ident: Node<string>;
  /** The `name!(…)` form: abort the program if the call fails. */
  abortOnError: boolean;
  arguments: Node<FunctionArgument>[];
  closure?: Node<Closure>;
}

export interface FunctionArgument {
  /** Set for named arguments, `name: expr`. */
  name?: Node<string>;
  expr: Node<Expr>;
}

/** `-> |a, b| { … }`; an `_` parameter has the name `''`. */
export interface Closure {
  variables: Node<string>[];
  block: Node<Block>;
}
