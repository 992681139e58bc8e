import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../lake/iceberg/types.js';
import { serializeSql } from './ast.js';
import { collectTsConditions, duckDbTimestampEvaluator, resolveTsRanges } from './pruning.js';
import { openQuerySession } from './session.js';
import { FixtureLake } from './test-helpers/fixture-lake.js';
import type { TsRange } from './types.js';

let db: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(() => {
  conn.closeSync();
  db.closeSync();
});

const us = (iso: string) => Date.parse(iso) * 1000;

async function ranges(sql: string, tables = ['events', 'dns']): Promise<Record<string, TsRange | undefined>> {
  const parsed = await serializeSql(conn, sql);
  if (!parsed.ok) throw new Error(parsed.message);
  const ctes = new Set<string>();
  const conditions = collectTsConditions(parsed.statements, new Set(tables), ctes);
  return Object.fromEntries(await resolveTsRanges(conditions, duckDbTimestampEvaluator(conn)));
}

describe('ts range extraction', () => {
  it('understands comparisons, BETWEEN, equality and literal forms', async () => {
    expect(await ranges(`SELECT * FROM events WHERE ts >= '2024-01-02'`)).toEqual({
      events: { min: us('2024-01-02T00:00:00Z') },
    });
    expect(
      await ranges(
        `SELECT * FROM events WHERE ts > TIMESTAMP '2024-01-02 03:00:00' AND ts < '2024-01-03'::TIMESTAMPTZ`,
      ),
    ).toEqual({
      events: { min: us('2024-01-02T03:00:00Z') + 1, max: us('2024-01-03T00:00:00Z') - 1 },
    });
    // Nanosecond literals are not tightened (the cast to micros may have rounded).
    expect(
      await ranges(`SELECT * FROM events WHERE ts < TIMESTAMP_NS '2024-01-03 00:00:00.000000500'`),
    ).toEqual({
      events: { max: us('2024-01-03T00:00:00Z') },
    });
    expect(
      await ranges(
        `SELECT * FROM events WHERE ts BETWEEN '2024-01-01' AND '2024-01-31 23:59:59' AND msg = 'x'`,
      ),
    ).toEqual({
      events: { min: us('2024-01-01T00:00:00Z'), max: us('2024-01-31T23:59:59Z') },
    });
    expect(await ranges(`SELECT * FROM events WHERE ts = TIMESTAMPTZ '2024-01-05 00:00:00+02'`)).toEqual({
      events: { min: us('2024-01-04T22:00:00Z'), max: us('2024-01-04T22:00:00Z') },
    });
    expect(
      await ranges(
        `SELECT * FROM events e WHERE '2024-01-02' <= e.ts AND e.ts <= CAST('2024-01-04' AS DATE)`,
      ),
    ).toEqual({
      events: { min: us('2024-01-02T00:00:00Z'), max: us('2024-01-04T00:00:00Z') },
    });
  });

  it('evaluates now() - INTERVAL as a lower bound only', async () => {
    const before = Date.now() * 1000;
    const r = await ranges(`SELECT * FROM events WHERE ts >= now() - INTERVAL 1 HOUR AND ts <= now()`);
    expect(r.events?.max).toBeUndefined();
    expect(r.events!.min!).toBeGreaterThanOrEqual(before - 3_600_000_000 - 5_000_000);
    expect(r.events!.min!).toBeLessThanOrEqual(Date.now() * 1000 - 3_600_000_000 + 5_000_000);
  });

  it('gives up (no pruning) on what it does not understand', async () => {
    const none = { events: undefined };
    expect(await ranges(`SELECT * FROM events`)).toEqual(none);
    expect(await ranges(`SELECT * FROM events WHERE ts >= '2024-01-02' OR msg = 'x'`)).toEqual(none);
    expect(await ranges(`SELECT * FROM events WHERE NOT (ts < '2024-01-02' AND msg = 'x')`)).toEqual(none);
    expect(await ranges(`SELECT * FROM events WHERE ts >= to_timestamp(9007199254740993)`)).toEqual(none);
    expect(await ranges(`SELECT * FROM events WHERE ts::DATE = '2024-01-02'`)).toEqual(none);
    expect(await ranges(`SELECT * FROM events WHERE ts >= (SELECT max(ts) FROM dns)`)).toEqual({
      events: undefined,
      dns: undefined,
    });
    expect(await ranges(`SELECT * FROM events WHERE ts >= now() - random() * INTERVAL 1 DAY`)).toEqual(none);
    expect(await ranges(`SELECT * FROM events WHERE ts >= 'not a time'`)).toEqual(none);
    expect(await ranges(`SELECT * FROM (SELECT * FROM events) s WHERE s.ts >= '2024-01-02'`)).toEqual(none);
  });

  it('joins need qualified columns; references are unioned', async () => {
    expect(
      await ranges(
        `SELECT * FROM events e JOIN dns d ON e.msg = d.msg WHERE e.ts >= '2024-01-02' AND ts < '2024-02-01'`,
      ),
    ).toEqual({
      events: { min: us('2024-01-02T00:00:00Z') },
      dns: undefined,
    });
    expect(
      await ranges(
        `SELECT * FROM events WHERE ts >= '2024-01-05' UNION ALL SELECT * FROM events WHERE ts BETWEEN '2024-01-02' AND '2024-01-03'`,
      ),
    ).toEqual({ events: { min: us('2024-01-02T00:00:00Z') } });
    expect(
      await ranges(`SELECT * FROM events WHERE ts >= '2024-01-05' UNION ALL SELECT * FROM events`),
    ).toEqual({ events: undefined });
  });

  it('CTE names shadow lake tables', async () => {
    const parsed = await serializeSql(
      conn,
      `WITH events AS (SELECT 1) SELECT * FROM events WHERE ts > '2024-01-01'`,
    );
    if (!parsed.ok) throw new Error(parsed.message);
    expect(collectTsConditions(parsed.statements, new Set(['events']), new Set(['events'])).size).toBe(0);
  });
});

describe('pruning end to end', () => {
  const schema: Schema = {
    type: 'struct',
    'schema-id': 0,
    fields: [
      { id: 1, name: 'ts', required: true, type: 'timestamptz' },
      { id: 2, name: 'n', required: false, type: 'long' },
    ],
  };

  it('scans fewer files and returns the same rows', async () => {
    const lake = await FixtureLake.create();
    const day = (d: number) => ({
      select: `SELECT TIMESTAMPTZ '2024-01-0${d} 00:00:00+00' + INTERVAL (i) HOUR AS ts, ${d * 100} + i AS n FROM range(24) t(i)`,
      fieldIds: '{ts: 1, n: 2}',
    });
    await lake.commit('events', schema, [day(1), day(2), day(3), day(4)]);
    const session = await openQuerySession(lake);
    try {
      const all = await session.query(`SELECT count(*) AS c FROM events`);
      expect(all.rows).toEqual([[96]]);
      expect(all.scannedFiles).toEqual({ events: { scanned: 4, total: 4 } });

      const pruned = await session.query(
        `SELECT count(*) AS c, min(n) AS lo FROM events WHERE ts >= '2024-01-03 12:00:00'`,
      );
      expect(pruned.rows).toEqual([[36, 312]]);
      expect(pruned.scannedFiles).toEqual({ events: { scanned: 2, total: 4 } });

      const between = await session.query(
        `SELECT count(*) FROM events WHERE ts BETWEEN '2024-01-02' AND '2024-01-02 23:00:00'`,
      );
      expect(between.rows).toEqual([[24]]);
      expect(between.scannedFiles.events).toEqual({ scanned: 1, total: 4 });

      const none = await session.query(`SELECT count(*) FROM events WHERE ts > '2030-01-01'`);
      expect(none.rows).toEqual([[0]]);
      expect(none.scannedFiles.events).toEqual({ scanned: 0, total: 4 });
    } finally {
      await session.close();
      await lake.close();
    }
  });
});
