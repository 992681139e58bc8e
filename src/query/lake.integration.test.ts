/**
 * query/ over the real embedded lake: tables written by `src/lake` (Iceberg metadata,
 * manifests, Parquet with field ids, hour/day partitions), read through a locked-down session.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnboundField } from '../lake/iceberg/types.js';
import { openLake, type Lake } from '../lake/index.js';
import { QueryRejectedError } from './errors.js';
import { formatResult } from './format.js';
import { openQuerySession } from './session.js';

const DAY_US = 86_400_000_000;
const T0 = Date.parse('2024-03-01T00:00:00Z') * 1000;

const v1: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  { name: 'host', type: 'string' },
  { name: 'bytes', type: 'long' },
  { name: 'source', type: { type: 'struct', fields: [{ name: 'ip', type: 'string' }] } },
];
const v2: UnboundField[] = [
  ...v1.slice(0, 3),
  {
    name: 'source',
    type: {
      type: 'struct',
      fields: [
        { name: 'ip', type: 'string' },
        { name: 'port', type: 'int' },
      ],
    },
  },
  { name: 'user', type: 'string' },
];

let root: string;
let lake: Lake;
let firstSnapshot: string;

async function append(rows: Record<string, unknown>[], schema: UnboundField[]): Promise<string> {
  const table = await lake.ensureTable('netflow', schema, [{ source: 'ts', transform: 'day' }]);
  const writer = lake.createWriter(table);
  for (const row of rows) await writer.write(row);
  const result = await lake.commit([{ table: 'netflow', dataFiles: await writer.finish() }]);
  return result.tables[0]!.snapshotId;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'lakewatch-query-lake-'));
  lake = await openLake({ root });
  // Day 0..2, 4 rows a day, one partition (file) per day.
  firstSnapshot = await append(
    Array.from({ length: 12 }, (_, i) => ({
      ts: T0 + Math.floor(i / 4) * DAY_US + (i % 4) * 3_600_000_000,
      host: `h${i % 3}`,
      bytes: 100 * i,
      source: { ip: `10.0.0.${i}` },
    })),
    v1,
  );
  // Schema evolves: source.port (nested) and user (top level) added; day 3.
  await append(
    [
      {
        ts: T0 + 3 * DAY_US,
        host: 'h9',
        bytes: 9_007_199_254_740_993n,
        source: { ip: '10.0.9.9', port: 443 },
        user: 'alice',
      },
    ],
    v2,
  );
  await lake.ensureTable('empty_table', v1, [{ source: 'ts', transform: 'hour' }]);
});

afterAll(async () => {
  await lake?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('query over the real lake', () => {
  it('reads every table by name, old files through the evolved schema', async () => {
    const session = await openQuerySession(lake);
    try {
      const all = await session.query(
        `SELECT count(*) AS n, count(user) AS users, count(source.port) AS ports FROM netflow`,
      );
      expect(all.rows).toEqual([[13, 1, 1]]);
      expect(all.scannedFiles).toEqual({ netflow: { scanned: 4, total: 4 } });

      const latest = await session.query(
        `SELECT ts, host, bytes, source, user FROM netflow ORDER BY ts DESC LIMIT 2`,
      );
      expect(latest.rows).toEqual([
        ['2024-03-04T00:00:00Z', 'h9', '9007199254740993', { ip: '10.0.9.9', port: 443 }, 'alice'],
        ['2024-03-03T03:00:00Z', 'h2', 1100, { ip: '10.0.0.11', port: null }, null],
      ]);
      const empty = await session.query(`SELECT * FROM empty_table`);
      expect(empty.rows).toEqual([]);
      expect(empty.columns.map((c) => c.name)).toEqual(['ts', 'host', 'bytes', 'source']);
      expect(formatResult(latest, 'table', { width: 120 })).toContain('(2 rows)');
    } finally {
      await session.close();
    }
  });

  it('prunes files on ts and returns the same rows as a full scan', async () => {
    const session = await openQuerySession(lake);
    try {
      const sql = `SELECT host, count(*) AS n FROM netflow WHERE ts >= '2024-03-02 02:00:00' AND ts < '2024-03-03' GROUP BY host ORDER BY host`;
      const pruned = await session.query(sql);
      expect(pruned.scannedFiles.netflow).toEqual({ scanned: 1, total: 4 });
      const full = await session.query(
        sql.replace('WHERE ts', 'WHERE (ts').replace("'2024-03-03'", "'2024-03-03' OR false)"),
      );
      expect(full.scannedFiles.netflow).toEqual({ scanned: 4, total: 4 });
      expect(pruned.rows).toEqual(full.rows);
      expect(pruned.rows).toEqual([
        ['h0', 1],
        ['h1', 1],
      ]);
    } finally {
      await session.close();
    }
  });

  it('asOf: a snapshot id and a time', async () => {
    const bySnapshot = await openQuerySession(lake, { asOf: `snapshot:${firstSnapshot}` });
    const byTime = await openQuerySession(lake, { asOf: '2000-01-01T00:00:00Z' });
    try {
      const r = await bySnapshot.query(`SELECT count(*) FROM netflow`);
      expect(r.rows).toEqual([[12]]);
      expect(r.scannedFiles.netflow).toEqual({ scanned: 3, total: 3 });
      expect((await byTime.query(`SELECT count(*) FROM netflow`)).rows).toEqual([[0]]);
    } finally {
      await bySnapshot.close();
      await byTime.close();
    }
  });

  it('cannot read lake files directly or anything outside the warehouse', async () => {
    const session = await openQuerySession(lake);
    try {
      const plan = await lake.planScan('netflow');
      await expect(
        session.query(`SELECT * FROM read_parquet('${plan.files[0]!.path}')`),
      ).rejects.toBeInstanceOf(QueryRejectedError);
      await expect(
        session.query(`SELECT * FROM '${path.join(lake.stateDir, 'catalog.db')}'`),
      ).rejects.toBeInstanceOf(QueryRejectedError);
      await expect(
        session.query(`ATTACH '${path.join(lake.stateDir, 'catalog.db')}' AS c (TYPE sqlite)`),
      ).rejects.toBeInstanceOf(QueryRejectedError);
    } finally {
      await session.close();
    }
  });
});
