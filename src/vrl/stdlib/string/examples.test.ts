import { describe, expect, it } from 'vitest';
import { valueEquals } from '../../value/index.js';
import { functions } from './index.js';
import { evaluate, plain } from './test-helpers/testing.js';

describe('string functions: documented examples', () => {
  it('every function has a unique name and parameters', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(31);
  });

  for (const def of functions) {
    for (const example of def.examples ?? []) {
      it(`${def.name}: ${example.title}`, () => {
        const actual = evaluate(example.source);
        const expected = evaluate(example.result!);
        if (!valueEquals(actual, expected)) expect(plain(actual)).toEqual(plain(expected));
      });
    }
  }
});
