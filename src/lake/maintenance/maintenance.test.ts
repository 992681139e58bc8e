import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLake, type Lake } from '../index.js';
import { DuckEngine } from '../parquet/engine.js';
import { HOUR_US, HOURLY, T0, TRAIL_SCHEMA, tempDir, trailRow } from '../test-helpers/helpers.js';

async function appendBatch(lake: Lake, start: number, n: number, hours: number) {
  const w = lake.createWriter(await lake.loadTable('trail'));
  for (let i = start; i < start + n; i++) await w.write(trailRow(i, i % hours));
  const files = await w.finish();
  await lake.commit([{ table: 'trail', dataFiles: files }]);
  return files;
}

async function allRows(engine: DuckEngine, lake: Lake) {
  const plan = await lake.planScan('trail');
  if (plan.files.length === 0) return [];
  const files = plan.files.map((f) => `'${f.path}'`).join(', ');
  return engine.all(
    `SELECT epoch_us(ts) AS ts, event, source, score, ok, tags, labels, resources FROM read_parquet([${files}]) ORDER BY event.sequence`,
  );
}

async function withLake(fn: (lake: Lake, engine: DuckEngine, dir: string) => Promise<void>) {
  const { dir, cleanup } = await tempDir();
  const lake = await openLake({ root: dir });
  const engine = await DuckEngine.create();
  try {
    await lake.ensureTable('trail', TRAIL_SCHEMA, HOURLY);
    await fn(lake, engine, dir);
  } finally {
    await engine.close();
    await lake.close();
    await cleanup();
  }
}

describe('maintenance', () => {
  it('compaction keeps every row and reduces the file count in one replace snapshot', () =>
    withLake(async (lake, engine) => {
      for (let b = 0; b < 4; b++) await appendBatch(lake, b * 30, 30, 2);
      const before = await allRows(engine, lake);
      expect(before).toHaveLength(120);
      const planBefore = await lake.planScan('trail');
      expect(planBefore.files).toHaveLength(8);
      const snapsBefore = (await lake.describeTable('trail')).snapshots.length;

      const r = await lake.compact('trail');
      expect(r).toMatchObject({ rewrittenFiles: 8, addedFiles: 2, partitions: 2 });
      const d = await lake.describeTable('trail');
      expect(d.snapshots).toHaveLength(snapsBefore + 1);
      const last = d.snapshots.at(-1)!;
      expect(last.operation).toBe('replace');
      expect(last.summary).toMatchObject({
        'added-data-files': '2',
        'deleted-data-files': '8',
        'added-records': '120',
        'deleted-records': '120',
      });
      expect(d.rows).toBe(120);
      expect(d.files).toBe(2);
      const after = await lake.planScan('trail');
      expect(after.files).toHaveLength(2);
      expect(await allRows(engine, lake)).toEqual(before);
      // merged metrics still prune by ts
      expect((await lake.planScan('trail', { tsRange: { min: T0 + HOUR_US } })).files).toHaveLength(1);
      // nothing left to compact
      expect((await lake.compact('trail')).rewrittenFiles).toBe(0);
      // the previous snapshot still sees the old files (time travel until expiry)
      expect(
        (await lake.planScan('trail', { snapshotId: d.snapshots.at(-2)!.snapshotId })).files,
      ).toHaveLength(8);
    }));

  it('expiry removes old snapshots and deletes only unreferenced files', () =>
    withLake(async (lake, engine) => {
      const first = await appendBatch(lake, 0, 20, 1);
      await appendBatch(lake, 20, 20, 1);
      await lake.compact('trail');
      await appendBatch(lake, 40, 20, 1); // live, never compacted
      const before = await allRows(engine, lake);
      const d = await lake.describeTable('trail');
      expect(d.snapshots).toHaveLength(4);
      const live = (await lake.planScan('trail')).files.map((f) => f.path);
      expect(live).toHaveLength(2);

      // nothing is older than a past cutoff
      expect((await lake.expireSnapshots('trail', { beforeMs: 0 })).expiredSnapshots).toHaveLength(0);

      const r = await lake.expireSnapshots('trail', { beforeMs: Date.now() + 1000, retainLast: 1 });
      expect(r.expiredSnapshots).toHaveLength(3);
      expect(r.deletedDataFiles).toBe(2); // the two pre-compaction files
      expect(r.deletedManifestLists).toBe(3);
      const after = await lake.describeTable('trail');
      expect(after.snapshots.map((s) => s.snapshotId)).toEqual([d.currentSnapshotId]);
      for (const p of live) await expect(fs.access(p)).resolves.toBeUndefined();
      await expect(fs.access(first[0]!.filePath)).rejects.toThrow();
      expect(await allRows(engine, lake)).toEqual(before);
      // the current snapshot's manifest list and manifests still exist
      const t = await lake.loadTable('trail');
      const snap = t.metadata.snapshots[0]!;
      await expect(fs.access(snap['manifest-list'])).resolves.toBeUndefined();
    }));

  it('retention drops whole partitions older than the window in a delete snapshot', () =>
    withLake(async (lake, engine) => {
      await appendBatch(lake, 0, 40, 4); // hours 10..13 on 2024-01-01
      const now = new Date(T0 / 1000 + 3.5 * 3_600_000); // 13:30
      const r = await lake.applyRetention('trail', { retentionMs: 2 * 3_600_000, now }); // cutoff 11:30
      expect(r.deletedFiles).toBe(2); // hours 10 and 11 (11's rows end before 11:30)
      expect(r.deletedRecords).toBe(20);
      const d = await lake.describeTable('trail');
      expect(d.snapshots.at(-1)!.operation).toBe('delete');
      expect(d.rows).toBe(20);
      const rows = await allRows(engine, lake);
      expect(rows.every((x) => Number(x.ts) >= T0 + 2 * HOUR_US)).toBe(true);
      // a file straddling the cutoff is kept
      const again = await lake.applyRetention('trail', {
        retentionMs: 0,
        now: new Date(T0 / 1000 + 3 * 3_600_000 + 5),
      });
      expect(again.deletedFiles).toBe(1); // hour 12 only; hour 13 has rows after the cutoff
      expect((await lake.applyRetention('trail', { retentionMs: 3_600_000 * 1000, now })).snapshotId).toBe(
        null,
      );
    }));

  it('removes orphan files left by crashed writes, never referenced ones', () =>
    withLake(async (lake, engine, dir) => {
      await appendBatch(lake, 0, 10, 1);
      const t = await lake.loadTable('trail');
      const w = lake.createWriter(t);
      for (let i = 100; i < 110; i++) await w.write(trailRow(i));
      const orphaned = await w.finish(); // written, never committed (crash)
      const stray = path.join(t.metadata.location, 'metadata', 'stray.avro');
      await fs.writeFile(stray, 'x');
      const before = await allRows(engine, lake);
      expect((await lake.removeOrphanFiles('trail', { beforeMs: 0 })).deletedFiles).toEqual([]);
      const r = await lake.removeOrphanFiles('trail', { beforeMs: Date.now() + 1000 });
      expect(r.deletedFiles.sort()).toEqual([orphaned[0]!.filePath, stray].sort());
      expect(await allRows(engine, lake)).toEqual(before);
      expect(dir).toBeTruthy();
    }));
});
