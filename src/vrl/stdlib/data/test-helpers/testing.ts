/**
 * Test support for the data functions (not part of the stdlib): calls a `FunctionDef` with VRL values, a
 * tiny evaluator for the documented examples (literals, arrays, objects, calls, event paths, variables),
 * plain-JSON conversion to compare with the oracle, and the oracle itself.
 */
import { createRequire } from 'node:module';
import { parse, type Expr, type Node } from '../../../parser/index.js';
import { parseRfc3339, toRfc3339 } from '../../../time/index.js';
import { K, Kind } from '../../../types/index.js';
import {
  fromBytes,
  isObject,
  kindOf,
  parseVrlJson,
  setField,
  toBytes,
  toText,
  VrlError,
  VrlRegex,
  VrlTimestamp,
  type Value,
  type ValueObject,
} from '../../../value/index.js';
import type { ArgumentInfo, CompileContext, FunctionDef } from '../../function.js';
import { functions } from '../index.js';

export const CTX: CompileContext = { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() };

const KIND_BUILDERS: Record<string, () => Kind> = {
  bytes: Kind.bytes,
  integer: Kind.integer,
  float: Kind.float,
  boolean: Kind.boolean,
  null: Kind.null,
  timestamp: Kind.timestamp,
  regex: Kind.regex,
  array: () => Kind.array(),
  object: () => Kind.object({}, Kind.any()),
};

function info(value: Value | undefined, constant: boolean): ArgumentInfo | undefined {
  if (value === undefined) return undefined;
  return {
    kind: KIND_BUILDERS[kindOf(value)]!(),
    constant: constant ? { value } : undefined,
    span: { start: 0, end: 0 } as ArgumentInfo['span'],
  };
}

/** Compiles `def` with the named arguments (all constant unless `dynamic`) and calls it. */
export function callFn(
  def: FunctionDef,
  args: Record<string, Value>,
  options: { dynamic?: boolean; ctx?: CompileContext } = {},
): Value {
  const values = def.parameters.map((p) => args[p.keyword]);
  for (const key of Object.keys(args)) {
    if (!def.parameters.some((p) => p.keyword === key)) throw new Error(`unknown argument ${key}`);
  }
  const impl = def.compile(
    values.map((v) => info(v, !options.dynamic)),
    options.ctx ?? CTX,
  );
  return impl.call(...values);
}

const byName = new Map(functions.map((f) => [f.name, f]));

function expect(kind: string, v: Value): Value {
  if (kindOf(v) !== kind)
    throw new VrlError(`expected ${kind === 'bytes' ? 'string' : kind}, got ${kindOf(v)}`);
  return v;
}

const HELPERS: Record<string, (...args: Value[]) => Value> = {
  string: (v) => expect('bytes', v),
  int: (v) => expect('integer', v),
  encode_base64: (v) => Buffer.from(toBytes(v as string | Uint8Array)).toString('base64'),
  decode_base64: (v) => fromBytes(new Uint8Array(Buffer.from(toText(v as string), 'base64'))),
};

/** Evaluates a small VRL program as the documented examples are written. */
export function evaluate(source: string, event: ValueObject = {}, ctx: CompileContext = CTX): Value {
  const program = parse(source);
  const vars = new Map<string, Value>();
  let last: Value = null;
  for (const expr of program.expressions)
    last = evalExpr(expr, { constants: new Set(), source, event, vars, ctx });
  return last;
}

interface Scope {
  constants: Set<string>;
  source: string;
  event: ValueObject;
  vars: Map<string, Value>;
  ctx: CompileContext;
}

function evalExpr(node: Node<Expr>, scope: Scope): Value {
  const e = node.node;
  switch (e.kind) {
    case 'literal': {
      const l = e.literal;
      switch (l.kind) {
        case 'string':
          return l.segments.map((s) => (s.kind === 'literal' ? s.value : '')).join('');
        case 'rawString':
          return l.value;
        case 'integer':
        case 'float':
        case 'boolean':
          return l.value;
        case 'null':
          return null;
        case 'timestamp':
          return new VrlTimestamp(parseRfc3339(l.value));
        default:
          throw new Error(`unsupported literal ${l.kind}`);
      }
    }
    case 'group':
      return evalExpr(e.expr, scope);
    case 'array':
      return e.elements.map((x) => evalExpr(x, scope));
    case 'object': {
      const out: ValueObject = {};
      for (const entry of e.entries) setField(out, entry.key.node, evalExpr(entry.value, scope));
      return out;
    }
    case 'variable':
      return scope.vars.get(e.name) ?? null;
    case 'query': {
      if (e.query.target.node.kind !== 'event') throw new Error('unsupported query');
      let value: Value = scope.event;
      for (const seg of e.query.path) {
        if (seg.node.kind !== 'field' || !isObject(value)) return null;
        value = value[seg.node.name] ?? null;
      }
      return value;
    }
    case 'op': {
      if (e.opcode.node !== '??') throw new Error(`unsupported operator ${e.opcode.node}`);
      try {
        return evalExpr(e.lhs, scope);
      } catch (error) {
        if (error instanceof VrlError) return evalExpr(e.rhs, scope);
        throw error;
      }
    }
    case 'assignment': {
      const target = e.assignment.target.node;
      const errTarget = e.assignment.err?.node;
      let value: Value;
      let err: Value = null;
      try {
        value = evalExpr(e.assignment.expr, scope);
      } catch (error) {
        if (!(error instanceof VrlError) || !errTarget) throw error;
        value = error instanceof CallError ? defaultFor(error.kind) : null;
        err = error.message;
      }
      if (target.kind === 'variable') {
        scope.vars.set(target.name, value);
        if (!errTarget && isConstant(e.assignment.expr, scope)) scope.constants.add(target.name);
        else scope.constants.delete(target.name);
      }
      if (errTarget?.kind === 'variable') scope.vars.set(errTarget.name, err);
      return value;
    }
    case 'functionCall': {
      const call = e.call;
      const name = call.ident.node;
      const positional: Value[] = [];
      const named: Record<string, Value> = {};
      for (const arg of call.arguments) {
        const value = evalExpr(arg.node.expr, scope);
        if (arg.node.name) named[arg.node.name.node] = value;
        else positional.push(value);
      }
      const helper = HELPERS[name];
      if (helper) return helper(...positional);
      const def = byName.get(name);
      if (!def) throw new Error(`unknown function ${name}`);
      const values: (Value | undefined)[] = [];
      const constants: boolean[] = [];
      def.parameters.forEach((p, i) => {
        const namedAt = call.arguments.findIndex((a) => a.node.name?.node === p.keyword);
        const positionalArgs = call.arguments.filter((a) => !a.node.name);
        const arg = namedAt >= 0 ? call.arguments[namedAt] : positionalArgs[i];
        values.push(p.keyword in named ? named[p.keyword] : positional[i]);
        constants.push(arg !== undefined && isConstant(arg.node.expr, scope));
      });
      const impl = def.compile(
        values.map((v, i) => info(v, constants[i]!)),
        scope.ctx,
      );
      try {
        return impl.call(...values);
      } catch (error) {
        if (!(error instanceof VrlError) || error instanceof CallError) throw error;
        const { start, end } = node.span as unknown as { start: number; end: number };
        throw new CallError(
          `function call error for "${name}" at (${start}:${end}): ${error.message}`,
          impl.kind,
        );
      }
    }
    default:
      throw new Error(`unsupported expression ${e.kind}`);
  }
}

/** A failed call (not aborting): the error and the call's kind, for `ok, err = …` defaults. */
class CallError extends VrlError {
  constructor(
    message: string,
    readonly kind: Kind,
  ) {
    super(message);
  }
}

/** VRL's default value for a kind: that of its only primitive kind, else null. */
function defaultFor(kind: Kind): Value {
  const defaults: [number, Value][] = [
    [K.BYTES, ''],
    [K.INTEGER, 0n],
    [K.FLOAT, 0],
    [K.BOOLEAN, false],
    [K.OBJECT, {}],
    [K.ARRAY, []],
    [K.TIMESTAMP, new VrlTimestamp(0n)],
  ];
  for (const [bit, value] of defaults) if (kind.bits === bit) return value;
  return null;
}

/** Literals, and arrays, objects and variables made only of them, are constant (as VRL folds them). */
function isConstant(node: Node<Expr>, scope: Scope): boolean {
  const e = node.node;
  switch (e.kind) {
    case 'literal':
      return true;
    case 'group':
      return isConstant(e.expr, scope);
    case 'array':
      return e.elements.every((x) => isConstant(x, scope));
    case 'object':
      return e.entries.every((x) => isConstant(x.value, scope));
    case 'variable':
      return scope.constants.has(e.name);
    default:
      return false;
  }
}

/** A value as plain JSON data, as the oracle returns it. */
export function toPlain(value: Value): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null; // as JSON carries it
  if (value instanceof Uint8Array) return toText(value);
  if (value instanceof VrlTimestamp) return toRfc3339(value.ns);
  if (value instanceof VrlRegex) return value.pattern;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: toPlain(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Functions the oracle's VRL version predates. */
export const NOT_IN_ORACLE = new Set(['parse_yaml', 'haversine']);

interface Verel {
  execute(src: string, event: unknown): { result: unknown; event: unknown };
}

let verel: Verel | undefined;

/** Upstream VRL (WebAssembly): the program's result as plain JSON, or `{ error }` with VRL's message. */
export function oracle(source: string, event: Record<string, unknown> = {}): unknown {
  verel ??= createRequire(import.meta.url)('@bpinternal/verel') as Verel;
  try {
    return verel.execute(source, event).result;
  } catch (e) {
    const text = String(e);
    return { error: text.split('\n').slice(-1)[0] };
  }
}

/** Our evaluation of the same program, in the oracle's shape. */
export function ours(source: string, event: Record<string, unknown> = {}): unknown {
  try {
    return toPlain(evaluate(source, parseVrlJson(JSON.stringify(event)) as ValueObject));
  } catch (e) {
    if (e instanceof VrlError) return { error: e.message };
    throw e;
  }
}
