import fs from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../lake/iceberg/types.js';
import { QueryRejectedError } from './errors.js';
import { lockDown, openQuerySession } from './session.js';
import { FixtureLake } from './test-helpers/fixture-lake.js';
import type { QuerySession } from './types.js';

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'ts', required: true, type: 'timestamptz' },
    { id: 2, name: 'msg', required: false, type: 'string' },
  ],
};

let lake: FixtureLake;
let session: QuerySession;
let outside: string;

beforeAll(async () => {
  lake = await FixtureLake.create();
  await lake.commit('events', schema, [
    {
      select: `SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' AS ts, 'hello' AS msg`,
      fieldIds: '{ts: 1, msg: 2}',
    },
  ]);
  // A Parquet file next to, not inside, the warehouse.
  outside = path.join(lake.root, 'secret.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT 'top secret' AS s) TO '${outside}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  session = await openQuerySession(lake);
});

afterAll(async () => {
  await session?.close();
  await lake?.close();
});

async function rejected(sql: string): Promise<QueryRejectedError> {
  const err = await session.query(sql).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, sql).toBeInstanceOf(QueryRejectedError);
  return err as QueryRejectedError;
}

describe('escape attempts are rejected', () => {
  it('read_csv of /etc/passwd', async () => {
    const err = await rejected(`SELECT * FROM read_csv('/etc/passwd')`);
    expect(err.message).toMatch(/read_csv/);
    expect(err.reason).toBe('table-function');
  });

  it('replacement scan of a path', async () => {
    expect((await rejected(`SELECT * FROM '/etc/passwd'`)).reason).toBe('file-path');
    await rejected(`FROM 'data.csv'`);
    await rejected(`SELECT * FROM "https://example.com/x.parquet"`);
  });

  it('COPY … TO', async () => {
    const target = path.join(lake.warehouse, 'copied.csv');
    const err = await rejected(`COPY (SELECT * FROM events) TO '${target}'`);
    expect(err.message).toMatch(/COPY/);
    await rejected(`COPY events TO '${target}'`);
    await expect(fs.access(target)).rejects.toThrow();
  });

  it('ATTACH, DETACH, INSTALL, LOAD', async () => {
    expect((await rejected(`ATTACH '${path.join(lake.root, 'x.db')}' AS x`)).message).toMatch(/ATTACH/);
    await rejected(`DETACH x`);
    await rejected(`INSTALL httpfs`);
    await rejected(`LOAD httpfs`);
  });

  it('SET, RESET, PRAGMA', async () => {
    expect((await rejected(`SET enable_external_access = true`)).message).toMatch(/SET|read-only|SELECT/);
    await rejected(`RESET allowed_directories`);
    await rejected(`PRAGMA enable_profiling`);
    await rejected(`PRAGMA show_tables`);
  });

  it('DDL, DML, EXPORT, CALL', async () => {
    for (const sql of [
      `CREATE TABLE t AS SELECT 1`,
      `CREATE OR REPLACE TEMP VIEW events AS SELECT 1`,
      `DROP VIEW events`,
      `ALTER VIEW events RENAME TO e2`,
      `INSERT INTO events VALUES (now(), 'x')`,
      `UPDATE events SET msg = 'x'`,
      `DELETE FROM events`,
      `EXPORT DATABASE '${lake.warehouse}/dump'`,
      `IMPORT DATABASE '${lake.warehouse}/dump'`,
      `CALL enable_logging()`,
      `CREATE MACRO m() AS 1`,
    ]) {
      await rejected(sql);
    }
  });

  it('getenv and other denied functions', async () => {
    expect((await rejected(`SELECT getenv('HOME')`)).reason).toBe('function');
    await rejected(`SELECT current_setting('allowed_directories')`);
  });

  it('read_parquet outside the warehouse, and inside it', async () => {
    await rejected(`SELECT * FROM read_parquet('${outside}')`);
    await rejected(`SELECT * FROM parquet_scan('${outside}')`);
    await rejected(`SELECT * FROM read_parquet('${lake.warehouse}/**/*.parquet')`);
    await rejected(`SELECT * FROM glob('/etc/*')`);
  });

  it('a CTE or subquery hiding a file read', async () => {
    await rejected(`WITH x AS (SELECT * FROM read_text('/etc/passwd')) SELECT * FROM x`);
    await rejected(`WITH events AS (SELECT * FROM read_blob('/etc/passwd')) SELECT * FROM events`);
    await rejected(`SELECT (SELECT count(*) FROM read_csv('/etc/passwd')) AS n`);
    await rejected(`SELECT * FROM events WHERE msg IN (SELECT * FROM read_json('/etc/passwd'))`);
    await rejected(`SELECT * FROM query('SELECT * FROM read_csv(''/etc/passwd'')')`);
    await rejected(`SELECT * FROM query_table('/etc/passwd')`);
  });

  it('multiple statements with a bad second one run nothing', async () => {
    const target = path.join(lake.warehouse, 'second.csv');
    const err = await rejected(`SELECT 1; COPY (SELECT 1) TO '${target}'`);
    expect(err.message).toMatch(/COPY/);
    await rejected(`SELECT 1; SELECT * FROM read_csv('/etc/passwd')`);
    await rejected(`SELECT 1; SET lock_configuration = false`);
    await expect(fs.access(target)).rejects.toThrow();
  });

  it('EXPLAIN of a non-SELECT', async () => {
    await rejected(`EXPLAIN COPY (SELECT 1) TO '/tmp/x.csv'`);
    await rejected(`EXPLAIN SELECT * FROM read_csv('/etc/passwd')`);
  });
});

describe('reads are allowed', () => {
  it('plain SELECT, WITH, EXPLAIN, multiple SELECTs, safe table functions', async () => {
    expect((await session.query(`SELECT msg FROM events`)).rows).toEqual([['hello']]);
    expect(
      (await session.query(`WITH e AS (SELECT * FROM events) SELECT count(*) AS n FROM e`)).rows,
    ).toEqual([[1]]);
    expect((await session.query(`EXPLAIN SELECT * FROM events`)).rows.length).toBeGreaterThan(0);
    expect((await session.query(`SELECT 1 AS a; SELECT 2 AS b`)).rows).toEqual([[2]]);
    expect((await session.query(`SELECT sum(range) AS s FROM range(4)`)).rows).toEqual([[6]]);
    expect((await session.query(`DESCRIBE events`)).rows.map((r) => r[0])).toEqual(['ts', 'msg']);
    expect((await session.query(`SHOW TABLES`)).rows).toEqual([['events']]);
    await rejected(`DESCRIBE '/etc/passwd'`);
    await rejected(`SUMMARIZE SELECT * FROM read_csv('/etc/passwd')`);
  });

  it('concurrent queries on one session are serialized and all answered', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => session.query(`SELECT ${i} AS i, count(*) AS n FROM events`)),
    );
    expect(results.map((r) => r.rows[0])).toEqual(Array.from({ length: 8 }, (_, i) => [i, 1]));
  });

  it('unknown tables name the lake tables', async () => {
    await expect(session.query(`SELECT * FROM nope`)).rejects.toThrow(/nope.*Lake tables: events/s);
  });

  it('syntax errors are errors, not rejections', async () => {
    const err = await session.query(`SELEC 1`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(QueryRejectedError);
  });
});

describe('DuckDB lockdown (the wall behind the gate)', () => {
  it('blocks files outside the warehouse and freezes settings', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const spill = path.join(lake.root, 'spill');
      await lockDown(conn, lake.warehouse, { threads: 1, memoryLimit: '256MB', tempDirectory: spill });
      const settings = await conn.runAndReadAll(
        `SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'enable_external_access',
           'autoinstall_known_extensions', 'autoload_known_extensions', 'lock_configuration', 'allowed_directories', 'TimeZone')`,
      );
      expect(Object.fromEntries(settings.getRows().map(([k, v]) => [k, v]))).toEqual({
        threads: '1',
        enable_external_access: 'false',
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        lock_configuration: 'true',
        // DuckDB itself adds the (private, per-session) spill directory.
        allowed_directories: `[${spill}/, ${lake.warehouse}/]`,
        TimeZone: 'UTC',
      });
      await expect(conn.run(`SELECT * FROM read_csv('/etc/passwd')`)).rejects.toThrow(/Permission|disabled/i);
      await expect(conn.run(`SELECT * FROM read_parquet('${outside}')`)).rejects.toThrow(
        /Permission|disabled/i,
      );
      await expect(conn.run(`SET enable_external_access = true`)).rejects.toThrow(/lock|configuration/i);
      await expect(conn.run(`SET allowed_directories = ['/']`)).rejects.toThrow();
      await expect(conn.run(`COPY (SELECT 1) TO '${path.join(lake.root, 'x.csv')}'`)).rejects.toThrow();
      await expect(conn.run(`INSTALL httpfs`)).rejects.toThrow();
      const ok = await conn.runAndReadAll(
        `SELECT count(*) FROM read_parquet('${lake.warehouse}/lakewatch/events/data/*/*.parquet')`,
      );
      expect(Number(ok.getRows()[0]![0])).toBe(1);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
