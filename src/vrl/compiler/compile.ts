/**
 * One pass over the AST that type-checks (kinds, fallibility) and emits JavaScript.
 *
 * Every expression compiles to statements appended to the current output plus a JavaScript expression
 * (usually a temporary) holding its value; see README.md.
 */
import { Notes, type Diagnostic, type Span } from '../diagnostics/index.js';
import type {
  Assignment,
  AssignmentTarget,
  Block,
  Expr,
  FunctionCall,
  IfStatement,
  Literal,
  Node,
  Opcode,
  Query,
} from '../parser/index.js';
import { compileRustRegex } from '../regex/index.js';
import {
  FunctionCompileError,
  type ArgumentInfo,
  type CompileContext,
  type FunctionDef,
} from '../stdlib/function.js';
import { parseRfc3339 } from '../time/index.js';
import { K, Kind, insertKind, kindAtPath, mergeObjectKinds, storedKind } from '../types/index.js';
import { VrlRegex, VrlTimestamp, setField, type Value, type ValueObject } from '../value/index.js';
import { BUILTINS, type Builtin } from './builtins.js';
import * as D from './diagnostics.js';
import { segValue, varName } from './names.js';
import { NEVER, copyState, isNever, unionState, type TypeState } from './state.js';

export interface Compiled {
  /** JavaScript expression for the value (valid after the emitted statements ran). */
  code: string;
  kind: Kind;
  fallible: boolean;
  constant?: { value: Value };
  /** A newly built value (literal, array, object, arithmetic): no need to copy on assignment. */
  fresh?: boolean;
}

class Abandon extends Error {}

const COMPARISONS = new Set<Opcode>(['==', '!=', '<', '<=', '>', '>=']);
const CONTAINER = K.ARRAY | K.OBJECT;

export class Compiler {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * The unhandled-fallibility slot of the VRL the oracle embeds (one per root expression): the first
   * fallible expression of a chain sets it, an operator's right side wins over its left, a call's
   * argument-type error overwrites it; `??`, `ok, err =` and infallible results clear it.
   */
  private slot: Diagnostic | undefined;
  /** The VRL 0.24 dialect (see README.md, "compat 0.24"). */
  get compat024(): boolean {
    return this.ctx.compat === '0.24';
  }
  /** Constants the generated code refers to as `c[i]`. */
  readonly constants: unknown[] = [];
  /** Function implementations, referred to as `f[i]`. */
  readonly impls: unknown[] = [];
  private temps = 0;
  readonly variables = new Set<string>();
  private out: string[] = [];
  private closureDepth = 0;
  /** Roots (`var:x`, `event:a`) written inside closure bodies, whose kinds after the closure are unsure. */
  private tainted = new Set<string>();
  /** Assignment targets whose right side failed to compile (see `assignment`). */
  private skipped = new Set<string>();
  /** Kinds of `return` expressions inside each closure being compiled. */
  private closureReturns: Kind[][] = [];

  constructor(
    readonly source: string,
    private readonly functions: ReadonlyMap<string, FunctionDef>,
    readonly ctx: CompileContext,
  ) {}

  // ---- code emission helpers -------------------------------------------------------------------

  tmp(): string {
    return `t${++this.temps}`;
  }
  get tempCount(): number {
    return this.temps;
  }
  emit(stmt: string): void {
    this.out.push(stmt);
  }
  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }
  impl(value: unknown): string {
    this.impls.push(value);
    return `f[${this.impls.length - 1}]`;
  }
  /** Runs `fn` collecting its statements separately; returns them with its result. */
  capture<T>(fn: () => T): [string[], T] {
    const saved = this.out;
    this.out = [];
    try {
      const result = fn();
      return [this.out, result];
    } finally {
      this.out = saved;
    }
  }
  /** Stores an expression's value in a fresh temporary (so later statements cannot change it). */
  hold(code: string): string {
    if (/^(t\d+|c\[\d+\]|null|true|false|-?\d+n?|-?\d+\.\d+)$/.test(code)) return code;
    const t = this.tmp();
    this.emit(`${t} = ${code};`);
    return t;
  }
  /** An expression as upstream prints it in messages (a call's closure is not shown). */
  exprText(node: Node<Expr>): string {
    const e = node.node;
    if (e.kind === 'functionCall') {
      if (e.call.closure) return this.source.slice(node.span.start, e.call.closure.span.start).trimEnd();
      // Arguments are printed without their keywords.
      if (e.call.arguments.some((x) => x.node.name)) return this.callText(e.call);
    }
    return this.text(node.span);
  }
  /** The whole argument (`name: expr` included) whose expression is `expr`. */
  argumentSpan(call: FunctionCall, expr: Node<Expr>): Span {
    return call.arguments.find((x) => x.node.expr === expr)?.span ?? expr.span;
  }
  /** A call as upstream prints it in notes: its arguments' expressions, without keywords. */
  callText(call: FunctionCall): string {
    const args = call.arguments.map((x) => this.text(x.node.expr.span)).join(', ');
    return `${call.ident.node}${call.abortOnError ? '!' : ''}(${args})`;
  }
  /**
   * An assignment target as upstream prints it: a variable's path without its leading dot (`x.y` is
   * `xy`), metadata with `&`.
   */
  targetText(target: Node<AssignmentTarget>): string {
    const t = target.node;
    if (t.kind !== 'query') return this.text(target.span);
    const path = t.query.path
      .map((x, j) =>
        x.node.kind === 'field'
          ? `${j > 0 ? '.' : ''}${x.node.quoted ? JSON.stringify(x.node.name) : x.node.name}`
          : `[${x.node.index}]`,
      )
      .join('');
    const qt = t.query.target.node;
    if (qt.kind === 'variable') return `${qt.name}${path}`;
    if (qt.kind === 'metadata') return `&${path}`;
    return `.${path}`;
  }

  /** UTF-8 byte offset of a UTF-16 offset (VRL's runtime messages count bytes). */
  byteOffset(offset: number): number {
    return Buffer.byteLength(this.source.slice(0, offset), 'utf8');
  }
  text(span: Span): string {
    return this.source.slice(span.start, span.end);
  }
  error(d: Diagnostic): never {
    this.diagnostics.push(d);
    throw new Abandon();
  }

  // ---- program ---------------------------------------------------------------------------------

  /** Compiles the root expressions; returns the statements and the result expression. */
  program(exprs: Node<Expr>[], state: TypeState): { body: string[]; result: string } {
    let result = 'null';
    for (const node of exprs) {
      this.slot = undefined;
      const [stmts, compiled] = this.capture(() => {
        try {
          return this.expr(node, state);
        } catch (e) {
          if (e instanceof Abandon) return undefined;
          throw e;
        }
      });
      if (compiled && this.slot) this.diagnostics.push(this.slot);
      this.slot = undefined;
      this.out.push(...stmts);
      if (compiled) {
        result = this.hold(compiled.code);
      }
    }
    return { body: this.out, result };
  }

  // ---- expressions -----------------------------------------------------------------------------

  expr(node: Node<Expr>, state: TypeState): Compiled {
    const c = this.exprInner(node, state);
    if (c.fallible && !this.slot) this.slot = D.unhandledError(node.span);
    return c;
  }

  private exprInner(node: Node<Expr>, state: TypeState): Compiled {
    const e = node.node;
    switch (e.kind) {
      case 'literal':
        return this.literal(e.literal, node.span, state);
      case 'group':
        return this.expr(e.expr, state);
      case 'block':
        return this.block(e.block, state);
      case 'array':
        return this.array(e.elements, state);
      case 'object':
        return this.object(e.entries, state);
      case 'if':
        return this.ifStatement(e.statement, state);
      case 'op':
        return this.op(e.lhs, e.opcode, e.rhs, node.span, state);
      case 'assignment':
        return this.assignment(e.assignment, node.span, state);
      case 'query':
        return this.query(e.query, node.span, state);
      case 'functionCall':
        return this.functionCall(e.call, node.span, state);
      case 'variable':
        return this.variable(e.name, node.span, state);
      case 'not':
        return this.not(e.bang, e.expr, state);
      case 'abort':
        return this.abort(e.message, node.span, state);
      case 'return':
        return this.return(e.expr, { start: node.span.start, end: node.span.start + 6 }, state);
    }
  }

  private literal(lit: Literal, span: Span, state: TypeState): Compiled {
    switch (lit.kind) {
      case 'string': {
        if (lit.segments.every((s) => s.kind === 'literal')) {
          const value = lit.segments.map((s) => (s.kind === 'literal' ? s.value : '')).join('');
          return {
            code: JSON.stringify(value),
            kind: Kind.bytes(),
            fallible: false,
            constant: { value },
            fresh: true,
          };
        }
        // A template: concatenation of its parts, `{{ name }}` being a variable read.
        if (lit.segments.length === 1 && lit.segments[0]!.kind === 'template')
          return this.variable(lit.segments[0]!.name, lit.segments[0]!.span, state);
        let acc: Compiled | undefined;
        for (const seg of lit.segments) {
          const part: Compiled =
            seg.kind === 'literal'
              ? {
                  code: JSON.stringify(seg.value),
                  kind: Kind.bytes(),
                  fallible: false,
                  constant: { value: seg.value },
                }
              : this.variable(seg.name, seg.span, state);
          if (!acc) acc = part;
          else {
            const fallible =
              acc.fallible ||
              !part.kind.isSubsetOf(K.BYTES | K.NULL) ||
              !acc.kind.isSubsetOf(K.BYTES | K.NULL);
            acc = {
              code: this.hold(`rt.add(${this.hold(acc.code)}, ${part.code})`),
              kind: Kind.bytes(),
              fallible,
              fresh: true,
            };
          }
        }
        return (
          acc ?? { code: '""', kind: Kind.bytes(), fallible: false, constant: { value: '' }, fresh: true }
        );
      }
      case 'rawString':
        return {
          code: JSON.stringify(lit.value),
          kind: Kind.bytes(),
          fallible: false,
          constant: { value: lit.value },
          fresh: true,
        };
      case 'integer':
        return {
          code: `${lit.value}n`,
          kind: Kind.integer(),
          fallible: false,
          constant: { value: lit.value },
          fresh: true,
        };
      case 'float': {
        const code = Object.is(lit.value, -0) ? '-0' : String(lit.value);
        return {
          code: `(${code})`,
          kind: Kind.float(),
          fallible: false,
          constant: { value: lit.value },
          fresh: true,
        };
      }
      case 'boolean':
        return {
          code: String(lit.value),
          kind: Kind.boolean(),
          fallible: false,
          constant: { value: lit.value },
          fresh: true,
        };
      case 'null':
        return { code: 'null', kind: Kind.null(), fallible: false, constant: { value: null }, fresh: true };
      case 'regex': {
        let value: VrlRegex;
        try {
          value = new VrlRegex(lit.pattern, compileRustRegex(lit.pattern));
        } catch (e) {
          this.error(D.invalidRegex(span, e instanceof Error ? e.message : String(e), lit.pattern));
        }
        return {
          code: this.constant(value),
          kind: Kind.regex(),
          fallible: false,
          constant: { value },
          fresh: true,
        };
      }
      case 'timestamp': {
        let value: VrlTimestamp;
        try {
          value = new VrlTimestamp(parseRfc3339(lit.value));
        } catch (e) {
          this.error(D.invalidTimestamp(span, e instanceof Error ? e.message : String(e)));
        }
        return {
          code: this.constant(value),
          kind: Kind.timestamp(),
          fallible: false,
          constant: { value },
          fresh: true,
        };
      }
    }
  }

  /** A block: its expressions in order; variables it introduces are not visible after it. */
  block(block: Block, state: TypeState): Compiled {
    const outer = new Set(state.vars.keys());
    const result = this.blockInner(block, state);
    // VRL 0.24 did not scope variables to blocks: they stay visible (null when the block did not run).
    if (this.compat024) return result;
    for (const name of [...state.vars.keys()]) {
      if (!outer.has(name)) {
        state.vars.delete(name);
        state.consts.delete(name);
      }
    }
    return result;
  }

  private blockInner(block: Block, state: TypeState): Compiled {
    let last: Compiled = { code: 'null', kind: Kind.null(), fallible: false, fresh: true };
    let fallible = false;
    for (const e of block.expressions) {
      last = this.expr(e, state);
      last = { ...last, code: this.hold(last.code) };
      fallible ||= last.fallible;
    }
    return { ...last, fallible, constant: undefined };
  }

  private array(elements: Node<Expr>[], state: TypeState): Compiled {
    const codes: string[] = [];
    const kinds: Kind[] = [];
    const consts: Value[] = [];
    let fallible = false;
    for (const el of elements) {
      const c = this.expr(el, state);
      codes.push(this.hold(this.owned(c)));
      kinds.push(storedKind(c.kind));
      if (c.constant) consts.push(c.constant.value);
      fallible ||= c.fallible;
    }
    const constant = consts.length === elements.length ? { value: consts } : undefined;
    return {
      code: this.hold(`[${codes.join(', ')}]`),
      kind: Kind.tuple(kinds),
      fallible,
      fresh: true,
      constant,
    };
  }

  private object(entries: { key: Node<string>; value: Node<Expr> }[], state: TypeState): Compiled {
    const parts: string[] = [];
    const known = new Map<string, Kind>();
    let constant: ValueObject | undefined = {};
    let fallible = false;
    for (const entry of entries) {
      const c = this.expr(entry.value, state);
      const key = entry.key.node;
      parts.push(`[${JSON.stringify(key)}]: ${this.hold(this.owned(c))}`);
      known.set(key, storedKind(c.kind));
      fallible ||= c.fallible;
      if (c.constant && constant) setField(constant, key, c.constant.value);
      else constant = undefined;
    }
    return {
      code: this.hold(`{${parts.join(', ')}}`),
      kind: Kind.object(known),
      fallible,
      fresh: true,
      constant: constant ? { value: constant } : undefined,
    };
  }

  /** Code for a value that will be stored: containers read from paths/variables are copied. */
  owned(c: Compiled): string {
    if (c.fresh || !c.kind.intersects(CONTAINER)) return c.code;
    return `rt.clone(${c.code})`;
  }

  private ifStatement(stmt: IfStatement, state: TypeState): Compiled {
    const pred = this.predicate(stmt.predicate, state);
    const result = this.tmp();
    const thenState = copyState(state);
    const [thenStmts, thenC] = this.capture(() => this.block(stmt.consequent.node, thenState));
    const elseState = copyState(state);
    const [elseStmts, elseC] = stmt.alternative
      ? this.capture(() => this.block(stmt.alternative!.node, elseState))
      : [[], { code: 'null', kind: Kind.null(), fallible: false } as Compiled];
    const merged = unionState(thenState, elseState);
    state.event = merged.event;
    state.metadata = merged.metadata;
    state.vars = merged.vars;
    this.emit(
      `if (${pred}) { ${thenStmts.join('\n')} ${result} = ${thenC.code}; } else { ${elseStmts.join('\n')} ${result} = ${elseC.code}; }`,
    );
    return {
      code: result,
      kind: unionKinds(thenC.kind, elseC.kind),
      fallible: thenC.fallible || elseC.fallible,
    };
  }

  private predicate(
    node: Node<{ kind: 'one'; expr: Node<Expr> } | { kind: 'many'; exprs: Node<Expr>[] }>,
    state: TypeState,
  ): string {
    const p = node.node;
    const exprs = p.kind === 'one' ? [p.expr] : p.exprs;
    let last: Compiled | undefined;
    for (const e of exprs) last = this.expr(e, state);
    const fallibility = this.slot;
    if (fallibility) this.error({ ...fallibility, message: 'fallible predicate' });
    const kind = last?.kind ?? Kind.null();
    if (!kind.isSubsetOf(K.BOOLEAN)) this.error(D.nonBooleanPredicate(node.span, kind));
    return this.hold(last!.code);
  }

  private op(
    lhsNode: Node<Expr>,
    opcode: Node<Opcode>,
    rhsNode: Node<Expr>,
    _span: Span,
    state: TypeState,
  ): Compiled {
    const op = opcode.node;
    const lhsE = lhsNode.node;
    if (op === '??') return this.coalesce(lhsNode, opcode.span, rhsNode, state);
    const lhs = this.expr(lhsNode, state);
    const a = this.hold(lhs.code);
    const saved = this.slot;
    this.slot = undefined;
    if (op === '||' || op === '&&') return this.logical(op, lhs, a, rhsNode, state, saved);
    const rhs = this.expr(rhsNode, state);
    if (COMPARISONS.has(op) && lhsE.kind === 'op' && COMPARISONS.has(lhsE.opcode.node)) {
      this.error(D.chainedComparison(opcode.span));
    }
    const b = rhs.code;
    const lk = lhs.kind;
    const rk = rhs.kind;
    let result: Compiled;
    const unless = (k: Kind, bits: number) => !k.isSubsetOf(bits);
    const sub = lhs.fallible || rhs.fallible;
    switch (op) {
      case '==':
      case '!=':
        result = { code: `${op === '!=' ? '!' : ''}rt.eq(${a}, ${b})`, kind: Kind.boolean(), fallible: sub };
        break;
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const name = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' }[op];
        const bothInt = lk.is(K.INTEGER) && rk.is(K.INTEGER);
        const infallible =
          (lk.is(K.BYTES) && rk.is(K.BYTES)) ||
          (lk.is(K.TIMESTAMP) && rk.is(K.TIMESTAMP)) ||
          (!unless(lk, K.INTEGER | K.FLOAT) && !unless(rk, K.INTEGER | K.FLOAT));
        result = {
          code: bothInt ? `(${a} ${op} ${b})` : `rt.${name}(${a}, ${b})`,
          kind: Kind.boolean(),
          fallible: sub || !infallible,
        };
        break;
      }
      case '|': {
        if ((!lk.is(K.OBJECT) || !rk.is(K.OBJECT)) && !this.compat024) {
          const spans: Span[] = [];
          if (!lk.is(K.OBJECT)) spans.push(lhsNode.span);
          if (!rk.is(K.OBJECT)) spans.push(rhsNode.span);
          this.error(D.mergeNonObjects(spans));
        }
        // In 0.24 a merge of values that may not be objects fails at runtime (`rt.merge`).
        const certain = lk.is(K.OBJECT) && rk.is(K.OBJECT);
        result = {
          code: `rt.merge(${a}, ${b})`,
          kind: certain ? mergeObjectKinds(lk, rk) : Kind.object({}, Kind.any()),
          fallible: sub,
          fresh: false,
        };
        break;
      }
      case '/': {
        const rc = rhs.constant?.value;
        const okDivisor =
          (typeof rc === 'bigint' && rc !== 0n) ||
          (typeof rc === 'number' &&
            rc !== 0 &&
            Number.isFinite(rc) &&
            Math.abs(rc) >= 2.2250738585072014e-308);
        const infallible = okDivisor && (lk.is(K.INTEGER) || lk.is(K.FLOAT));
        result = {
          code: `rt.div(${a}, ${b})`,
          kind: Kind.float(),
          fallible: sub || !infallible,
          fresh: true,
        };
        break;
      }
      default: {
        // + - *
        const fn = { '+': 'add', '-': 'sub', '*': 'mul' }[op as '+' | '-' | '*'];
        let kind: Kind;
        let fallible: boolean;
        let code = `rt.${fn}(${a}, ${b})`;
        if (op === '+' && (lk.is(K.BYTES) || rk.is(K.BYTES))) {
          kind = Kind.bytes();
          fallible = unless(lk, K.BYTES | K.NULL) || unless(rk, K.BYTES | K.NULL);
        } else if (lk.is(K.FLOAT) || rk.is(K.FLOAT)) {
          kind = Kind.float();
          fallible = unless(lk, K.INTEGER | K.FLOAT) || unless(rk, K.INTEGER | K.FLOAT);
          if (lhs.constant && rhs.constant) {
            try {
              // Constant float arithmetic that yields NaN (inf - inf) is fallible.
              (op === '+' ? add : op === '-' ? subtract : multiply)(lhs.constant.value, rhs.constant.value);
            } catch {
              fallible = true;
            }
          }
        } else if (lk.is(K.INTEGER) && rk.is(K.INTEGER)) {
          kind = Kind.integer();
          fallible = false;
          code = `BigInt.asIntN(64, ${a} ${op} ${b})`;
        } else if (
          op === '*' &&
          ((lk.is(K.BYTES) && rk.is(K.INTEGER)) || (lk.is(K.INTEGER) && rk.is(K.BYTES)))
        ) {
          kind = Kind.bytes();
          fallible = false;
        } else if (op === '-') {
          kind = Kind.bits(K.INTEGER | K.FLOAT);
          fallible = true;
        } else {
          kind = Kind.bits(K.BYTES | K.INTEGER | K.FLOAT);
          fallible = true;
        }
        result = { code, kind, fallible: sub || fallible, fresh: true };
      }
    }
    this.slot ??= saved;
    if (!result.fallible) this.slot = undefined;
    return { ...result, code: this.hold(result.code) };
  }

  private coalesce(lhsNode: Node<Expr>, opSpan: Span, rhsNode: Node<Expr>, state: TypeState): Compiled {
    const result = this.tmp();
    const [lstmts, lhs] = this.capture(() => this.expr(lhsNode, state));
    this.slot = undefined;
    const rstate = copyState(state);
    const [rstmts, rhs] = this.capture(() => this.expr(rhsNode, rstate));
    if (!lhs.fallible) {
      // 0.24 allows it: the left side's value is the result (the right side only runs when a runtime
      // argument check inside the left side fails, as for a failing `!` call).
      if (!this.compat024) this.error(D.unnecessaryCoalesce(lhsNode.span, rhsNode.span, opSpan));
    }
    const merged = unionState(state, rstate);
    Object.assign(state, merged);
    this.emit(
      `try { ${lstmts.join('\n')} ${result} = ${lhs.code}; } catch (e) { if (e instanceof rt.Signal || e instanceof rt.ClosureReturn) throw e; ${rstmts.join('\n')} ${result} = ${rhs.code}; }`,
    );
    const fallible = rhs.fallible;
    if (!fallible) this.slot = undefined;
    return { code: result, kind: unionKinds(lhs.kind, rhs.kind), fallible, fresh: lhs.fresh && rhs.fresh };
  }

  private logical(
    op: '||' | '&&',
    lhs: Compiled,
    a: string,
    rhsNode: Node<Expr>,
    state: TypeState,
    saved: Diagnostic | undefined,
  ): Compiled {
    const lk = lhs.kind;
    const lv = lhs.constant?.value;
    const result = this.tmp();
    const rstate = copyState(state);
    const [rstmts, rhs] = this.capture(() => this.expr(rhsNode, rstate));
    // The right side's effects on the type state: always (it surely runs), never, or maybe.
    const falsy = lk.is(K.NULL) || lv === false;
    const truthy = lv === true || (op === '||' && !lk.intersects(K.NULL | K.BOOLEAN));
    const always = op === '||' ? falsy : lv === true;
    const never = op === '||' ? truthy : falsy;
    if (always) Object.assign(state, rstate);
    else if (!never) Object.assign(state, unionState(state, rstate));
    let kind: Kind;
    let fallible: boolean;
    if (op === '||') {
      if (lk.is(K.NULL) || lv === false) {
        kind = rhs.kind;
        fallible = lhs.fallible || rhs.fallible;
      } else if (!lk.intersects(K.NULL | K.BOOLEAN) || lv === true) {
        kind = lk;
        fallible = lhs.fallible;
      } else {
        kind = lk.without(K.NULL).or(rhs.kind);
        fallible = lhs.fallible || rhs.fallible;
      }
      this.emit(
        `${result} = ${a}; if (${result} === null || ${result} === false) { ${rstmts.join('\n')} ${result} = ${rhs.code}; }`,
      );
    } else {
      kind = Kind.boolean();
      if (lk.is(K.NULL) || lv === false) fallible = lhs.fallible;
      else if (lv === true) fallible = rhs.fallible;
      else
        fallible =
          lhs.fallible ||
          rhs.fallible ||
          !lk.isSubsetOf(K.NULL | K.BOOLEAN) ||
          !rhs.kind.isSubsetOf(K.NULL | K.BOOLEAN);
      this.emit(
        `if (${a} === null || ${a} === false) ${result} = false; else { ${rstmts.join('\n')} ${result} = rt.and(${a}, ${rhs.code}); }`,
      );
    }
    this.slot ??= saved;
    if (!fallible) this.slot = undefined;
    return { code: result, kind, fallible, fresh: lhs.fresh && rhs.fresh };
  }

  private not(bang: Span, node: Node<Expr>, state: TypeState): Compiled {
    const c = this.expr(node, state);
    if (!c.kind.isSubsetOf(K.BOOLEAN)) this.error(D.nonBooleanNegation(bang, node.span, c.kind));
    return { code: this.hold(`!${c.code}`), kind: Kind.boolean(), fallible: c.fallible, fresh: true };
  }

  private abort(message: Node<Expr> | undefined, span: Span, state: TypeState): Compiled {
    let msg = 'null';
    if (message) {
      const c = this.expr(message, state);
      if (c.fallible) this.error(D.fallibleAbortMessage(message.span));
      if (!c.kind.isSubsetOf(K.BYTES)) this.error(D.nonStringAbortMessage(message.span, c.kind));
      msg = c.code;
    }
    this.emit(`throw new rt.Abort(${msg}, ${span.start}, ${span.end});`);
    return { code: 'null', kind: NEVER, fallible: false };
  }

  private return(node: Node<Expr>, keyword: Span, state: TypeState): Compiled {
    const c = this.expr(node, state);
    if (c.fallible) this.error(D.fallibleAbortMessage(keyword, 'return'));
    if (this.closureDepth > 0) {
      // See `rt.ClosureReturn`: a value for object key/value closures, otherwise the program ends.
      this.closureReturns[this.closureReturns.length - 1]!.push(c.kind);
      this.emit(`throw new rt.ClosureReturn(${c.code});`);
    } else this.emit(`return [${c.code}, ev, md];`);
    return { code: 'null', kind: NEVER, fallible: false };
  }

  variable(name: string, span: Span, state: TypeState): Compiled {
    if (this.skipped.has(`var:${name}`)) throw new Abandon();
    const kind = state.vars.get(name);
    if (!kind) this.error(D.undefinedVariable(span, name, [...state.vars.keys()]));
    this.variables.add(name);
    const value = state.consts.get(name);
    return {
      code: varName(name),
      kind,
      fallible: false,
      constant: value === undefined ? undefined : { value },
    };
  }

  // ---- queries and assignments -----------------------------------------------------------------

  private query(q: Query, span: Span, state: TypeState): Compiled {
    if (this.skipped.size > 0 && this.skipped.has(targetKey({ kind: 'query', query: q })))
      throw new Abandon();
    const target = q.target.node;
    let base: string;
    let kind: Kind;
    let fallible = false;
    switch (target.kind) {
      case 'event':
        base = 'ev';
        kind = state.event;
        break;
      case 'metadata':
        base = 'md';
        kind = state.metadata;
        break;
      case 'variable': {
        const v = this.variable(target.name, q.target.span, state);
        base = v.code;
        kind = v.kind;
        break;
      }
      case 'functionCall': {
        const c = this.functionCall(target.call, q.target.span, state);
        base = this.hold(c.code);
        kind = c.kind;
        fallible = c.fallible;
        break;
      }
      case 'container': {
        const c = this.expr({ span: q.target.span, node: target.expr }, state);
        base = this.hold(c.code);
        kind = c.kind;
        fallible = c.fallible;
        break;
      }
    }
    void span;
    if (q.path.length === 0) return { code: base, kind, fallible };
    const segs = q.path.map((s) => segValue(s.node));
    let code = base;
    for (const s of segs)
      code = typeof s === 'string' ? `rt.gf(${code}, ${JSON.stringify(s)})` : `rt.gi(${code}, ${s})`;
    return { code: this.hold(code), kind: kindAtPath(kind, segs), fallible };
  }

  private assignment(a: Assignment, _span: Span, state: TypeState): Compiled {
    const rhsNode: Node<Expr> =
      a.op === '|='
        ? {
            span: a.expr.span,
            node: {
              kind: 'op',
              lhs: { span: a.target.span, node: targetToExpr(a.target.node) },
              opcode: { span: a.expr.span, node: '|' },
              rhs: a.expr,
            },
          }
        : a.expr;
    const original = copyState(state);
    const rhsExpr = (): Compiled => {
      try {
        return this.expr(rhsNode, state);
      } catch (e) {
        // When the right side fails to compile, later reads of its targets are silently skipped (as
        // upstream's `skip_missing_query_target`), so one mistake is reported once.
        if (e instanceof Abandon && a.op === '=') {
          for (const t of [a.target, a.err]) if (t) this.skipped.add(targetKey(t.node));
        }
        throw e;
      }
    };
    if (!a.err) {
      const rhs = rhsExpr();
      const fallibility = this.slot;
      if (fallibility || rhs.fallible) {
        const argContext = fallibility ? D.argumentContexts.get(fallibility) : undefined;
        const assignSpan = {
          start: a.target.span.start,
          end: Math.max(a.target.span.start, a.expr.span.start - 1),
        };
        this.error(
          D.fallibleAssignment(
            a.expr.span,
            assignSpan,
            this.targetText(a.target),
            this.exprText(a.expr),
            argContext,
          ),
        );
      }
      if (a.target.node.kind === 'noop') {
        this.error({
          severity: 'error',
          code: 640,
          message: 'unnecessary no-op assignment',
          labels: [
            { message: 'this no-op assignment has no effect', span: a.expr.span, primary: true },
            { message: 'either assign to a path or variable here', span: a.target.span, primary: false },
            {
              message: 'or remove the assignment',
              span: { start: a.target.span.start, end: a.expr.span.start - 1 },
              primary: false,
            },
          ],
          notes: [],
        });
      }
      this.checkParents(a.target, state, this.text(a.expr.span));
      const value = this.hold(this.owned(rhs));
      const kind = storedKind(rhs.kind);
      this.assignTo(a.target, value, kind, state, rhs.constant);
      return { code: value, kind, fallible: false, constant: rhs.constant };
    }
    // ok, err = expr
    const ok = this.tmp();
    const err = this.tmp();
    const [stmts, rhs] = this.capture(rhsExpr);
    this.slot = undefined;
    if (!rhs.fallible && this.ctx.compat !== '0.24') {
      this.error(
        D.infallibleAssignment(
          a.err.span,
          a.expr.span,
          a.target.span,
          this.targetText(a.target),
          this.exprText(a.expr),
        ),
      );
    }
    this.checkParents(a.target, state, this.text(a.expr.span));
    this.checkParents(a.err, state, this.text(a.expr.span));
    const dflt =
      (rhs.kind.bits & ~K.UNDEFINED) === K.TIMESTAMP
        ? this.constant(new VrlTimestamp(0n))
        : defaultFor(rhs.kind);
    this.emit(
      `try { ${stmts.join('\n')} ${ok} = ${this.owned(rhs)}; ${err} = null; } catch (e) { if (e instanceof rt.Signal || e instanceof rt.ClosureReturn) throw e; ${ok} = ${dflt}; ${err} = rt.message(e); }`,
    );
    const merged = unionState(state, original);
    Object.assign(state, merged);
    this.assignTo(a.target, ok, storedKind(rhs.kind), state);
    this.assignTo(a.err, err, Kind.bytes().orNull(), state);
    // The expression's value: the error message when it failed, the value otherwise.
    return {
      code: this.hold(`${err} === null ? ${ok} : ${err}`),
      kind: rhs.kind.or(Kind.bytes()),
      fallible: false,
    };
  }

  /** E642: every parent of an assigned path must be able to hold a field (object) or an index (array). */
  private checkParents(target: Node<AssignmentTarget>, state: TypeState, rhsText: string): void {
    const t = target.node;
    // 0.24: writing through a non-container parent replaces it (`rt.setPath`).
    if (t.kind !== 'query' || this.compat024) return;
    const qt = t.query.target.node;
    let root: Kind;
    if (qt.kind === 'event') root = state.event;
    else if (qt.kind === 'metadata')
      return; // the oracle does not check metadata parents
    else if (qt.kind === 'variable') root = state.vars.get(qt.name) ?? Kind.any();
    else return;
    const segs = t.query.path;
    // Spans as upstream computes them: walking back from the end of the target text.
    let parentEnd = target.span.end;
    let remainder = '';
    for (let i = segs.length - 1; i >= 0; i--) {
      const seg = segs[i]!;
      const parent = kindAtPath(
        root,
        segs.slice(0, i).map((x) => segValue(x.node)),
      );
      const field = seg.node.kind === 'field';
      const text =
        seg.node.kind === 'field'
          ? seg.node.quoted
            ? JSON.stringify(seg.node.name)
            : seg.node.name
          : `[${seg.node.index}]`;
      const segStart = Math.max(target.span.start, parentEnd - text.length);
      const segSpan = { start: segStart, end: parentEnd };
      parentEnd = field ? Math.max(target.span.start, segStart - 1) : segStart;
      remainder = (field ? `.${text}` : text) + remainder;
      if (parent.intersects(field ? K.OBJECT : K.ARRAY)) continue;
      const parentSpan = { start: target.span.start, end: parentEnd };
      // Rendered as upstream does (a variable's path is printed without its leading dot).
      const parentPath = segs
        .slice(0, i)
        .map((x, j) =>
          x.node.kind === 'field'
            ? `${j > 0 ? '.' : ''}${x.node.quoted ? JSON.stringify(x.node.name) : x.node.name}`
            : `[${x.node.index}]`,
        )
        .join('');
      let parentText: string;
      if (qt.kind === 'variable') parentText = `${qt.name}${parentPath}`;
      else {
        parentText = `.${parentPath}`;
        if (i === 0 && remainder.startsWith('.')) remainder = remainder.slice(1);
      }
      this.error({
        severity: 'error',
        code: 642,
        message: 'parent path segment rejects this mutation',
        labels: [
          {
            message: field
              ? 'querying a field of a non-object type is unsupported'
              : 'indexing into a non-array type is unsupported',
            span: segSpan,
            primary: true,
          },
          {
            message: `this path resolves to a value of type ${D.kindText(parent)}`,
            span: parentSpan,
            primary: false,
          },
        ],
        notes: [
          `try: change parent value to ${field ? 'object' : 'array'}, before assignment`,
          ' ',
          `    ${parentText} = ${field ? '{}' : '[]'}`,
          `    ${parentText}${remainder} = ${rhsText}`,
          ' ',
          Notes.seeErrorDocs(),
        ],
      });
    }
  }

  private assignTo(
    target: Node<AssignmentTarget>,
    value: string,
    kind: Kind,
    state: TypeState,
    constant?: { value: Value },
  ): void {
    const t = target.node;
    if (this.closureDepth > 0) this.tainted.add(rootKey(t));
    switch (t.kind) {
      case 'noop':
        return;
      case 'variable':
        this.variables.add(t.name);
        this.emit(`${varName(t.name)} = ${value};`);
        state.vars.set(t.name, kind);
        if (constant && isScalar(constant.value)) state.consts.set(t.name, constant.value);
        else state.consts.delete(t.name);
        return;
      case 'query': {
        const segs = t.query.path.map((s) => segValue(s.node));
        const qt = t.query.target.node;
        let base: string;
        if (qt.kind === 'event') base = 'ev';
        else if (qt.kind === 'metadata') base = 'md';
        else if (qt.kind === 'variable') {
          this.variables.add(qt.name);
          base = varName(qt.name);
          if (!state.vars.has(qt.name)) state.vars.set(qt.name, Kind.null());
        } else {
          this.error({
            severity: 'error',
            code: 641,
            message: 'invalid assignment target',
            labels: [
              { message: 'invalid assignment target', span: target.span, primary: true },
              { message: 'use one of variable or path', span: target.span, primary: false },
            ],
            notes: [],
          });
        }
        if (segs.length === 0) this.emit(`${base} = ${value};`);
        else if (segs.length === 1 && typeof segs[0] === 'string')
          this.emit(`${base} = rt.sf(${base}, ${JSON.stringify(segs[0])}, ${value});`);
        else this.emit(`${base} = rt.setPath(${base}, ${this.constant(segs)}, ${value});`);
        if (qt.kind === 'event') state.event = insertKind(state.event, segs, kind);
        else if (qt.kind === 'metadata') state.metadata = insertKind(state.metadata, segs, kind);
        else if (qt.kind === 'variable')
          state.vars.set(qt.name, insertKind(state.vars.get(qt.name)!, segs, kind));
        return;
      }
    }
  }

  // ---- function calls --------------------------------------------------------------------------

  functionCall(call: FunctionCall, span: Span, state: TypeState): Compiled {
    const name = call.ident.node;
    const builtin = BUILTINS.get(name);
    const def = builtin ? undefined : this.functions.get(name);
    if (!builtin && !def) {
      this.error(D.undefinedFunction(call.ident.span, name, [...BUILTINS.keys(), ...this.functions.keys()]));
    }
    const params = builtin ? builtin.parameters : def!.parameters;
    // Match arguments to parameters.
    const slots: (Node<Expr> | undefined)[] = new Array(params.length).fill(undefined);
    if (call.arguments.length > params.length) {
      const first = call.arguments[0]!.span;
      const last = call.arguments[call.arguments.length - 1]!.span;
      this.error(D.wrongNumberOfArgs({ start: first.start, end: last.end }, params.length));
    }
    let position = 0;
    for (const arg of call.arguments) {
      if (arg.node.name) {
        const idx = params.findIndex((p) => p.keyword === arg.node.name!.node);
        if (idx < 0)
          this.error(
            D.unknownKeyword(
              arg.node.name.span,
              call.ident.span,
              params.map((p) => p.keyword),
            ),
          );
        slots[idx] = arg.node.expr;
      } else {
        while (position < params.length && slots[position] !== undefined) position++;
        if (position >= params.length) {
          const first = call.arguments[0]!.span;
          const last = call.arguments[call.arguments.length - 1]!.span;
          this.error(D.wrongNumberOfArgs({ start: first.start, end: last.end }, params.length));
        }
        slots[position++] = arg.node.expr;
      }
    }
    params.forEach((p, i) => {
      if (p.required && !slots[i]) this.error(D.missingArgument(span, p.keyword, i));
    });
    const closure = call.closure;
    if (closure && !builtin?.closure) this.error(D.unexpectedClosure(closure.span, span));
    if (!closure && builtin?.closure) this.error(D.missingClosure(span, builtin.closure.example));
    if (builtin) return this.builtinCall(builtin, call, slots, span, state);
    return this.stdlibCall(def!, call, slots, span, state);
  }

  /** Compiles an argument; a fallible argument is E630. */
  argument(node: Node<Expr>, state: TypeState): Compiled {
    const c = this.expr(node, state);
    if (c.fallible) this.error(D.fallibleArgument(node.span));
    return { ...c, code: this.hold(c.code) };
  }

  private stdlibCall(
    def: FunctionDef,
    call: FunctionCall,
    slots: (Node<Expr> | undefined)[],
    span: Span,
    state: TypeState,
  ): Compiled {
    const name = def.name;
    const args: (Compiled | undefined)[] = slots.map((s) => (s ? this.argument(s, state) : undefined));
    const infos: (ArgumentInfo | undefined)[] = args.map((a, i) =>
      a ? { kind: storedKind(a.kind), constant: a.constant, span: slots[i]!.span } : undefined,
    );
    let typeError: Diagnostic | undefined;
    const codes: string[] = [];
    def.parameters.forEach((p, i) => {
      const a = args[i];
      if (!a) {
        codes.push('undefined');
        return;
      }
      const bits = D.kindBits(a.kind);
      if ((bits & ~p.kind) !== 0) {
        const diag = D.invalidArgumentKind(
          slots[i]!.span,
          this.argumentSpan(call, slots[i]!),
          a.kind,
          p.keyword,
          p.kind,
          this.text(slots[i]!.span),
          this.callText(call),
        );
        codes.push(`rt.check(${a.code}, ${p.kind})`);
        // 0.24: no E110 (nor the E100/E103 it leads to); the runtime check's error ends the program.
        if (this.compat024) return;
        if ((bits & p.kind) === 0) this.error(diag);
        D.argumentContexts.set(diag, {
          firstArgument: this.text(call.arguments[0]!.node.expr.span),
          got: a.kind,
          keyword: p.keyword,
          expected: p.kind,
          functionIdent: name,
        });
        typeError ??= diag;
      } else if (this.tainted.size > 0 && this.tainted.has(rootKey(exprTarget(slots[i]!.node)))) {
        // Written inside a closure: the type state (as upstream's) may be wrong here, check at runtime.
        codes.push(`rt.check(${a.code}, ${p.kind})`);
      } else codes.push(a.code);
    });
    while (codes.length > 0 && codes[codes.length - 1] === 'undefined') codes.pop();
    let impl;
    try {
      impl = def.compile(infos, this.ctx);
    } catch (e) {
      if (e instanceof FunctionCompileError) {
        // Upstream labels the whole call, whichever argument is to blame.
        this.error(D.functionCompileError(e.code, e.message, span, e.notes));
      }
      throw e;
    }
    const fallible = impl.fallible || typeError !== undefined;
    if (typeError && !call.abortOnError) this.slot = typeError;
    if (call.abortOnError) {
      if (!fallible && this.ctx.compat !== '0.24') {
        const bang = { start: call.ident.span.end, end: call.ident.span.end + 1 };
        this.diagnostics.push(D.abortInfallible(call.ident.span, bang));
      }
    }
    const f = this.impl(impl.call);
    const result = this.tmp();
    const invoke = `${result} = ${f}(${codes.join(', ')});`;
    this.emit(
      `try { ${invoke} } catch (e) { throw rt.callError(e, ${JSON.stringify(name)}, ${this.byteOffset(span.start)}, ${this.byteOffset(span.end)}); }`,
    );
    return { code: result, kind: impl.kind, fallible: fallible && !call.abortOnError };
  }

  private builtinCall(
    builtin: Builtin,
    call: FunctionCall,
    slots: (Node<Expr> | undefined)[],
    span: Span,
    state: TypeState,
  ): Compiled {
    const before = this.closureDepth;
    const c = builtin.compile(this, { call, slots, span, state });
    this.closureDepth = before;
    if (call.abortOnError) {
      if (!c.fallible && this.ctx.compat !== '0.24') {
        const bang = { start: call.ident.span.end, end: call.ident.span.end + 1 };
        this.diagnostics.push(D.abortInfallible(call.ident.span, bang));
      }
      return { ...c, fallible: false };
    }
    return c;
  }

  /**
   * Compiles a closure body as a JavaScript arrow function with the given parameters bound. As upstream,
   * the body's effects on the type state are dropped afterwards (it may run any number of times); a
   * variable the body reassigns loses its known constant.
   */
  closure(
    variables: Node<string>[],
    kinds: Kind[],
    body: Block,
    state: TypeState,
  ): { code: string; kind: Kind; fallible: boolean } {
    const before = copyState(state);
    const params: string[] = [];
    variables.forEach((v, i) => {
      const name = v.node;
      if (name === '') {
        params.push(`_${this.tmp()}`);
        return;
      }
      state.consts.delete(name);
      state.vars.set(name, kinds[i] ?? Kind.any());
      params.push(varName(name));
    });
    const paramNames = new Set(variables.map((v) => v.node));
    this.closureDepth++;
    this.closureReturns.push([]);
    const [stmts, c] = this.capture(() => this.block(body, state));
    const returns = this.closureReturns.pop()!;
    this.closureDepth--;
    const after = state.consts;
    state.event = before.event;
    state.metadata = before.metadata;
    state.vars = before.vars;
    state.consts = new Map(
      [...before.consts].filter(
        ([name, value]) => paramNames.has(name) || (after.has(name) && after.get(name) === value),
      ),
    );
    return {
      code: `((${params.join(', ')}) => { ${stmts.join('\n')} return ${c.code}; })`,
      kind: returns.reduce((acc, k) => unionKinds(acc, k), c.kind),
      fallible: c.fallible,
    };
  }

  /** Records a call's unhandled argument-type error (for builtins), as a stdlib call does. */
  pushPending(d: Diagnostic): void {
    this.slot = d;
  }
}

import { add, mul as multiply, sub as subtract } from '../runtime/ops.js';

function unionKinds(a: Kind, b: Kind): Kind {
  if (isNever(a)) return b;
  if (isNever(b)) return a;
  return a.or(b);
}

function targetToExpr(t: AssignmentTarget): Expr {
  switch (t.kind) {
    case 'noop':
      return { kind: 'literal', literal: { kind: 'null' } };
    case 'variable':
      return { kind: 'variable', name: t.name };
    case 'query':
      return { kind: 'query', query: t.query };
  }
}

/**
 * The value `ok` gets when `ok, err = expr` fails: the kind's default (a timestamp's is the epoch,
 * handled by the caller), null when the kind is mixed.
 */
function defaultFor(kind: Kind): string {
  switch (kind.bits & ~K.UNDEFINED) {
    case K.BYTES:
      return '""';
    case K.INTEGER:
      return '0n';
    case K.FLOAT:
      return '0';
    case K.BOOLEAN:
      return 'false';
    case K.ARRAY:
      return '[]';
    case K.OBJECT:
      return '{}';
    default:
      return 'null';
  }
}

function isScalar(v: Value): boolean {
  return v === null || typeof v !== 'object' || v instanceof VrlTimestamp || v instanceof VrlRegex;
}

/** A key naming an assignment target / query: `var:x`, `event:.a.b[0]`, `metadata:.x`. */
function targetKey(t: AssignmentTarget): string {
  if (t.kind === 'noop') return 'noop';
  if (t.kind === 'variable') return `var:${t.name}`;
  const path = t.query.path
    .map((x) => (x.node.kind === 'field' ? `.${JSON.stringify(x.node.name)}` : `[${x.node.index}]`))
    .join('');
  const qt = t.query.target.node;
  if (qt.kind === 'variable') return path === '' ? `var:${qt.name}` : `var:${qt.name}${path}`;
  return `${qt.kind}:${path}`;
}

/** The root a target writes under: `var:x`, `event:a` (first field), `metadata:a`. */
function rootKey(t: AssignmentTarget): string {
  if (t.kind === 'noop') return 'noop';
  if (t.kind === 'variable') return `var:${t.name}`;
  const qt = t.query.target.node;
  if (qt.kind === 'variable') return `var:${qt.name}`;
  if (qt.kind !== 'event' && qt.kind !== 'metadata') return 'other';
  const first = t.query.path[0]?.node;
  return `${qt.kind}:${first ? segValue(first) : ''}`;
}

/** An argument expression seen as a target (variable or path), or noop. */
function exprTarget(e: Expr): AssignmentTarget {
  if (e.kind === 'variable') return { kind: 'variable', name: e.name };
  if (e.kind === 'query') return { kind: 'query', query: e.query };
  return { kind: 'noop' };
}
