import { describe, expect, it } from 'vitest';
import { functions } from './index.js';
import { oracle } from './test-helpers/test_support.js';

/**
 * The documented examples are VRL programs; until the compiler runs them, check them against upstream VRL
 * itself (the WebAssembly oracle, VRL 0.25): each example's program must produce its stated result. Examples
 * of functions newer than the oracle (or changed since) are skipped when the oracle does not know them.
 */
const NEWER_THAN_ORACLE = new Set(['xxhash', 'encode_csv', 'encode_lz4', 'decode_lz4']);

describe('codec function table', () => {
  it('lists every function once, each with examples', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(42);
    for (const f of functions) expect(f.examples?.length ?? 0, f.name).toBeGreaterThan(0);
  });
});

describe('documented examples hold in upstream VRL', () => {
  const vrl = oracle();
  const cases = functions.flatMap((f) => (f.examples ?? []).map((e) => [f.name, e.title, e] as const));
  it.each(cases)('%s: %s', (name, _title, example) => {
    if (NEWER_THAN_ORACLE.has(name)) return;
    const actual = vrl.execute(example.source, {}).result;
    const expected = vrl.execute(example.result!, {}).result;
    expect(actual).toEqual(expected);
  });
});
