/**
 * Every stdlib function's documented examples (`FunctionDef.examples`, taken from VRL's own docs) run
 * end to end through the compiler: the program's value must equal the expected value (itself VRL
 * source), kinds included, or the program must fail with the documented message.
 */
import { describe, expect, it } from 'vitest';
import { compileVrl } from '../compiler/index.js';
import { toVrlJson, valueEquals, type Value } from '../value/index.js';
import { STDLIB } from './index.js';

/** Functions whose examples depend on the clock, randomness or the host. */
const NONDETERMINISTIC = new Set([
  'now',
  'uuid_v4',
  'uuid_v7',
  'random_bool',
  'random_bytes',
  'random_float',
  'random_int',
  'get_hostname',
  'get_env_var',
  'log',
]);

function evaluate(source: string, compat: 'current' | '0.24', input: Value = {}) {
  return compileVrl(source, { compat }).run(input, { metadata: {} });
}

const withExamples = STDLIB.filter((f) => (f.examples?.length ?? 0) > 0 && !NONDETERMINISTIC.has(f.name));

describe('stdlib documented examples', () => {
  it('has examples for most functions', () => {
    expect(withExamples.length).toBeGreaterThan(0);
  });
  for (const fn of withExamples) {
    const compat = fn.compatOnly ? '0.24' : 'current';
    describe(fn.name, () => {
      for (const example of fn.examples!) {
        it(example.title, () => {
          const input = example.input ? (evaluate(example.input, compat) as { value: Value }).value : {};
          const out = evaluate(example.source, compat, input);
          if (example.error !== undefined) {
            expect(out.ok).toBe(false);
            if (!out.ok) expect(out.error.message).toContain(example.error);
            return;
          }
          if (!out.ok) throw new Error(`${example.source}\nfailed: ${out.error.message}`);
          const expected = evaluate(example.result ?? 'null', compat);
          if (!expected.ok)
            throw new Error(`bad expected value ${example.result}: ${expected.error.message}`);
          if (!valueEquals(out.value, expected.value)) {
            expect(toVrlJson(out.value)).toBe(toVrlJson(expected.value));
          }
        });
      }
    });
  }
});
