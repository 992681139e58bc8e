import { describe, expect, it } from 'vitest';
import { SqliteDriver } from './catalog/sql/sqlite-driver.js';
import { LedgerConflictError } from './errors.js';
import { openLake, type Lake } from './index.js';
import { HISTORY_DDL, insertHistoryRows, queryHistory, queryVolume } from './ledger/history.js';
import { HOURLY, TRAIL_SCHEMA, tempDir, trailRow } from './test-helpers/helpers.js';

async function writeFiles(lake: Lake, table: string, start: number, n: number) {
  const w = lake.createWriter(await lake.loadTable(table));
  for (let i = start; i < start + n; i++) await w.write(trailRow(i, i % 2));
  return w.finish();
}

const all = { sinceMs: 0 };

/** Waits until the clock has moved past `ms`, so the next commit gets a later timestamp. */
async function after(ms: number): Promise<void> {
  while (Date.now() <= ms) await new Promise((r) => setTimeout(r, 1));
}

describe('ingest history', () => {
  it('a commit writes one row per table in its transaction; a ledger conflict writes none', async () => {
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    try {
      await lake.ensureTable('t1', TRAIL_SCHEMA, HOURLY, { 'lakewatch.log-source': 'from-prop' });
      await lake.ensureTable('t2', TRAIL_SCHEMA, HOURLY);
      const f1 = await writeFiles(lake, 't1', 0, 5);
      const f2 = await writeFiles(lake, 't2', 0, 7);
      const before = Date.now();
      const r = await lake.commit(
        [
          { table: 't1', dataFiles: f1 },
          { table: 't2', dataFiles: f2 },
        ],
        [
          { key: 'a', logSource: 'aws', input: 'a' },
          { key: 'b', logSource: 'aws', input: 'b' },
        ],
      );
      const rows = await lake.ingestHistory(all);
      expect(rows.map(({ committedAtMs: _, ...rest }) => rest)).toEqual([
        {
          table: 't1',
          logSource: 'aws',
          snapshotId: r.tables[0]!.snapshotId,
          addedRecords: 5,
          addedBytes: f1.reduce((n, f) => n + f.fileSizeInBytes, 0),
        },
        {
          table: 't2',
          logSource: 'aws',
          snapshotId: r.tables[1]!.snapshotId,
          addedRecords: 7,
          addedBytes: f2.reduce((n, f) => n + f.fileSizeInBytes, 0),
        },
      ]);
      expect(rows[0]!.addedBytes).toBeGreaterThan(0);
      expect(rows[0]!.committedAtMs).toBeGreaterThanOrEqual(before);
      expect(rows[1]!.committedAtMs).toBe(rows[0]!.committedAtMs);
      // The snapshot summary agrees with the history row.
      const snap = (await lake.describeTable('t1')).snapshots.at(-1)!;
      expect(snap.snapshotId).toBe(rows[0]!.snapshotId);
      expect(snap.summary['added-files-size']).toBe(String(rows[0]!.addedBytes));

      // Ledger key taken → the commit fails and leaves no history row.
      await expect(
        lake.commit(
          [{ table: 't1', dataFiles: await writeFiles(lake, 't1', 10, 3) }],
          [{ key: 'a', logSource: 'aws', input: 'a' }],
        ),
      ).rejects.toBeInstanceOf(LedgerConflictError);
      expect(await lake.ingestHistory(all)).toHaveLength(2);

      // Ledger entries of several sources: the table property, then nothing; an explicit one wins.
      await lake.commit(
        [
          { table: 't1', dataFiles: await writeFiles(lake, 't1', 20, 2) },
          { table: 't2', dataFiles: await writeFiles(lake, 't2', 20, 2) },
        ],
        [
          { key: 'c', logSource: 'x', input: 'c' },
          { key: 'd', logSource: 'y', input: 'd' },
        ],
      );
      await lake.commit([{ table: 't2', dataFiles: await writeFiles(lake, 't2', 30, 1) }], []);
      await lake.commit([{ table: 't2', dataFiles: await writeFiles(lake, 't2', 40, 1), logSource: 'z' }]);
      expect((await lake.ingestHistory(all)).slice(2).map((h) => [h.table, h.logSource])).toEqual([
        ['t1', 'from-prop'],
        ['t2', null],
        ['t2', null],
        ['t2', 'z'],
      ]);
      // A ledger-only commit has no table, so no history row.
      await lake.commit([], [{ key: 'e', logSource: 'aws', input: 'e' }]);
      expect(await lake.ingestHistory(all)).toHaveLength(6);
    } finally {
      await lake.close();
      await cleanup();
    }
  });

  it('filters by time, table and log source; sums per bucket; survives snapshot expiry; prunes', async () => {
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    try {
      await lake.ensureTable('t1', TRAIL_SCHEMA, HOURLY);
      await lake.ensureTable('t2', TRAIL_SCHEMA, HOURLY);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        await lake.commit(
          [
            { table: 't1', dataFiles: await writeFiles(lake, 't1', i * 10, i + 1) },
            { table: 't2', dataFiles: await writeFiles(lake, 't2', i * 10, 1) },
          ],
          [{ key: `k${i}`, logSource: i === 2 ? 'other' : 'src', input: `k${i}` }],
        );
        times.push((await lake.ingestHistory(all)).at(-1)!.committedAtMs);
        await after(times.at(-1)!);
      }
      const [t0, t1, t2] = times as [number, number, number];
      expect(t0 < t1 && t1 < t2).toBe(true);

      const pick = (rows: { table: string; addedRecords: number }[]) =>
        rows.map((r) => `${r.table}:${r.addedRecords}`);
      expect(pick(await lake.ingestHistory({ sinceMs: t1, tables: ['t1'] }))).toEqual(['t1:2', 't1:3']);
      expect(pick(await lake.ingestHistory({ sinceMs: t0, untilMs: t1 - 1 }))).toEqual(['t1:1', 't2:1']);
      expect(pick(await lake.ingestHistory({ sinceMs: 0, logSource: 'other' }))).toEqual(['t1:3', 't2:1']);
      expect(await lake.ingestHistory({ sinceMs: 0, tables: [] })).toEqual([]);
      expect(await lake.ingestHistory({ sinceMs: t2 + 1 })).toEqual([]);

      // One bucket for the whole range, or one per step (only buckets with commits).
      expect(await lake.ingestVolume({ sinceMs: t0, tables: ['t1'] })).toEqual([
        { startMs: t0, commits: 3, records: 6, bytes: expect.any(Number), lastCommitMs: t2 },
      ]);
      const perMs = await lake.ingestVolume({ sinceMs: t0, stepMs: 1, tables: ['t1'] });
      expect(perMs.map((b) => [b.startMs, b.records])).toEqual([
        [t0, 1],
        [t1, 2],
        [t2, 3],
      ]);
      expect(await lake.lastIngestMs(['t1', 't2'])).toBe(t2);
      expect(await lake.lastIngestMs(['nope'])).toBeNull();

      // Expiring every snapshot but the newest leaves the history as it was.
      const before = await lake.ingestHistory(all);
      const expired = await lake.expireSnapshots('t1', { beforeMs: Date.now() + 1, retainLast: 1 });
      expect(expired.expiredSnapshots).toHaveLength(2);
      expect((await lake.describeTable('t1')).snapshots).toHaveLength(1);
      expect(await lake.ingestHistory(all)).toEqual(before);

      expect(await lake.pruneIngestHistory({ beforeMs: t1 })).toBe(2);
      expect(pick(await lake.ingestHistory(all))).toEqual(['t1:2', 't2:1', 't1:3', 't2:1']);
    } finally {
      await lake.close();
      await cleanup();
    }
  });

  it('buckets by integer division from sinceMs and rejects non-integer bounds', async () => {
    const db = new SqliteDriver(':memory:');
    try {
      for (const ddl of HISTORY_DDL) await db.exec(ddl);
      const row = (table: string, n: number) => ({
        table,
        logSource: 's',
        snapshotId: String(n),
        addedRecords: n,
        addedBytes: 10 * n,
      });
      for (const [ms, n] of [
        [1000, 1],
        [1999, 2],
        [2000, 4],
        [4500, 8],
      ] as const)
        await insertHistoryRows(db, [row('t', n)], ms);
      expect(await queryVolume(db, { sinceMs: 1000, untilMs: 4000, stepMs: 1000 })).toEqual([
        { startMs: 1000, commits: 2, records: 3, bytes: 30, lastCommitMs: 1999 },
        { startMs: 2000, commits: 1, records: 4, bytes: 40, lastCommitMs: 2000 },
      ]);
      expect((await queryHistory(db, { sinceMs: 1500, untilMs: 4500 })).map((r) => r.committedAtMs)).toEqual([
        1999, 2000, 4500,
      ]);
      await expect(queryVolume(db, { sinceMs: 0.5 })).rejects.toThrow(/sinceMs must be an integer/);
      await expect(queryVolume(db, { sinceMs: 0, stepMs: 0 })).rejects.toThrow(/stepMs must be positive/);
    } finally {
      await db.close();
    }
  });
});
