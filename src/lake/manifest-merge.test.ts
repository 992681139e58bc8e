/**
 * Manifest merging on append: a table committed to every second must not grow one manifest per
 * commit forever. Checked with our scan, time travel, and an independent reader (icebird).
 */
import { icebergRead } from 'icebird';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from './io/index.js';
import { openLake, tsRangeOf, type Lake } from './index.js';
import { readManifest, readManifestList } from './table/manifests.js';
import { installFileFetch } from './test-helpers/file-fetch.js';
import { HOURLY, T0, TRAIL_SCHEMA, tempDir, trailRow } from './test-helpers/helpers.js';

async function append(lake: Lake, table: string, start: number, n: number) {
  const w = lake.createWriter(await lake.loadTable(table));
  for (let i = start; i < start + n; i++) await w.write(trailRow(i, 0));
  await lake.commit([{ table, dataFiles: await w.finish() }]);
}

async function manifestsOf(lake: Lake, table: string) {
  const t = await lake.loadTable(table);
  const snapshot = t.metadata.snapshots!.find((s) => s['snapshot-id'] === t.metadata['current-snapshot-id'])!;
  return { t, list: await readManifestList(new LocalObjectStore(), snapshot) };
}

describe('manifest merging', () => {
  it('merges carried manifests at min-count-to-merge, keeping rows, sequence numbers and time travel', async () => {
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    const uninstall = installFileFetch();
    try {
      await lake.ensureTable('trail', TRAIL_SCHEMA, HOURLY, { 'commit.manifest.min-count-to-merge': '4' });
      await lake.ensureTable('plain', TRAIL_SCHEMA, HOURLY, { 'commit.manifest-merge.enabled': 'false' });
      for (let c = 0; c < 10; c++) {
        await append(lake, 'trail', c * 10, 3);
        await append(lake, 'plain', c * 10, 3);
      }
      // without merging: one manifest per commit
      expect((await manifestsOf(lake, 'plain')).list).toHaveLength(10);
      // with it: never more than the threshold plus this commit's own manifest
      const { t, list } = await manifestsOf(lake, 'trail');
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list.length).toBeLessThan(10);

      // every row once, each with the sequence number of the commit that added it
      const entries = (
        await Promise.all(list.map((m) => readManifest(new LocalObjectStore(), t.metadata, m)))
      ).flat();
      const live = entries.filter((e) => e.status !== 2);
      expect(live.reduce((n, e) => n + e.dataFile.recordCount, 0)).toBe(30);
      expect(new Set(live.map((e) => e.sequenceNumber))).toEqual(
        new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
      );
      const plan = await lake.planScan('trail');
      expect(plan.files.reduce((n, f) => n + f.recordCount, 0)).toBe(30);
      // the range of ts from column metrics alone (rows 0-2, 10-12, …, 90-92; 1 ms apart)
      expect(tsRangeOf(plan)).toEqual({ min: T0, max: T0 + 92 * 1000 });

      // an old snapshot still reads as it was
      const third = t.metadata.snapshots![2]!['snapshot-id'];
      const old = await lake.planScan('trail', { snapshotId: third });
      expect(old.files.reduce((n, f) => n + f.recordCount, 0)).toBe(9);

      // an independent reader agrees
      const rows = (await icebergRead({
        tableUrl: t.metadata.location,
        metadataFileName: path.basename(t.metadataLocation),
      })) as unknown[];
      expect(rows).toHaveLength(30);
    } finally {
      uninstall();
      await lake.close();
      await cleanup();
    }
  });
});
