/** Turns the generated statements into a JavaScript function and wraps it as a `VrlProgram`. */
import type { Diagnostic } from '../diagnostics/index.js';
import * as rt from '../runtime/index.js';
import { toText, type Value } from '../value/index.js';

export interface RunOptions {
  /** The metadata object (`%…`), mutated in place; a new empty object when omitted. */
  metadata?: Value;
}

export type RunResult =
  | { ok: true; value: Value; event: Value; metadata: Value }
  | { ok: false; error: { message: string; abort?: boolean } };

export interface VrlProgram {
  /** Runs the program on `event` (mutated in place; the result's `event` is the final event). */
  run(event: Value, options?: RunOptions): RunResult;
  readonly warnings: Diagnostic[];
  /** The generated JavaScript (for debugging). */
  readonly code: string;
}

type Compiled = (ev: Value, md: Value) => [Value, Value, Value];

export function buildProgram(
  body: string[],
  result: string,
  temps: number,
  variables: Iterable<string>,
  constants: unknown[],
  impls: unknown[],
  warnings: Diagnostic[],
): VrlProgram {
  const decls: string[] = [];
  for (let i = 1; i <= temps; i++) decls.push(`t${i}`);
  const vars = [...variables].map((v) => `v_${v} = null`);
  const code = [
    '"use strict";',
    'return function vrl(ev, md) {',
    decls.length ? `let ${decls.join(', ')};` : '',
    vars.length ? `let ${vars.join(', ')};` : '',
    ...body,
    `return [${result}, ev, md];`,
    '};',
  ].join('\n');
  const factory = new Function('rt', 'c', 'f', code) as (
    r: typeof rt,
    c: unknown[],
    f: unknown[],
  ) => Compiled;
  const fn = factory(rt, constants, impls);
  return {
    warnings,
    code,
    run(event: Value, options?: RunOptions): RunResult {
      try {
        const [value, ev, md] = fn(event, options?.metadata ?? {});
        return { ok: true, value, event: ev, metadata: md };
      } catch (e) {
        if (e instanceof rt.Abort) {
          const m = e.message;
          const text =
            m === null ? 'aborted' : typeof m === 'string' || m instanceof Uint8Array ? toText(m) : String(m);
          return { ok: false, error: { message: text, abort: true } };
        }
        if (e instanceof rt.Fatal) return { ok: false, error: { message: e.message } };
        if (e instanceof rt.ClosureReturn)
          return { ok: false, error: { message: 'return cannot be used inside closures' } };
        return { ok: false, error: { message: e instanceof Error ? e.message : String(e) } };
      }
    },
  };
}
