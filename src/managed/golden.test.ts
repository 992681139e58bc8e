/**
 * Golden tests of the managed log sources: every sample under `src/managed/<type>/samples/`
 * goes through the real ingest path (decode, table choice, VRL, conform, Iceberg commit) and
 * what the lake holds afterwards must equal its reviewed `<case>.expected.json`.
 *
 * `UPDATE_GOLDEN=1 npx vitest run src/managed -t OKTA` writes the expected files instead;
 * review every one by hand before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSample, sampleCases } from './golden.js';
import { loadManagedSource, managedTypes } from './registry.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe.each(managedTypes())('%s', (type) => {
  const managed = loadManagedSource(type)!;
  const cases = sampleCases(type);

  it('has a sample for every table', () => {
    const covered = new Set(cases.map((c) => c.table));
    const missing = managed.tables.map((t) => t.name).filter((t) => !covered.has(t));
    expect(missing, `tables of ${type} without samples/<table>/`).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.table}/${c.name}`, c] as const))(
    '%s',
    { timeout: 60_000 },
    async (_, sample) => {
      const actual = await runSample(sample);
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
