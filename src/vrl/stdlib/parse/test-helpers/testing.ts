/**
 * Test support for the parse functions: call a `FunctionDef` with VRL values (arguments given as
 * constants), turn results into plain JSON for comparison, and run the upstream oracle.
 */
import { createRequire } from 'node:module';
import type { FunctionDef, CompileContext, ArgumentInfo } from '../../function.js';
import { Kind, K } from '../../../types/kind.js';
import { toRfc3339 } from '../../../time/index.js';
import { VrlRegex, VrlTimestamp, kindOf, type Value } from '../../../value/index.js';
import { toText } from '../../../value/bytes.js';

export const DEFAULT_CTX: CompileContext = {
  timezone: 'UTC',
  compat: 'current',
  enrichmentTables: new Map(),
};

const KIND_BITS: Record<string, number> = {
  bytes: K.BYTES,
  integer: K.INTEGER,
  float: K.FLOAT,
  boolean: K.BOOLEAN,
  null: K.NULL,
  timestamp: K.TIMESTAMP,
  regex: K.REGEX,
  array: K.ARRAY,
  object: K.OBJECT,
};

/** Argument infos for constant arguments (`undefined` = omitted). */
export function constantArgs(args: readonly (Value | undefined)[]): (ArgumentInfo | undefined)[] {
  return args.map((value) =>
    value === undefined
      ? undefined
      : { kind: Kind.bits(KIND_BITS[kindOf(value)]!), constant: { value }, span: [0, 0] as never },
  );
}

/** Compiles `def` with constant arguments and runs it. */
export function callFn(
  def: FunctionDef,
  args: readonly (Value | undefined)[],
  ctx: CompileContext = DEFAULT_CTX,
): Value {
  const padded = [...args];
  while (padded.length < def.parameters.length) padded.push(undefined);
  const impl = def.compile(constantArgs(padded), ctx);
  return impl.call(...padded);
}

/** The thrown message of a call, or throws when it does not fail. */
export function callError(
  def: FunctionDef,
  args: readonly (Value | undefined)[],
  ctx?: CompileContext,
): string {
  try {
    callFn(def, args, ctx);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${def.name} did not fail`);
}

/** A VRL value as plain JSON (as the oracle returns it): timestamps as RFC 3339, bigint as number. */
export function toPlain(value: Value): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null; // as serde_json writes it
  if (value instanceof Uint8Array) return toText(value);
  if (value instanceof VrlTimestamp) return toRfc3339(value.ns);
  if (value instanceof VrlRegex) return value.pattern;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: toPlain(value[key]!),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

interface Verel {
  execute(src: string, event: unknown): { event: unknown; result: unknown };
}

let verel: Verel | undefined;
export function oracle(): Verel {
  verel ??= createRequire(import.meta.url)('@bpinternal/verel') as Verel;
  return verel;
}

/** Runs VRL source in the oracle: `{ ok: result }` or `{ error: message }` (the function's own message). */
export function runOracle(src: string, event: unknown = {}): { ok: unknown } | { error: string } {
  try {
    return { ok: oracle().execute(src, event).result };
  } catch (e) {
    const text = String(e);
    const m = /function call error for "[^"]+" at \(\d+:\d+\): ([\s\S]*)$/.exec(text);
    return { error: m ? m[1]! : text };
  }
}

/** A VRL string literal for `text`. */
export function vrlString(text: string): string {
  return `"${text.replace(/[\\"{}\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '{': '\\{', '}': '\\}', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)}"`;
}

/** Our result in oracle shape: `{ ok }` or `{ error }`. */
export function runOurs(
  def: FunctionDef,
  args: readonly (Value | undefined)[],
  ctx?: CompileContext,
): { ok: unknown } | { error: string } {
  try {
    return { ok: toPlain(callFn(def, args, ctx)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
