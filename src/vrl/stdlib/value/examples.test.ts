/**
 * Every documented example of the value functions, run through each definition (with a small example
 * evaluator, see `test-helpers/run-example.ts`), and, where the function exists in the oracle, compared with
 * upstream VRL compiled to WebAssembly.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { kindOf, toVrlJson, valueEquals, type Value } from '../../value/index.js';
import { functions } from './index.js';
import { ExampleError, runExample } from './test-helpers/run-example.js';
import { toPlain } from './test-helpers/plain.js';

const verel = createRequire(import.meta.url)('@bpinternal/verel') as {
  execute(src: string, event: unknown): { result: unknown };
};

/** Same kind and same rendering (bytes compared as VRL prints them, invalid UTF-8 lossily). */
function sameValue(a: Value, b: Value): boolean {
  return valueEquals(a, b) || (kindOf(a) === kindOf(b) && toVrlJson(a) === toVrlJson(b));
}

function oracle(source: string, input: unknown): { result?: unknown; error?: string; missing?: boolean } {
  try {
    return { result: verel.execute(source, input).result };
  } catch (error) {
    const text = String((error as Error)?.message ?? error);
    if (
      /not supported in WebAssembly|undefined function|unknown function argument keyword|E105|E108/.test(text)
    )
      return { missing: true };
    return { error: text };
  }
}

for (const def of functions) {
  const examples = def.examples ?? [];
  if (examples.length === 0) continue;
  describe(def.name, () => {
    for (const example of examples) {
      const input = example.input ? runExample(example.input, functions) : {};
      it(example.title, () => {
        let result: Value | undefined;
        let error: string | undefined;
        try {
          result = runExample(example.source, functions, structuredClone(input));
        } catch (e) {
          if (!(e instanceof ExampleError)) throw e;
          error = e.message;
        }
        if (example.error !== undefined) {
          expect(error).toBe(example.error);
        } else {
          expect(error).toBeUndefined();
          const want = runExample(example.result!, functions);
          expect(sameValue(result!, want), `${toVrlJson(result!)} vs ${toVrlJson(want)}`).toBe(true);
        }
        if (def.compatOnly) return;
        const o = oracle(example.source, toPlain(input));
        if (o.missing) return;
        if (example.error !== undefined) expect(o.error).toContain(example.error);
        else expect(toPlain(result!)).toEqual(o.result);
      });
    }
  });
}
