/**
 * Functions the compiler defines itself because they need an argument as an expression: the path-taking
 * `del`, `exists`, `unnest` and the closure-taking `for_each`, `map_keys`, `map_values`, `filter`.
 * Parameters, kinds and fallibility follow upstream VRL.
 */
import type { Diagnostic, Span } from '../diagnostics/index.js';
import { Notes, context, errorDiagnostic, primary } from '../diagnostics/index.js';
import type { Expr, FunctionCall, Node, Query } from '../parser/index.js';
import type { Parameter } from '../stdlib/function.js';
import { K, Kind, insertKind, kindAtPath, readKind, removeKind } from '../types/index.js';
import type { Compiled, Compiler } from './compile.js';
import { segValue, varName } from './names.js';
import * as D from './diagnostics.js';
import { typeDef } from './type-def.js';
import type { TypeState } from './state.js';

export interface BuiltinCall {
  call: FunctionCall;
  slots: (Node<Expr> | undefined)[];
  span: Span;
  state: TypeState;
}

export interface Builtin {
  name: string;
  parameters: readonly Parameter[];
  closure?: { arity: number; example: string };
  compile(c: Compiler, a: BuiltinCall): Compiled;
}

const p = (keyword: string, kind: number, required: boolean): Parameter => ({ keyword, kind, required });

/** How upstream names an expression kind (`Expr::as_str`). */
const EXPRESSION_NAMES: Partial<Record<Expr['kind'], string>> = {
  literal: 'literal',
  group: 'group',
  block: 'block',
  array: 'array',
  object: 'object',
  if: 'if-statement',
  op: 'operation',
  assignment: 'assignment',
  functionCall: 'function call',
  variable: 'variable call',
  not: 'unary operation',
  abort: 'abort',
  return: 'return',
};

function expectQuery(c: Compiler, node: Node<Expr>, keyword: string, callSpan: Span): Query {
  const fail = (received: string) =>
    c.error(
      errorDiagnostic(
        610,
        'function compilation error: error[E400] unexpected expression type',
        [
          primary(`unexpected expression for argument "${keyword}"`, callSpan),
          context(`received: ${received}`, callSpan),
          context('expected: query', callSpan),
        ],
        [Notes.seeCodeDocs(400)],
      ),
    );
  if (node.node.kind !== 'query') fail(EXPRESSION_NAMES[node.node.kind] ?? node.node.kind);
  const q = (node.node as { query: Query }).query;
  const t = q.target.node.kind;
  if (t !== 'event' && t !== 'metadata' && t !== 'variable') fail('query');
  return q;
}

function rootOf(c: Compiler, q: Query, state: TypeState): { base: string; kind: Kind } {
  const t = q.target.node;
  if (t.kind === 'event') return { base: 'ev', kind: state.event };
  if (t.kind === 'metadata') return { base: 'md', kind: state.metadata };
  if (t.kind === 'variable') {
    const v = c.variable(t.name, q.target.span, state);
    return { base: v.code, kind: v.kind };
  }
  throw new Error('unreachable');
}

/** Checks an argument against accepted kinds; returns its code (with a runtime check when needed). */
export function typed(
  c: Compiler,
  a: BuiltinCall,
  index: number,
  arg: Compiled,
  param: Parameter,
): { code: string; fallible: boolean } {
  const bits = D.kindBits(arg.kind);
  if ((bits & ~param.kind) === 0) return { code: arg.code, fallible: false };
  // 0.24: no E110; the runtime check's error ends the program (see README.md, "compat 0.24").
  if (c.compat024) return { code: checked(c, a, arg.code, param.kind), fallible: false };
  const node = a.slots[index]!;
  const diag: Diagnostic = D.invalidArgumentKind(
    node.span,
    c.argumentSpan(a.call, node),
    arg.kind,
    param.keyword,
    param.kind,
    c.text(node.span),
    c.callText(a.call),
  );
  if ((bits & param.kind) === 0) c.error(diag);
  D.argumentContexts.set(diag, {
    firstArgument: c.text(a.call.arguments[0]!.node.expr.span),
    got: arg.kind,
    keyword: param.keyword,
    expected: param.kind,
    functionIdent: a.call.ident.node,
  });
  if (!a.call.abortOnError) c.pushPending(diag);
  return { code: checked(c, a, arg.code, param.kind), fallible: true };
}

/** The runtime kind check of an argument, failing as the call does (`function call error for …`). */
function checked(c: Compiler, a: BuiltinCall, code: string, bits: number): string {
  const t = c.tmp();
  wrapCall(c, a, `${t} = rt.check(${code}, ${bits});`);
  return t;
}

function wrapCall(c: Compiler, a: BuiltinCall, invoke: string): void {
  c.emit(
    `try { ${invoke} } catch (e) { throw rt.callError(e, ${JSON.stringify(a.call.ident.node)}, ${c.byteOffset(a.span.start)}, ${c.byteOffset(a.span.end)}); }`,
  );
}

const del: Builtin = {
  name: 'del',
  parameters: [p('target', K.ANY, true), p('compact', K.BOOLEAN, false)],
  compile(c, a) {
    const compact = a.slots[1] ? c.argument(a.slots[1], a.state) : undefined;
    const compactCode = compact ? typed(c, a, 1, compact, this.parameters[1]!) : undefined;
    const q = expectQuery(c, a.slots[0]!, 'target', a.span);
    const { base, kind } = rootOf(c, q, a.state);
    const segs = q.path.map((s) => segValue(s.node));
    const result = c.tmp();
    const flag = compactCode ? `${compactCode.code} === true` : 'false';
    if (segs.length === 0) {
      c.emit(`${result} = ${base}; ${base} = {};`);
    } else {
      c.emit(`${result} = rt.removePath(${base}, ${c.constant(segs)}, ${flag});`);
    }
    const t = q.target.node;
    const after = segs.length === 0 ? Kind.object({}) : removeKind(kind, segs);
    if (t.kind === 'event') a.state.event = after;
    else if (t.kind === 'metadata') a.state.metadata = after;
    else if (t.kind === 'variable') a.state.vars.set(t.name, after);
    return { code: result, kind: readKind(kind, segs), fallible: compactCode?.fallible ?? false };
  },
};

const exists: Builtin = {
  name: 'exists',
  parameters: [p('field', K.ANY, true)],
  compile(c, a) {
    const q = expectQuery(c, a.slots[0]!, 'field', a.span);
    const { base } = rootOf(c, q, a.state);
    const segs = q.path.map((s) => segValue(s.node));
    const code = segs.length === 0 ? 'true' : `rt.pathExists(${base}, ${c.constant(segs)})`;
    return { code: c.hold(code), kind: Kind.boolean(), fallible: false };
  },
};

const unnest: Builtin = {
  name: 'unnest',
  parameters: [p('path', K.ARRAY, true)],
  compile(c, a) {
    const node = a.slots[0]!;
    if (node.node.kind !== 'query') {
      const arg = c.argument(node, a.state);
      if ((D.kindBits(arg.kind) & K.ARRAY) === 0) typed(c, a, 0, arg, this.parameters[0]!);
    }
    const q = expectQuery(c, node, 'path', a.span);
    const { base, kind } = rootOf(c, q, a.state);
    const segs = q.path.map((s) => segValue(s.node));
    const at = kindAtPath(kind, segs);
    const fallible = !at.isSubsetOf(K.ARRAY) && !c.compat024;
    if (fallible) {
      const diag = D.invalidArgumentKind(
        node.span,
        c.argumentSpan(a.call, node),
        at,
        'path',
        K.ARRAY,
        c.text(node.span),
        c.callText(a.call),
      );
      if ((D.kindBits(at) & K.ARRAY) === 0) c.error(diag);
      if (!a.call.abortOnError) c.pushPending(diag);
    }
    const result = c.tmp();
    wrapCall(c, a, `${result} = rt.unnest(${base}, ${c.constant(segs)});`);
    // One copy of the root per element; a known tuple gives a known tuple of copies.
    const tuple = at.array && at.array.unknown === undefined ? [...at.array.known.entries()] : undefined;
    const resultKind = tuple
      ? Kind.tuple(tuple.sort((x, y) => x[0] - y[0]).map(([, k]) => insertKind(kind, segs, k)))
      : Kind.array(insertKind(kind, segs, elementKind(at)));
    return { code: result, kind: resultKind, fallible };
  },
};

function closureCall(
  name: string,
  parameters: Parameter[],
  arity: number,
  example: string,
  paramKinds: (value: Kind) => Kind[],
  emit: (value: string, args: string[], fn: string) => string,
  resultKind: (value: Kind, body: Kind) => Kind,
  /** Kinds the closure must return (E122 otherwise). */
  output?: number,
): Builtin {
  return {
    name,
    parameters,
    closure: { arity, example },
    compile(c, a) {
      const value = c.argument(a.slots[0]!, a.state);
      const expected = parameters[0]!.kind;
      if (D.kindBits(value.kind) & ~expected)
        c.error(D.closureParameterMismatch(a.span, value.kind, expected));
      const checked = { code: value.code, fallible: false };
      const extra = a.slots.slice(1).map((s) => (s ? c.argument(s, a.state).code : 'false'));
      const closure = a.call.closure!;
      const vars = closure.node.variables;
      if (vars.length !== arity) {
        const first = vars[0]?.span ?? closure.span;
        const last = vars[vars.length - 1]?.span ?? closure.span;
        c.error(D.closureArity(a.call.ident.span, { start: first.start, end: last.end }, arity, vars.length));
      }
      const fn = c.closure(vars, paramKinds(value.kind), closure.node.block.node, a.state);
      if (output !== undefined && !fn.kind.isSubsetOf(output)) {
        const span = closure.node.block.span;
        c.error(
          errorDiagnostic(122, 'type mismatch in closure return type', [
            primary('block returns invalid value type', span),
            context(`expected: ${D.kindList(output)}`, span),
            context(`received: ${D.kindText(fn.kind)}`, span),
          ]),
        );
      }
      const result = c.tmp();
      const fnName = c.hold(fn.code);
      wrapCall(c, a, `${result} = ${emit(checked.code, extra, fnName)};`);
      return {
        code: result,
        kind: resultKind(value.kind, fn.kind),
        fallible: checked.fallible,
        fresh: true,
      };
    },
  };
}

function elementKind(k: Kind): Kind {
  let out = Kind.of(0);
  for (const coll of [k.object, k.array]) {
    if (!coll) continue;
    for (const v of coll.known.values()) out = out.or(v);
    if (coll.unknown) out = out.or(coll.unknown);
  }
  out = out.without(K.UNDEFINED);
  return out.bits === 0 ? Kind.any() : out;
}

function keyKind(k: Kind): Kind {
  let out = Kind.of(0);
  if (k.intersects(K.OBJECT)) out = out.or(Kind.bytes());
  if (k.intersects(K.ARRAY)) out = out.or(Kind.integer());
  return out.bits === 0 ? Kind.bits(K.BYTES | K.INTEGER) : out;
}

const forEach = closureCall(
  'for_each',
  [p('value', K.OBJECT | K.ARRAY, true)],
  2,
  'for_each([1, 2]) -> |index, value| { .foo = to_int!(.foo) + index + value }',
  (v) => [keyKind(v), elementKind(v)],
  (value, _args, fn) => `rt.forEach(${value}, ${fn})`,
  () => Kind.null(),
);

const mapKeys = closureCall(
  'map_keys',
  [p('value', K.OBJECT, true), p('recursive', K.BOOLEAN, false)],
  1,
  'map_keys({ "a": 1, "b": 2 }) -> |key| { upcase(key) }',
  () => [Kind.bytes()],
  (value, args, fn) => `rt.mapKeys(${value}, ${args[0] ?? 'false'} === true, ${fn})`,
  () => Kind.object({}, Kind.any()),
  K.BYTES,
);

const mapValues = closureCall(
  'map_values',
  [p('value', K.OBJECT | K.ARRAY, true), p('recursive', K.BOOLEAN, false)],
  1,
  'map_values({ "a": 1, "b": 2 }) -> |value| { value + 1 }',
  (v) => [elementKind(v)],
  (value, args, fn) => `rt.mapValues(${value}, ${args[0] ?? 'false'} === true, ${fn})`,
  (v, body) => {
    const bits = D.kindBits(v) & (K.OBJECT | K.ARRAY);
    let out = Kind.of(0);
    if (bits & K.OBJECT) out = out.or(Kind.object({}, body.bits ? body : Kind.any()));
    if (bits & K.ARRAY) out = out.or(Kind.array(body.bits ? body : Kind.any()));
    return out.bits ? out : Kind.bits(K.OBJECT | K.ARRAY);
  },
);

const filter = closureCall(
  'filter',
  [p('value', K.OBJECT | K.ARRAY, true)],
  2,
  'filter([1, 2]) -> |_index, value| { value < 2 }',
  (v) => [keyKind(v), elementKind(v)],
  (value, _args, fn) => `rt.filter(${value}, ${fn})`,
  (v) => {
    const bits = D.kindBits(v) & (K.OBJECT | K.ARRAY);
    let out = Kind.of(0);
    if (bits & K.OBJECT) out = out.or(Kind.object({}, elementKind(v)));
    if (bits & K.ARRAY) out = out.or(Kind.array(elementKind(v)));
    return out.bits ? out : Kind.bits(K.OBJECT | K.ARRAY);
  },
  K.BOOLEAN,
);

const MATCH_KIND = Kind.object(
  { string: Kind.bytes(), captures: Kind.array(Kind.bytes().orNull()) },
  Kind.bytes().orNull(),
);

const replaceWith: Builtin = {
  name: 'replace_with',
  parameters: [p('value', K.BYTES, true), p('pattern', K.REGEX, true), p('count', K.INTEGER, false)],
  closure: {
    arity: 1,
    example: `replace_with("received email from a@example.com", pattern: r'\\w+@\\w+\\.\\w+') -> |match| { sha2(match.string) }`,
  },
  compile(c, a) {
    const args = a.slots.map((s) => (s ? c.argument(s, a.state) : undefined));
    if (D.kindBits(args[0]!.kind) & ~K.BYTES)
      c.error(D.closureParameterMismatch(a.span, args[0]!.kind, K.BYTES));
    const codes = args.map((arg, i) => (arg ? typed(c, a, i, arg, this.parameters[i]!) : undefined));
    const closure = a.call.closure!;
    const vars = closure.node.variables;
    if (vars.length !== 1) {
      const first = vars[0]?.span ?? closure.span;
      const last = vars[vars.length - 1]?.span ?? closure.span;
      c.error(D.closureArity(a.call.ident.span, { start: first.start, end: last.end }, 1, vars.length));
    }
    const fn = c.closure(vars, [MATCH_KIND], closure.node.block.node, a.state);
    if (!fn.kind.isSubsetOf(K.BYTES)) {
      const span = closure.node.block.span;
      c.error(
        errorDiagnostic(122, 'type mismatch in closure return type', [
          primary('block returns invalid value type', span),
          context('expected: string', span),
          context(`received: ${D.kindText(fn.kind)}`, span),
        ]),
      );
    }
    const fnName = c.hold(fn.code);
    const result = c.tmp();
    const count = codes[2]?.code ?? '-1n';
    wrapCall(c, a, `${result} = rt.replaceWith(${codes[0]!.code}, ${codes[1]!.code}, ${count}, ${fnName});`);
    return { code: result, kind: Kind.bytes(), fallible: codes.some((x) => x?.fallible), fresh: true };
  },
};

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  [del, exists, unnest, forEach, mapKeys, mapValues, filter, replaceWith, typeDef].map((b) => [b.name, b]),
);

export { varName };
