/**
 * Test support: a tiny evaluator for the value functions' example programs (literals, paths, variables,
 * assignments, `if`, `==`/`!=`/`??`, `ok, err =` and function calls), so examples run without the compiler.
 * Function calls go through each definition's `compile` with argument kinds taken from the values.
 */
import { parse, type Expr, type FunctionCall, type Node, type Query } from '../../../parser/index.js';
import { compileRustRegex } from '../../../regex/index.js';
import { parseRfc3339 } from '../../../time/index.js';
import {
  getField,
  isObject,
  setField,
  valueEquals,
  VrlError,
  VrlRegex,
  VrlTimestamp,
  type Value,
  type ValueObject,
} from '../../../value/index.js';
import type { Span } from '../../../diagnostics/index.js';
import type { ArgumentInfo, CompileContext, FunctionDef } from '../../function.js';
import { kindOfValue } from '../util/kinds.js';

export class ExampleError extends Error {}

interface State {
  event: Value;
  variables: Map<string, Value>;
  functions: ReadonlyMap<string, FunctionDef>;
  ctx: CompileContext;
}

export const TEST_CONTEXT: CompileContext = { timezone: 'UTC', compat: '0.24', enrichmentTables: new Map() };

/** Runs a VRL example program; throws `ExampleError` with VRL's `function call error for …` text on failure. */
export function runExample(
  source: string,
  functions: readonly FunctionDef[],
  input: Value = {},
  ctx: CompileContext = TEST_CONTEXT,
): Value {
  const state: State = {
    event: input,
    variables: new Map(),
    functions: new Map(functions.map((f) => [f.name, f])),
    ctx,
  };
  let result: Value = null;
  for (const expr of parse(source).expressions) result = evaluate(expr, state);
  return result;
}

function isConstant(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal':
      return expr.literal.kind !== 'string' || expr.literal.segments.every((s) => s.kind === 'literal');
    case 'group':
      return isConstant(expr.expr.node);
    case 'array':
      return expr.elements.every((e) => isConstant(e.node));
    case 'object':
      return expr.entries.every((e) => isConstant(e.value.node));
    default:
      return false;
  }
}

function walkPath(value: Value | undefined, query: Query): Value {
  let current = value;
  for (const { node: segment } of query.path) {
    if (segment.kind === 'field') current = isObject(current) ? getField(current, segment.name) : undefined;
    else if (Array.isArray(current)) {
      const i = segment.index < 0 ? current.length + segment.index : segment.index;
      current = current[i];
    } else current = undefined;
  }
  return current ?? null;
}

function assignPath(root: Value, query: Query, value: Value): Value {
  if (query.path.length === 0) return value;
  const top: Value = isObject(root) ? root : {};
  let current: ValueObject = top as ValueObject;
  query.path.forEach(({ node: segment }, i) => {
    if (segment.kind !== 'field') throw new Error('index assignment unsupported in examples');
    if (i === query.path.length - 1) setField(current, segment.name, value);
    else {
      const next = getField(current, segment.name);
      const child = isObject(next) ? next : {};
      setField(current, segment.name, child);
      current = child;
    }
  });
  return top;
}

function callFunction(call: FunctionCall, span: Span, state: State): Value {
  const name = call.ident.node;
  const def = state.functions.get(name);
  if (!def) throw new Error(`unknown function ${name}`);
  const values: (Value | undefined)[] = def.parameters.map(() => undefined);
  const infos: (ArgumentInfo | undefined)[] = def.parameters.map(() => undefined);
  let position = 0;
  for (const { node: arg } of call.arguments) {
    const index = arg.name ? def.parameters.findIndex((p) => p.keyword === arg.name!.node) : position++;
    if (index < 0 || index >= def.parameters.length) throw new Error(`bad argument for ${name}`);
    const value = evaluate(arg.expr, state);
    values[index] = value;
    infos[index] = {
      kind: kindOfValue(value),
      constant: isConstant(arg.expr.node) ? { value } : undefined,
      span: arg.expr.span,
    };
  }
  const impl = def.compile(infos, state.ctx);
  try {
    return impl.call(...values);
  } catch (error) {
    if (error instanceof VrlError) {
      throw new ExampleError(
        `function call error for "${name}" at (${span.start}:${span.end}): ${error.message}`,
      );
    }
    throw error;
  }
}

function evaluate(node: Node<Expr>, state: State): Value {
  const expr = node.node;
  switch (expr.kind) {
    case 'literal': {
      const lit = expr.literal;
      switch (lit.kind) {
        case 'string':
          return lit.segments.map((s) => (s.kind === 'literal' ? s.value : '')).join('');
        case 'rawString':
          return lit.value;
        case 'integer':
        case 'float':
        case 'boolean':
          return lit.value;
        case 'null':
          return null;
        case 'regex':
          return new VrlRegex(lit.pattern, compileRustRegex(lit.pattern));
        case 'timestamp':
          return new VrlTimestamp(parseRfc3339(lit.value));
      }
      break;
    }
    case 'group':
      return evaluate(expr.expr, state);
    case 'block': {
      let result: Value = null;
      for (const e of expr.block.expressions) result = evaluate(e, state);
      return result;
    }
    case 'array':
      return expr.elements.map((e) => evaluate(e, state));
    case 'object': {
      const out: ValueObject = {};
      for (const entry of expr.entries) setField(out, entry.key.node, evaluate(entry.value, state));
      return out;
    }
    case 'variable':
      return state.variables.get(expr.name) ?? null;
    case 'query': {
      const target = expr.query.target.node;
      let base: Value;
      if (target.kind === 'event') base = state.event;
      else if (target.kind === 'variable') base = state.variables.get(target.name) ?? null;
      else if (target.kind === 'functionCall')
        base = callFunction(target.call, expr.query.target.span, state);
      else if (target.kind === 'container') base = evaluate({ span: node.span, node: target.expr }, state);
      else throw new Error('metadata unsupported');
      return walkPath(base, expr.query);
    }
    case 'functionCall':
      return callFunction(expr.call, node.span, state);
    case 'not':
      return !evaluate(expr.expr, state);
    case 'op': {
      const op = expr.opcode.node;
      if (op === '??') {
        try {
          return evaluate(expr.lhs, state);
        } catch (error) {
          if (error instanceof ExampleError) return evaluate(expr.rhs, state);
          throw error;
        }
      }
      const a = evaluate(expr.lhs, state);
      const b = evaluate(expr.rhs, state);
      if (op === '==') return valueEquals(a, b);
      if (op === '!=') return !valueEquals(a, b);
      if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
      if (op === '+' && typeof a === 'bigint' && typeof b === 'bigint') return a + b;
      if (op === '&&') return a === true && b === true;
      if (op === '||') return a === true || b === true;
      throw new Error(`operator ${op} unsupported in examples`);
    }
    case 'if': {
      const predicate = expr.statement.predicate.node;
      const exprs = predicate.kind === 'one' ? [predicate.expr] : predicate.exprs;
      let cond: Value = null;
      for (const e of exprs) cond = evaluate(e, state);
      if (cond === true)
        return evaluate(
          { span: node.span, node: { kind: 'block', block: expr.statement.consequent.node } },
          state,
        );
      if (expr.statement.alternative) {
        return evaluate(
          { span: node.span, node: { kind: 'block', block: expr.statement.alternative.node } },
          state,
        );
      }
      return null;
    }
    case 'assignment': {
      const { target, err, expr: rhs } = expr.assignment;
      let value: Value;
      let error: Value = null;
      if (err) {
        try {
          value = evaluate(rhs, state);
        } catch (e) {
          if (!(e instanceof ExampleError)) throw e;
          value = null;
          error = e.message.replace(/^function call error for "[^"]+" at \(\d+:\d+\): /, '');
        }
      } else value = evaluate(rhs, state);
      const assign = (t: typeof target, v: Value) => {
        const tn = t.node;
        if (tn.kind === 'variable') state.variables.set(tn.name, v);
        else if (tn.kind === 'query') {
          const qt = tn.query.target.node;
          if (qt.kind === 'event') state.event = assignPath(state.event, tn.query, v);
          else if (qt.kind === 'variable') {
            state.variables.set(qt.name, assignPath(state.variables.get(qt.name) ?? {}, tn.query, v));
          }
        }
      };
      assign(target, value);
      if (err) assign(err, error);
      return value;
    }
    default:
      throw new Error(`${expr.kind} unsupported in examples`);
  }
  throw new Error('unreachable');
}
