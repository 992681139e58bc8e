import { describe, expect, it } from 'vitest';
import { LedgerConflictError, NoSuchTableError } from './errors.js';
import { openLake, type Lake } from './index.js';
import { HOURLY, TRAIL_SCHEMA, tempDir, trailRow } from './test-helpers/helpers.js';

async function writeFiles(lake: Lake, table: string, start: number, n: number) {
  const w = lake.createWriter(await lake.loadTable(table));
  for (let i = start; i < start + n; i++) await w.write(trailRow(i, i % 2));
  return w.finish();
}

describe('commits', () => {
  it('parses each metadata file once per catalog, shares it read-only, and sees other writers', async () => {
    const { dir, cleanup } = await tempDir();
    const a = await openLake({ root: dir });
    const b = await openLake({ root: dir });
    try {
      await a.ensureTable('trail', TRAIL_SCHEMA, HOURLY);
      await a.commit([{ table: 'trail', dataFiles: await writeFiles(a, 'trail', 0, 3) }]);
      const id = { namespace: 'lakewatch', name: 'trail' };
      const first = await a.catalog.loadTable(id);
      expect((await a.catalog.loadTable(id)).metadata).toBe(first.metadata);
      expect(Object.isFrozen(first.metadata.snapshots)).toBe(true);
      // another writer (another process) commits: the pointer moves, the new file is read
      await b.commit([{ table: 'trail', dataFiles: await writeFiles(b, 'trail', 10, 3) }]);
      const next = await a.catalog.loadTable(id);
      expect(next.metadataLocation).not.toBe(first.metadataLocation);
      expect(next.metadata.snapshots).toHaveLength(2);
      expect((await a.describeTable('trail')).rows).toBe(6);
    } finally {
      await a.close();
      await b.close();
      await cleanup();
    }
  });

  it('two Lake instances racing on one catalog.db both land (CAS + retry)', async () => {
    const { dir, cleanup } = await tempDir();
    const a = await openLake({ root: dir });
    const b = await openLake({ root: dir });
    try {
      await a.ensureTable('trail', TRAIL_SCHEMA, HOURLY);
      const jobs: Promise<{ attempts: number }>[] = [];
      for (let r = 0; r < 4; r++) {
        const fa = await writeFiles(a, 'trail', r * 100, 10);
        const fb = await writeFiles(b, 'trail', r * 100 + 50, 10);
        jobs.push(
          a.commit([{ table: 'trail', dataFiles: fa }], [{ key: `a-${r}`, logSource: 's', input: `a${r}` }]),
        );
        jobs.push(
          b.commit([{ table: 'trail', dataFiles: fb }], [{ key: `b-${r}`, logSource: 's', input: `b${r}` }]),
        );
      }
      const results = await Promise.all(jobs);
      const attempts = results.reduce((x, r) => x + r.attempts, 0);
      expect(attempts).toBeGreaterThan(results.length); // at least one conflict was retried
      const d = await b.describeTable('trail');
      expect(d.snapshots).toHaveLength(8);
      expect(d.rows).toBe(80);
      expect(d.snapshots.map((s) => s.sequenceNumber)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
      for (let i = 1; i < d.snapshots.length; i++)
        expect(d.snapshots[i]!.parentSnapshotId).toBe(d.snapshots[i - 1]!.snapshotId);
      const plan = await a.planScan('trail');
      expect(plan.files.reduce((x, f) => x + f.recordCount, 0)).toBe(80);
      // Retried attempts leave no extra ingest-history rows: one per landed snapshot.
      const history = await a.ingestHistory({ sinceMs: 0, tables: ['trail'] });
      expect(history.map((h) => h.snapshotId).sort()).toEqual(d.snapshots.map((s) => s.snapshotId).sort());
      for (let r = 0; r < 4; r++) {
        expect(await a.ledgerHas(`a-${r}`)).toBe(true);
        expect(await a.ledgerHas(`b-${r}`)).toBe(true);
      }
    } finally {
      await a.close();
      await b.close();
      await cleanup();
    }
  });

  it('multi-table commit with ledger is all-or-nothing', async () => {
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    try {
      await lake.ensureTable('t1', TRAIL_SCHEMA, HOURLY);
      await lake.ensureTable('t2', TRAIL_SCHEMA, HOURLY);
      const r = await lake.commit(
        [
          { table: 't1', dataFiles: await writeFiles(lake, 't1', 0, 5) },
          { table: 't2', dataFiles: await writeFiles(lake, 't2', 0, 7) },
        ],
        [{ key: 'obj-1', logSource: 'aws', input: 's3://b/obj-1', details: { lines: 12 } }],
      );
      expect(r.tables.map((t) => [t.table, t.addedRecords])).toEqual([
        ['t1', 5],
        ['t2', 7],
      ]);
      expect(await lake.ledgerHas('obj-1')).toBe(true);
      expect(await lake.ledgerHas('obj-2')).toBe(false);
      const before1 = (await lake.loadTable('t1')).metadataLocation;
      const before2 = (await lake.loadTable('t2')).metadataLocation;

      // Same input again: the ledger key conflicts → neither table changes.
      const again1 = await writeFiles(lake, 't1', 10, 5);
      const again2 = await writeFiles(lake, 't2', 10, 5);
      await expect(
        lake.commit(
          [
            { table: 't1', dataFiles: again1 },
            { table: 't2', dataFiles: again2 },
          ],
          [{ key: 'obj-1', logSource: 'aws', input: 's3://b/obj-1' }],
        ),
      ).rejects.toBeInstanceOf(LedgerConflictError);
      expect((await lake.loadTable('t1')).metadataLocation).toBe(before1);
      expect((await lake.loadTable('t2')).metadataLocation).toBe(before2);

      // A missing table fails the whole commit: t1 unchanged, ledger row absent.
      await expect(
        lake.commit(
          [
            { table: 't1', dataFiles: again1 },
            { table: 'missing', dataFiles: again2 },
          ],
          [{ key: 'obj-2', logSource: 'aws', input: 's3://b/obj-2' }],
        ),
      ).rejects.toBeInstanceOf(NoSuchTableError);
      expect((await lake.loadTable('t1')).metadataLocation).toBe(before1);
      expect(await lake.ledgerHas('obj-2')).toBe(false);
      expect((await lake.describeTable('t1')).rows).toBe(5);

      // Ledger-only commit (an input whose events were all dead-lettered elsewhere).
      await lake.commit([], [{ key: 'obj-3', logSource: 'aws', input: 'empty' }]);
      expect(await lake.ledgerHas('obj-3')).toBe(true);
    } finally {
      await lake.close();
      await cleanup();
    }
  });
});
