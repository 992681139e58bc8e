/** Test helpers: compile a function with literal (or non-literal) arguments and call it. Used by the tests only. */
import { createRequire } from 'node:module';
import type { ArgumentInfo, CompileContext, FunctionDef, FunctionImpl } from '../../function.js';
import { Kind, K } from '../../../types/index.js';
import { kindOf, type Value } from '../../../value/index.js';

const BITS: Record<string, number> = {
  bytes: K.BYTES,
  integer: K.INTEGER,
  float: K.FLOAT,
  boolean: K.BOOLEAN,
  timestamp: K.TIMESTAMP,
  regex: K.REGEX,
  null: K.NULL,
  array: K.ARRAY,
  object: K.OBJECT,
};

export const CTX: CompileContext = { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() };

/** Arguments in parameter order; `undefined` = omitted. `literal: false` hides the values from the compiler. */
export function compileWith(def: FunctionDef, args: (Value | undefined)[], literal = true): FunctionImpl {
  const infos: (ArgumentInfo | undefined)[] = args.map((value) =>
    value === undefined
      ? undefined
      : {
          kind: Kind.bits(BITS[kindOf(value)]!),
          span: { start: 0, end: 0 },
          ...(literal ? { constant: { value } } : {}),
        },
  );
  return def.compile(infos, CTX);
}

export function run(def: FunctionDef, ...args: (Value | undefined)[]): Value {
  return compileWith(def, args).call(...args);
}

interface Verel {
  execute(source: string, event: object): { result: unknown };
}
let verel: Verel | undefined;
/** The upstream VRL oracle (WebAssembly), loaded once. */
export function oracle(): Verel {
  verel ??= createRequire(import.meta.url)('@bpinternal/verel') as Verel;
  return verel;
}

/** A VRL string literal for arbitrary text. */
export function vrlString(text: string): string {
  return `"${text.replace(/[\\"\n\r\t{]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '{': '\\{' })[c]!)}"`;
}
