/** Seeded random programs for the structural functions, compared with upstream VRL. */
import { describe, expect, it } from 'vitest';
import { VrlError } from '../../value/index.js';
import { functions } from './index.js';
import { runOracle } from './test-helpers/oracle.js';
import { toPlain } from './test-helpers/plain.js';
import { prng, randomObject, randomValue, vrlSource } from './test-helpers/random.js';
import { ExampleError, runExample } from './test-helpers/run-example.js';

const rand = prng(20260);

function ours(source: string): { ok: true; result: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, result: toPlain(runExample(source, functions)) };
  } catch (error) {
    if (error instanceof ExampleError || error instanceof VrlError) {
      return {
        ok: false,
        error: error.message.replace(/^function call error for "[^"]+" at \(\d+:\d+\): /, ''),
      };
    }
    throw error;
  }
}

function randomPath(): string {
  const segments = ['"a"', '"b"', '"a.b"', '0', '1', '-1', '-3', '""'];
  return `[${Array.from({ length: 1 + Math.floor(rand() * 3) }, () => segments[Math.floor(rand() * segments.length)]).join(', ')}]`;
}

const bool = () => (rand() < 0.5 ? 'true' : 'false');

const programs: string[] = [];
for (let i = 0; i < 40; i++) {
  const o = vrlSource(randomObject(rand));
  const p = vrlSource(randomObject(rand));
  const v = vrlSource(randomValue(rand));
  const arr = vrlSource([randomValue(rand), randomValue(rand), randomValue(rand), randomValue(rand)]);
  programs.push(
    `flatten(${o})`,
    `flatten(${arr})`,
    `unflatten(${o})`,
    `unflatten(${o}, recursive: ${bool()})`,
    `compact(${o}, recursive: ${bool()}, null: ${bool()}, string: ${bool()}, object: ${bool()}, array: ${bool()}, nullish: ${bool()})`,
    `compact(${arr})`,
    `merge(${o}, ${p}, deep: ${bool()})`,
    `unique(${arr})`,
    `values(${o})`,
    `tag_types_externally(${v})`,
    `get!(${o}, ${randomPath()})`,
    `set!(${o}, ${randomPath()}, ${v})`,
    `set!(${arr}, ${randomPath()}, 1)`,
    `remove!(${o}, ${randomPath()}, compact: ${bool()})`,
    `remove!(${arr}, ${randomPath()}, compact: ${bool()})`,
    `is_nullish(${v})`,
    `includes(${arr}, ${v})`,
    `length(${o})`,
  );
}

describe('random structural programs against upstream', () => {
  for (const source of programs) {
    it(source, () => {
      expect(ours(source)).toEqual(runOracle(source));
    });
  }
});
