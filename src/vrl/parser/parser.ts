/**
 * Recursive-descent VRL parser following upstream `parser.lalrpop` (see `ast.ts` for the tree).
 *
 * Grammar summary (`\n*` = optional newlines):
 *   program    = \n* (expr (\n+ | ; \n*))* expr?
 *   expr       = if | abort expr? | return expr | assignment | arith
 *   assignment = target (, target)? (= | |=) \n* expr          target = _ | query | identifier
 *   arith      = binary operators, loosest first: ?? · || && · == != · < <= > >= · | · + - · * /
 *                (all left-associative, `\n*` allowed after the operator), then `!`* term
 *   term       = literal | ( assignment ) | { block } | { object } | [ array ] | call | identifier | query
 *   query      = (. | %) segments? | (identifier | call | container) segments     (tokens must touch)
 *   segments   = .field | ."quoted" | [integer], repeated
 *   call       = name !? ( \n* args ) (-> |params| \n* block)?        arg = (name :)? arith
 *   if         = if predicate \n* block (else \n* if …)* (else \n* block)?
 *   predicate  = arith | ( \n* (assignment (; | \n)+)+ assignment? )
 *
 * Error recovery, as LALRPOP does it for VRL's `RootExpr: !`: a syntax error abandons the current root
 * expression, records its diagnostic, drops tokens up to the next newline or `;` (inside brackets too) and
 * resumes there, so one `parse` reports several errors. A token that is no grammar terminal (`+*`, `?`, `\`)
 * ends the parse with its error alone.
 */
import type { Span } from '../diagnostics/span.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpannedToken, Token, TokenKind } from '../lexer/token.js';
import { unescapeString } from '../lexer/lexer.js';
import type * as Ast from './ast.js';
import { EXPECTED, SyntaxFailure, endOfQueryPath, unexpected, unexpectedQuery } from './errors.js';
import { splitTemplate } from './template.js';

type N<T> = Ast.Node<T>;

const LEVELS: readonly (readonly Ast.Opcode[])[] = [
  ['??'],
  ['||', '&&'],
  ['==', '!='],
  ['>=', '>', '<=', '<'],
  ['|'],
  ['+', '-'],
  ['*', '/'],
];
const ALL_OPERATORS: string[] = LEVELS.flat();

const OPEN: ReadonlySet<TokenKind> = new Set(['LParen', 'LBracket', 'LBrace']);
const CLOSE: ReadonlySet<TokenKind> = new Set(['RParen', 'RBracket', 'RBrace']);
const ANY_IDENT: ReadonlySet<TokenKind> = new Set([
  'Identifier', 'ReservedIdentifier', 'If', 'Else', 'Null', 'True', 'False', 'Abort', 'Return',
]); // prettier-ignore
/** Keywords that VRL's lexer takes as the start of a query chain when a `.` or `[` touches them. */
const CHAIN_KEYWORDS: ReadonlySet<TokenKind> = new Set([
  'If',
  'Else',
  'Null',
  'True',
  'False',
  'Abort',
  'Return',
]);
/** Tokens whose first character may start a query chain (`is_query_start`). */
const QUERY_START: ReadonlySet<TokenKind> = new Set([
  ...CHAIN_KEYWORDS, 'Identifier', 'PathField', 'FunctionCall', 'ReservedIdentifier', 'Underscore', 'LBrace', 'LBracket',
]); // prettier-ignore
/** What may follow `LQuery`. */
const QUERY_TARGET = ['identifier', 'function call', 'path literal', '.', '%', '[', '{', '('];
/** Words that may name a function argument but cannot start an expression there. */
const NAME_ONLY: ReadonlySet<TokenKind> = new Set(['ReservedIdentifier', 'If', 'Else', 'Abort', 'Return']);
/** Tokens after which a newline continues the expression instead of separating statements. */
const CONTINUES: ReadonlySet<TokenKind> = new Set(['Operator', 'Equals', 'MergeEquals', 'LParen']);
const FIELD: ReadonlySet<TokenKind> = new Set([...ANY_IDENT, 'PathField', 'StringLiteral']);
/** Operators that are grammar terminals; any other operator token (`+*`, `??=`) ends VRL's parse. */
const TERMINAL_OPERATORS: ReadonlySet<string> = new Set(ALL_OPERATORS);

/** Is the token one of the grammar's terminals? `?`, `\\` and a `!` at the very end never are. */
function isTerminal(token: Token): boolean {
  if (token.kind === 'Question' || token.kind === 'Escape') return false;
  return token.kind !== 'Operator' || TERMINAL_OPERATORS.has(token.value);
}

const EXPR_START: ReadonlySet<TokenKind> = new Set([
  'Identifier', 'PathField', 'FunctionCall', 'ReservedIdentifier', 'StringLiteral', 'RawStringLiteral',
  'IntegerLiteral', 'FloatLiteral', 'RegexLiteral', 'TimestampLiteral', 'True', 'False', 'Null', 'Dot',
  'Percent', 'LParen', 'LBracket', 'LBrace', 'Bang', 'If', 'Abort', 'Return', 'Underscore',
]); // prettier-ignore

export class Parser {
  private i = 0;
  private lastEnd = 0;
  readonly diagnostics: Diagnostic[] = [];
  /** Set when a token that is no grammar terminal ended the parse (its error is then the only one). */
  fatal = false;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly SpannedToken[],
  ) {}

  // ---------------------------------------------------------------- program

  program(): Ast.Program {
    const expressions: N<Ast.Expr>[] = [];
    this.skipNewlines();
    while (this.peek()) {
      const rootStart = this.i;
      try {
        expressions.push(this.expr());
        if (this.peek()) this.endOfExpression(EXPECTED.end);
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        const token = this.peek();
        if (token && !isTerminal(token.token)) {
          // LALRPOP stops at a token that is no grammar terminal: that error alone is the result.
          this.diagnostics.length = 0;
          this.diagnostics.push(error.diagnostic);
          this.fatal = true;
          return { expressions: [] };
        }
        this.diagnostics.push(
          this.i === rootStart ? this.rootStartFailure(error.diagnostic) : error.diagnostic,
        );
        const stray = this.recover();
        if (stray) {
          this.diagnostics.length = 0;
          this.diagnostics.push(unexpected(stray, this.source.length, error.expected));
          this.fatal = true;
          return { expressions: [] };
        }
      }
    }
    return { expressions };
  }

  /** At the start of a root expression VRL also expects more newlines. */
  private rootStartFailure(diagnostic: Diagnostic): Diagnostic {
    if (diagnostic.code !== 203) return diagnostic;
    return unexpected(this.peek(), this.source.length, [...EXPECTED.term, ...EXPECTED.statement, '\\n']);
  }

  /**
   * LALRPOP's error recovery (VRL's root expressions may be `!`): drops tokens, brackets or not, until a
   * statement separator or the end, then takes one separator (`\n`+ or `;` `\n`*). Returns a dropped token
   * that is no grammar terminal, which makes LALRPOP give up with that error.
   */
  private recover(): SpannedToken | undefined {
    while (this.peek() && !this.at('Newline') && !this.at('SemiColon')) {
      const token = this.advance();
      if (!isTerminal(token.token)) return token;
    }
    if (this.at('SemiColon')) this.advance();
    this.skipNewlines();
    return undefined;
  }

  private endOfExpression(expected: readonly string[]): void {
    if (this.at('Newline')) this.skipNewlines();
    else if (this.at('SemiColon')) {
      this.advance();
      this.skipNewlines();
    } else this.fail(expected);
  }

  // ---------------------------------------------------------------- token helpers

  private peek(offset = 0): SpannedToken | undefined {
    return this.tokens[this.i + offset];
  }

  private kind(offset = 0): TokenKind | undefined {
    return this.peek(offset)?.token.kind;
  }

  private at(kind: TokenKind): boolean {
    return this.kind() === kind;
  }

  private atOperator(value: string): boolean {
    const token = this.peek()?.token;
    return token?.kind === 'Operator' && token.value === value;
  }

  private advance(): SpannedToken {
    const token = this.tokens[this.i++]!;
    this.lastEnd = token.span.end;
    return token;
  }

  private expect(kind: TokenKind, expected: readonly string[]): SpannedToken {
    if (!this.at(kind)) this.fail(expected);
    return this.advance();
  }

  /** True if the current token starts exactly where the previous one ended (no space or comment between). */
  private touching(): boolean {
    const token = this.peek();
    return token !== undefined && this.i > 0 && this.tokens[this.i - 1]!.span.end === token.span.start;
  }

  private skipNewlines(): void {
    while (this.at('Newline')) this.advance();
  }

  private failAt(token: SpannedToken, expected: readonly string[]): never {
    throw new SyntaxFailure(unexpected(token, this.source.length, expected), expected);
  }

  private fail(expected: readonly string[]): never {
    throw new SyntaxFailure(unexpected(this.peek(), this.source.length, expected), expected);
  }

  private node<T>(start: number, node: T): N<T> {
    return { span: { start, end: this.lastEnd }, node };
  }

  private start(): number {
    return this.peek()?.span.start ?? this.source.length;
  }

  // ---------------------------------------------------------------- statements

  private expr(): N<Ast.Expr> {
    const keyword = this.peek();
    const after = this.peek(1);
    if (
      keyword &&
      CHAIN_KEYWORDS.has(keyword.token.kind) &&
      after?.span.start === keyword.span.end &&
      (after.token.kind === 'Dot' || after.token.kind === 'LBracket')
    ) {
      this.failAt(keyword, QUERY_TARGET);
    }
    switch (this.kind()) {
      case 'If':
        return this.ifStatement();
      case 'Abort': {
        const start = this.advance().span.start;
        const message = this.peek() && EXPR_START.has(this.kind()!) ? this.expr() : undefined;
        return this.node(start, message ? { kind: 'abort', message } : { kind: 'abort' });
      }
      case 'Return': {
        const start = this.advance().span.start;
        return this.node(start, { kind: 'return', expr: this.expr() });
      }
      default:
        return this.assignmentExpr();
    }
  }

  private assignmentExpr(): N<Ast.Expr> {
    const start = this.start();
    if (this.at('Underscore')) {
      this.advance();
      return this.assignment(start, this.node<Ast.AssignmentTarget>(start, { kind: 'noop' }));
    }
    const expr = this.arithmetic([...EXPECTED.term, ...EXPECTED.statement]);
    if (this.at('Equals') || this.at('MergeEquals') || this.at('Comma')) {
      const target = toTarget(expr.node);
      if (!target) this.fail([...ALL_OPERATORS, ...EXPECTED.end]);
      return this.assignment(start, { span: expr.span, node: target });
    }
    return expr;
  }

  private assignment(start: number, target: N<Ast.AssignmentTarget>): N<Ast.Expr> {
    let err: N<Ast.AssignmentTarget> | undefined;
    if (this.at('Comma')) {
      this.advance();
      err = this.target();
    }
    const op = this.at('Equals')
      ? '='
      : this.at('MergeEquals')
        ? '|='
        : this.fail(err ? ['=', '|='] : [',', '=', '|=']);
    this.advance();
    this.skipNewlines();
    const expr = this.expr();
    const assignment: Ast.Assignment = err ? { op, target, err, expr } : { op, target, expr };
    return this.node(start, { kind: 'assignment', assignment });
  }

  private target(): N<Ast.AssignmentTarget> {
    const start = this.start();
    if (this.at('Underscore')) {
      this.advance();
      return this.node(start, { kind: 'noop' });
    }
    const kind = this.kind();
    if (
      kind !== 'Identifier' &&
      kind !== 'Dot' &&
      kind !== 'Percent' &&
      kind !== 'FunctionCall' &&
      !OPEN.has(kind!)
    ) {
      this.fail(['identifier', 'path literal', '_']);
    }
    const expr = this.postfix();
    const target = toTarget(expr.node);
    if (!target) this.fail(['.', '[']);
    return { span: expr.span, node: target };
  }

  private ifStatement(): N<Ast.Expr> {
    const start = this.advance().span.start;
    const predicate = this.predicate();
    this.skipNewlines();
    const consequent = this.block();
    let alternative: N<Ast.Block> | undefined;
    if (this.at('Else')) {
      const elseStart = this.advance().span.start;
      this.skipNewlines();
      if (this.at('If')) {
        const nested = this.ifStatement();
        alternative = this.node(elseStart, { expressions: [nested] });
      } else alternative = this.block();
    }
    const statement: Ast.IfStatement = alternative
      ? { predicate, consequent, alternative }
      : { predicate, consequent };
    return this.node(start, { kind: 'if', statement });
  }

  private predicate(): N<Ast.Predicate> {
    const start = this.start();
    // After `if (` a newline can only open the many-expression form, as in VRL's LR grammar.
    if (!this.at('LParen') || (this.kind(1) !== 'Newline' && !this.groupHasSeparator())) {
      const expr = this.arithmetic(EXPECTED.term);
      return { span: expr.span, node: { kind: 'one', expr } };
    }
    this.advance();
    this.skipNewlines();
    const exprs: N<Ast.Expr>[] = [];
    let separated = false;
    while (!this.at('RParen') || !separated) {
      exprs.push(this.assignmentExpr());
      if (this.at('SemiColon') || this.at('Newline')) {
        while (this.at('SemiColon') || this.at('Newline')) this.advance();
        separated = true;
      } else if (!this.at('RParen') || !separated) this.fail(EXPECTED.end);
    }
    this.advance();
    return this.node(start, { kind: 'many', exprs });
  }

  /**
   * For `if (…)`: does the parenthesis hold a `;` or a statement-ending newline at its own level (the
   * many-expression form)? A newline after an operator, `=` or a nested `(` does not count.
   */
  private groupHasSeparator(): boolean {
    let depth = 0;
    for (let j = this.i + 1; j < this.tokens.length; j++) {
      const kind = this.tokens[j]!.token.kind;
      if (OPEN.has(kind)) depth++;
      else if (CLOSE.has(kind)) {
        if (depth === 0) return false;
        depth--;
      } else if (depth === 0 && kind === 'SemiColon') return true;
      else if (depth === 0 && kind === 'Newline' && !CONTINUES.has(this.tokens[j - 1]!.token.kind))
        return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- operators

  private arithmetic(expected: readonly string[], level = 0): N<Ast.Expr> {
    if (level === LEVELS.length) return this.not(expected);
    let lhs = this.arithmetic(expected, level + 1);
    const ops = LEVELS[level]!;
    for (;;) {
      const token = this.peek();
      if (token?.token.kind !== 'Operator' || !ops.includes(token.token.value as Ast.Opcode)) return lhs;
      this.advance();
      this.skipNewlines();
      const rhs = this.arithmetic(EXPECTED.term, level + 1);
      const opcode: N<Ast.Opcode> = { span: token.span, node: token.token.value as Ast.Opcode };
      lhs = { span: { start: lhs.span.start, end: rhs.span.end }, node: { kind: 'op', lhs, opcode, rhs } };
    }
  }

  private not(expected: readonly string[]): N<Ast.Expr> {
    if (!this.at('Bang')) return this.postfix(expected);
    const bang = this.advance().span;
    const expr = this.not(EXPECTED.term);
    return this.node(bang.start, { kind: 'not', bang, expr });
  }

  // ---------------------------------------------------------------- terms and queries

  private postfix(expected: readonly string[] = EXPECTED.term): N<Ast.Expr> {
    const start = this.start();
    const kind = this.kind();
    if (kind === 'Dot' || kind === 'Percent') {
      const target = this.advance();
      const node: Ast.QueryTarget = kind === 'Dot' ? { kind: 'event' } : { kind: 'metadata' };
      const path = this.path(true);
      return this.node(start, { kind: 'query', query: { target: { span: target.span, node }, path } });
    }
    const first = this.peek();
    const term = this.term(expected);
    if (!this.touching() || !(this.at('Dot') || this.at('LBracket'))) return term;
    // VRL's lexer opens a query (`LQuery`) where a chain starts with a name, `{` or `[`: a keyword there
    // is then no valid target; after any other term a touching `.` opens a query of its own.
    if (first && CHAIN_KEYWORDS.has(first.token.kind)) this.failAt(first, QUERY_TARGET);
    if (first && !QUERY_START.has(first.token.kind)) {
      const after = [...ALL_OPERATORS, ...EXPECTED.end];
      if (this.at('Dot')) throw new SyntaxFailure(unexpectedQuery(this.peek()!.span.start, after), after);
      this.fail(after);
    }
    const target = queryTarget(term.node);
    if (!target) return term;
    const path = this.path(false);
    return this.node(start, { kind: 'query', query: { target: { span: term.span, node: target }, path } });
  }

  /** Path segments; `external` allows a first field without a dot (`.a`, `%a`). */
  private path(external: boolean): N<Ast.PathSegment>[] {
    const segments: N<Ast.PathSegment>[] = [];
    if (external && this.touching() && FIELD.has(this.kind()!)) segments.push(this.field());
    while (this.touching()) {
      if (this.at('LBracket')) segments.push(this.index());
      else if (this.at('Dot')) {
        const dot = this.advance();
        if (!this.touching() || !FIELD.has(this.kind()!)) {
          if (this.touching() && !this.at('Operator') && !this.at('Newline')) this.fail(EXPECTED.field);
          throw new SyntaxFailure(endOfQueryPath(dot.span));
        }
        const field = this.field();
        segments.push({ span: { start: dot.span.start, end: field.span.end }, node: field.node });
      } else break;
    }
    return segments;
  }

  /** Does a `]` close the bracket just consumed? */
  private closedLater(): boolean {
    let depth = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const kind = this.tokens[j]!.token.kind;
      if (kind === 'LBracket') depth++;
      else if (kind === 'RBracket' && depth-- === 0) return true;
    }
    return false;
  }

  private field(): N<Ast.PathSegment> {
    const { token, span } = this.advance();
    if (token.kind === 'StringLiteral')
      return { span, node: { kind: 'field', name: unescapeString(token.value), quoted: true } };
    return { span, node: { kind: 'field', name: tokenText(token, this.source, span), quoted: false } };
  }

  private index(): N<Ast.PathSegment> {
    const open = this.advance().span;
    const start = open.start;
    // When the `[` is never closed, VRL's lexer ends the query (`RQuery`) at the character after it (`at`),
    // emitted at the end of input or as soon as a token would start at `at + 1`.
    const unclosed = !this.closedLater();
    const at = open.end < this.source.length ? open.end : open.start;
    const endOfQuery = () => new SyntaxFailure(endOfQueryPath({ start: at, end: at + 1 }));
    const rqueryNow = () => unclosed && (!this.peek() || this.lastEnd === at + 1);
    if (unclosed && (!this.peek() || (this.peek()!.span.start > at && this.source[at] !== '\n')))
      throw endOfQuery();
    const token = this.expect('IntegerLiteral', ['integer literal']).token;
    if (rqueryNow()) throw endOfQuery();
    this.expect('RBracket', [']']);
    return this.node(start, {
      kind: 'index',
      index: Number(token.kind === 'IntegerLiteral' ? token.value : 0),
    });
  }

  private term(expected: readonly string[]): N<Ast.Expr> {
    const start = this.start();
    const token = this.peek()?.token;
    const literal = token && literalOf(token, start);
    if (literal) {
      this.advance();
      return this.node(start, { kind: 'literal', literal });
    }
    switch (token?.kind) {
      case 'LParen': {
        this.advance();
        const expr = this.assignmentExpr();
        this.expect('RParen', [')', ...ALL_OPERATORS]);
        return this.node(start, { kind: 'group', expr });
      }
      case 'LBracket':
        return this.array();
      case 'LBrace':
        return this.isObject()
          ? this.object()
          : this.node(start, { kind: 'block', block: this.block().node });
      case 'FunctionCall':
        return this.node(start, { kind: 'functionCall', call: this.call() });
      case 'Identifier':
        this.advance();
        return this.node(start, { kind: 'variable', name: token.value });
      default:
        return this.fail(expected);
    }
  }

  private isObject(): boolean {
    let j = this.i + 1;
    while (this.tokens[j]?.token.kind === 'Newline') j++;
    const kind = this.tokens[j]?.token.kind;
    return kind === 'RBrace' || (kind === 'StringLiteral' && this.tokens[j + 1]?.token.kind === 'Colon');
  }

  private block(): N<Ast.Block> {
    const start = this.expect('LBrace', ['{']).span.start;
    this.skipNewlines();
    const expressions: N<Ast.Expr>[] = [];
    for (;;) {
      expressions.push(this.expr());
      if (this.at('RBrace')) break;
      this.endOfExpression([...EXPECTED.end, '}']);
      if (this.at('RBrace')) break;
    }
    this.advance();
    return this.node(start, { expressions });
  }

  private object(): N<Ast.Expr> {
    const start = this.advance().span.start;
    this.skipNewlines();
    const entries = this.at('RBrace')
      ? []
      : this.commaMultiline('RBrace', () => {
          const key = this.expect('StringLiteral', ['string literal']);
          this.expect('Colon', [':']);
          const name = key.token.kind === 'StringLiteral' ? unescapeString(key.token.value) : '';
          return { key: { span: key.span, node: name }, value: this.arithmetic(EXPECTED.term) };
        });
    this.expect('RBrace', [',', '}']);
    return this.node(start, { kind: 'object', entries });
  }

  private array(): N<Ast.Expr> {
    const start = this.advance().span.start;
    this.skipNewlines();
    const elements = this.at('RBracket')
      ? []
      : this.commaMultiline('RBracket', () => this.arithmetic(EXPECTED.term));
    this.expect('RBracket', [',', ']']);
    return this.node(start, { kind: 'array', elements });
  }

  /** `item (, \n* item)* ,? \n*`, stopping before `close`. */
  private commaMultiline<T>(close: TokenKind, item: () => T): T[] {
    const items: T[] = [];
    for (;;) {
      items.push(item());
      if (!this.at('Comma')) break;
      this.advance();
      this.skipNewlines();
      if (this.at(close)) return items;
    }
    this.skipNewlines();
    return items;
  }

  private call(): Ast.FunctionCall {
    const name = this.advance();
    const ident: N<string> = {
      span: name.span,
      node: name.token.kind === 'FunctionCall' ? name.token.value : '',
    };
    const abortOnError = this.at('Bang');
    if (abortOnError) this.advance();
    this.expect('LParen', ['(']);
    this.skipNewlines();
    const args = this.at('RParen') ? [] : this.commaMultiline('RParen', () => this.argument());
    this.expect('RParen', [',', ')']);
    const call: Ast.FunctionCall = { ident, abortOnError, arguments: args };
    if (this.at('Arrow')) call.closure = this.closure();
    return call;
  }

  private argument(): N<Ast.FunctionArgument> {
    const start = this.start();
    let name: N<string> | undefined;
    // A keyword or reserved word cannot start a value, so here it can only name the argument (`if: …`).
    const onlyName = NAME_ONLY.has(this.kind()!);
    if (onlyName || (ANY_IDENT.has(this.kind()!) && this.kind(1) === 'Colon')) {
      const token = this.advance();
      name = { span: token.span, node: tokenText(token.token, this.source, token.span) };
      this.expect('Colon', [':']);
    }
    const expr = this.arithmetic(EXPECTED.term);
    return this.node(start, name ? { name, expr } : { expr });
  }

  private closure(): N<Ast.Closure> {
    const start = this.advance().span.start;
    const variables: N<string>[] = [];
    if (this.atOperator('||')) this.advance();
    else {
      if (!this.atOperator('|')) this.fail(['|', '||']);
      this.advance();
      if (!this.atOperator('|')) {
        variables.push(
          ...this.commaMultiline('Operator', () => {
            const token =
              this.at('Identifier') || this.at('Underscore')
                ? this.advance()
                : this.fail(['identifier', '_']);
            return { span: token.span, node: token.token.kind === 'Identifier' ? token.token.value : '' };
          }),
        );
      }
      if (!this.atOperator('|')) this.fail([',', '|']);
      this.advance();
    }
    this.skipNewlines();
    const block = this.block();
    return this.node(start, { variables, block });
  }
}

function literalOf(token: Token, start: number): Ast.Literal | undefined {
  switch (token.kind) {
    case 'StringLiteral':
      return { kind: 'string', segments: splitTemplate(token.value, start + 1) };
    case 'RawStringLiteral':
      return { kind: 'rawString', value: token.value };
    case 'IntegerLiteral':
      return { kind: 'integer', value: token.value };
    case 'FloatLiteral':
      return { kind: 'float', value: token.value };
    case 'True':
    case 'False':
      return { kind: 'boolean', value: token.kind === 'True' };
    case 'Null':
      return { kind: 'null' };
    case 'RegexLiteral':
      return { kind: 'regex', pattern: token.value };
    case 'TimestampLiteral':
      return { kind: 'timestamp', value: token.value };
    default:
      return undefined;
  }
}

function tokenText(token: Token, source: string, span: Span): string {
  return 'value' in token && typeof token.value === 'string'
    ? token.value
    : source.slice(span.start, span.end);
}

function toTarget(expr: Ast.Expr): Ast.AssignmentTarget | undefined {
  if (expr.kind === 'variable') return { kind: 'variable', name: expr.name };
  if (expr.kind === 'query') return { kind: 'query', query: expr.query };
  return undefined;
}

function queryTarget(expr: Ast.Expr): Ast.QueryTarget | undefined {
  switch (expr.kind) {
    case 'variable':
      return { kind: 'variable', name: expr.name };
    case 'functionCall':
      return { kind: 'functionCall', call: expr.call };
    case 'group':
    case 'block':
    case 'array':
    case 'object':
      return { kind: 'container', expr };
    default:
      return undefined;
  }
}
