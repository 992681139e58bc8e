/**
 * Golden tests of the managed log sources (run from golden.<n>.test.ts, one shard each, so the
 * two cores share them): every sample under `src/managed/<type>/samples/`
 * goes through the real ingest path (decode, table choice, VRL, conform, Iceberg commit) and
 * what the lake holds afterwards must equal its reviewed `<case>.expected.json`.
 *
 * `UPDATE_GOLDEN=1 npx vitest run src/managed -t OKTA` writes the expected files instead;
 * review every one by hand before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoldenLake, sampleCases } from './golden.js';
import { loadManagedSource, managedTypes, type ManagedSource } from './registry.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The types of shard `shard` of `shards`: types dealt by sample count, largest first, to the lightest shard. */
export function shardTypes(shard: number, shards: number): string[] {
  const weight = (t: string) => {
    try {
      return sampleCases(t).length + 1;
    } catch {
      return 1;
    }
  };
  const load = new Array<number>(shards).fill(0);
  const out: string[][] = Array.from({ length: shards }, () => []);
  for (const type of managedTypes().sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const i = load.indexOf(Math.min(...load));
    load[i]! += weight(type);
    out[i]!.push(type);
  }
  return out[shard]!.sort();
}

export function goldenSuite(shard: number, shards: number): void {
  describe.each(shardTypes(shard, shards))('%s', (type) => {
    // A broken definition fails its own type's tests, not the whole file's collection.
    let managed: ManagedSource | undefined;
    let broken: unknown;
    try {
      managed = loadManagedSource(type);
    } catch (err) {
      broken = err;
    }
    const cases = broken ? [] : sampleCases(type);

    it('loads', () => {
      if (broken) throw broken;
      expect(managed).toBeDefined();
    });
    let lake: GoldenLake;
    beforeAll(async () => {
      if (cases.length > 0) lake = await GoldenLake.open(type);
    });
    afterAll(() => lake?.close());

    it('has a sample for every table', () => {
      if (!managed) return;
      const covered = new Set(cases.map((c) => c.table));
      const missing = managed.tables.map((t) => t.name).filter((t) => !covered.has(t));
      expect(missing, `tables of ${type} without samples/<table>/`).toEqual([]);
    });

    it.each(cases.map((c) => [`${c.table}/${c.name}`, c] as const))(
      '%s',
      { timeout: 60_000 },
      async (_, sample) => {
        const actual = await lake.run(sample);
        if (UPDATE || !existsSync(sample.expected)) {
          writeFileSync(sample.expected, JSON.stringify(actual, null, 2) + '\n');
          if (!UPDATE) throw new Error(`no ${sample.expected}: written now; review it and run again`);
          return;
        }
        const expected = JSON.parse(readFileSync(sample.expected, 'utf8')) as unknown;
        expect(actual).toEqual(expected);
        // Clean samples map every field they carry; bad-input samples say so through dead letters.
        if (actual.summary.deadLettered === 0) {
          expect(actual.summary.droppedFields, 'fields the mapping outputs but the schema lacks').toEqual({});
          expect(actual.summary.conformWarnings, 'values the schema could not take').toBe(0);
        }
      },
    );
  });
}
