import { describe, expect, it } from 'vitest';
import { toVrlJson, VrlError } from '../../value/index.js';
import { functions } from './index.js';
import { evaluate, NOT_IN_ORACLE, oracle, ours } from './test-helpers/testing.js';

describe('documented examples', () => {
  for (const def of functions) {
    for (const example of def.examples ?? []) {
      it(`${def.name}: ${example.title}`, () => {
        if (example.error !== undefined) {
          expect(() => evaluate(example.source)).toThrow(VrlError);
          expect(() => evaluate(example.source)).toThrow(example.error);
        } else {
          expect(toVrlJson(evaluate(example.source))).toBe(toVrlJson(evaluate(example.result!)));
        }
      });
      if (!NOT_IN_ORACLE.has(def.name) && def.name !== 'get_timezone_name') {
        it(`${def.name}: ${example.title} (oracle)`, () => {
          expect(ours(example.source)).toEqual(oracle(example.source));
        });
      }
    }
  }
});
