/**
 * Test support for the string functions (not used at runtime): compile a function with literal arguments,
 * evaluate VRL's documented examples (literal arguments, nested calls, `floor(…, precision:)`), and the
 * `@bpinternal/verel` oracle.
 */
import { createRequire } from 'node:module';
import type { ArgumentInfo, CompileContext, FunctionDef } from '../../function.js';
import { K, Kind } from '../../../types/index.js';
import { compileRustRegex } from '../../../regex/index.js';
import { parse, type Expr, type Node } from '../../../parser/index.js';
import { newObject, setField, VrlRegex, VrlTimestamp, type Value } from '../../../value/index.js';
import { functions } from '../index.js';

export const CTX: CompileContext = { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() };

export function re(pattern: string): VrlRegex {
  return new VrlRegex(pattern, compileRustRegex(pattern));
}

/** The kind of a literal value. */
export function kindOfValue(value: Value): Kind {
  if (value === null) return Kind.null();
  switch (typeof value) {
    case 'string':
      return Kind.bytes();
    case 'bigint':
      return Kind.integer();
    case 'number':
      return Kind.float();
    case 'boolean':
      return Kind.boolean();
  }
  if (value instanceof Uint8Array) return Kind.bytes();
  if (value instanceof VrlRegex) return Kind.regex();
  if (value instanceof VrlTimestamp) return Kind.timestamp();
  if (Array.isArray(value)) return Kind.tuple(value.map(kindOfValue));
  const known = new Map<string, Kind>();
  for (const [k, v] of Object.entries(value)) known.set(k, kindOfValue(v));
  return Kind.object(known);
}

export function info(value: Value, constant = true): ArgumentInfo {
  return {
    kind: kindOfValue(value),
    constant: constant ? { value } : undefined,
    span: { start: 0, end: 0 },
  } as ArgumentInfo;
}

/** Compile `def` with these literal arguments (`undefined` = omitted) and return the implementation. */
export function compile(def: FunctionDef, args: (Value | undefined)[], ctx: Partial<CompileContext> = {}) {
  const infos = def.parameters.map((_, i) => (args[i] === undefined ? undefined : info(args[i]!)));
  return def.compile(infos, { ...CTX, ...ctx });
}

/** Compile and call in one go. */
export function run(def: FunctionDef, ...args: (Value | undefined)[]): Value {
  return compile(def, args).call(...args);
}

const BY_NAME = new Map(functions.map((f) => [f.name, f]));

function evalExpr(node: Node<Expr>): Value {
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
        case 'regex':
          return re(l.pattern);
        case 'timestamp':
          throw new Error('timestamps are not supported here');
      }
      break;
    }
    case 'group':
      return evalExpr(e.expr);
    case 'array':
      return e.elements.map(evalExpr);
    case 'object': {
      const o = newObject();
      for (const entry of e.entries) setField(o, entry.key.node, evalExpr(entry.value));
      return o;
    }
    case 'functionCall':
      return evalCall(e.call.ident.node, e.call.arguments);
    case 'op': {
      const a = evalExpr(e.lhs) as number;
      const b = evalExpr(e.rhs) as number;
      switch (e.opcode.node) {
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '+':
          return a + b;
        case '-':
          return a - b;
        default:
          break;
      }
      break;
    }
    default:
      break;
  }
  throw new Error(`unsupported expression in example: ${e.kind}`);
}

function evalCall(name: string, args: { node: { name?: Node<string>; expr: Node<Expr> } }[]): Value {
  if (name === 'floor') {
    const value = evalExpr(args[0]!.node.expr) as number;
    const precision = args[1] ? Number(evalExpr(args[1].node.expr) as bigint) : 0;
    const f = 10 ** precision;
    return Math.floor(value * f) / f;
  }
  const def = BY_NAME.get(name);
  if (!def) throw new Error(`unknown function ${name}`);
  const values: (Value | undefined)[] = def.parameters.map(() => undefined);
  const infos: (ArgumentInfo | undefined)[] = def.parameters.map(() => undefined);
  args.forEach((arg, position) => {
    const keyword = arg.node.name?.node;
    const index = keyword === undefined ? position : def.parameters.findIndex((p) => p.keyword === keyword);
    if (index < 0) throw new Error(`unknown keyword ${keyword}`);
    const value = evalExpr(arg.node.expr);
    values[index] = value;
    infos[index] = info(value);
  });
  const impl = def.compile(infos, CTX);
  return impl.call(...values);
}

/** Evaluate a single-expression example program (or an expected result written as VRL source). */
export function evaluate(source: string): Value {
  const program = parse(source);
  let result: Value = null;
  for (const expr of program.expressions) result = evalExpr(expr);
  return result;
}

/** Whether `source` uses only what `evaluate` supports. */
export function evaluable(source: string): boolean {
  try {
    evaluate(source);
    return true;
  } catch (e) {
    return !(e instanceof Error && /unsupported|unknown function/.test(e.message));
  }
}

interface Verel {
  execute(source: string, event: unknown): { result: unknown };
}
let verel: Verel | undefined;

/** Run `source` in upstream VRL (WebAssembly); throws with VRL's message on errors. */
export function oracle(source: string, event: Record<string, unknown> = {}): unknown {
  verel ??= createRequire(import.meta.url)('@bpinternal/verel') as Verel;
  return verel.execute(source, event).result;
}

/** Our value in the oracle's plain-JS shape (integers and floats become numbers). */
export function plain(value: Value): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof VrlRegex) return value.pattern;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && !(value instanceof VrlTimestamp)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

export { K };
