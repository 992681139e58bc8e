import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTimeoutError } from './errors.js';
import { formatResult } from './format.js';
import { openQuerySession } from './session.js';
import { FixtureLake } from './test-helpers/fixture-lake.js';
import type { QueryResult, QuerySession } from './types.js';
import { rfc3339 } from './values.js';

const result: QueryResult = {
  columns: [
    { name: 'host', type: 'VARCHAR' },
    { name: 'n', type: 'BIGINT' },
    { name: 'meta', type: 'STRUCT(a INTEGER)' },
  ],
  rows: [
    ['web-1', 12, { a: 1 }],
    ['a "quoted", multi\nline value that is rather long indeed', '9007199254740993', null],
  ],
  truncated: true,
  scannedFiles: {},
};

describe('formatResult', () => {
  it('table: header rule, aligned columns, truncation with …, footer', () => {
    const text = formatResult(result, 'table', { width: 50, maxCellWidth: 30 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^host\s+n\s+meta$/);
    expect(lines[1]).toMatch(/^─+ {2}─+ {2}─+$/);
    expect(lines[2]).toMatch(/^web-1\s+12 {2}\{"a":1\}$/);
    expect(lines[3]).toContain('…');
    expect(lines[3]).toContain('NULL');
    expect(lines.every((l) => [...l].length <= 50)).toBe(true);
    expect(lines[4]).toBe('(2 rows, truncated)');
    // Numbers are right-aligned under their header rule.
    const nEnd = lines[1]!.split('  ').slice(0, 2).join('  ').length;
    expect(lines[2]!.slice(0, nEnd).endsWith('12')).toBe(true);
  });

  it('json: array of objects', () => {
    expect(JSON.parse(formatResult(result, 'json'))).toEqual([
      { host: 'web-1', n: 12, meta: { a: 1 } },
      { host: 'a "quoted", multi\nline value that is rather long indeed', n: '9007199254740993', meta: null },
    ]);
  });

  it('csv: RFC 4180 quoting with CRLF', () => {
    expect(formatResult(result, 'csv')).toBe(
      'host,n,meta\r\nweb-1,12,"{""a"":1}"\r\n"a ""quoted"", multi\nline value that is rather long indeed",9007199254740993,\r\n',
    );
  });

  it('rfc3339', () => {
    expect(rfc3339(0n)).toBe('1970-01-01T00:00:00Z');
    expect(rfc3339(-1n)).toBe('1969-12-31T23:59:59.999999Z');
    expect(rfc3339(1_704_067_200_123_400n)).toBe('2024-01-01T00:00:00.1234Z');
  });
});

describe('query results are JSON-safe', () => {
  let lake: FixtureLake;
  let session: QuerySession;
  beforeAll(async () => {
    lake = await FixtureLake.create();
    session = await openQuerySession(lake, { threads: 2, memoryLimit: '512MB' });
  });
  afterAll(async () => {
    await session?.close();
    await lake?.close();
  });

  it('converts DuckDB values', async () => {
    const r = await session.query(`SELECT
      42::BIGINT AS small, 9007199254740993::BIGINT AS big, (-170141183460469231731687303715884105727)::HUGEINT AS huge,
      TIMESTAMPTZ '2024-05-01 12:00:00.5+02' AS tstz, TIMESTAMP '2024-05-01 12:00:00' AS tsn, '2024-05-01'::DATE AS d,
      1.50::DECIMAL(10,2) AS dec, 'NaN'::DOUBLE AS nan, '\\x01'::BLOB AS b, INTERVAL 90 MINUTE AS iv,
      {'t': TIMESTAMPTZ '2024-01-01 00:00:00+00', 'l': [1::BIGINT, 2]} AS nested, MAP {'k': 1} AS m,
      '6a1e4d1c-4b5b-4bd1-9a6c-8f1b3c7b2e10'::UUID AS u`);
    expect(r.columns.map((c) => c.type)).toContain('TIMESTAMP WITH TIME ZONE');
    const row = Object.fromEntries(r.columns.map((c, i) => [c.name, r.rows[0]![i]]));
    expect(row).toMatchObject({
      small: 42,
      big: '9007199254740993',
      huge: '-170141183460469231731687303715884105727',
      tstz: '2024-05-01T10:00:00.5Z',
      tsn: '2024-05-01T12:00:00Z',
      d: '2024-05-01',
      dec: '1.50',
      nan: 'NaN',
      nested: { t: '2024-01-01T00:00:00Z', l: [1, 2] },
      m: [{ key: 'k', value: 1 }],
      u: '6a1e4d1c-4b5b-4bd1-9a6c-8f1b3c7b2e10',
    });
    expect(() => JSON.stringify(r.rows)).not.toThrow();
  });

  it('timeoutMs interrupts a long query; the session stays usable', async () => {
    const err = await session
      .query(`SELECT sum(hash(a.range + b.range)) FROM range(1000000) a, range(100000) b`, { timeoutMs: 200 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((await session.query(`SELECT 1`)).rows).toEqual([[1]]);
  });

  it('maxRows truncates and flags it', async () => {
    const r = await session.query(`SELECT * FROM range(5000)`, { maxRows: 10 });
    expect(r.rows).toHaveLength(10);
    expect(r.truncated).toBe(true);
    const exact = await session.query(`SELECT * FROM range(10)`, { maxRows: 10 });
    expect(exact.rows).toHaveLength(10);
    expect(exact.truncated).toBe(false);
    const none = await session.query(`SELECT * FROM range(3)`, { maxRows: 0 });
    expect(none).toMatchObject({ rows: [], truncated: true });
  });
});
