/**
 * Every table the ingest path writes (the demo's sources, the dead-letter and conformance
 * warning tables) is read by an independent Iceberg reader, icebird, and compared row for row
 * with what Lakewatch's own SQL returns.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { icebergRead } from 'icebird';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../src/config/index.js';
import { openLake, type Lake } from '../src/lake/index.js';
import { installFileFetch } from '../src/lake/test-helpers/file-fetch.js';
import { expandInputs, ingestFiles } from '../src/pipeline/index.js';
import { openQuerySession } from '../src/query/index.js';
import { repoRoot, tempDir } from './helpers.js';

/** One canonical form for both readers: timestamps as epoch ms, integers as strings, bytes as hex. */
function canon(v: unknown, key = ''): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (typeof v === 'string' && (key === 'ts' || key === 'eventTime') && /^\d{4}-\d\d-\d\dT/.test(v)) {
    return Date.parse(v);
  }
  if (Array.isArray(v)) return v.map((x) => canon(x));
  if (typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, canon(x, k)]),
    );
  }
  return v;
}

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe('tables written by the ingest path, read by icebird', () => {
  let lake: Lake;
  let uninstall: () => void;

  beforeAll(async () => {
    const dir = path.join(tempDir(), 'demo');
    cpSync(path.join(repoRoot, 'samples', 'demo'), dir, { recursive: true });
    const lakeDir = loadLakeDirectory(dir);
    lake = await openLake({ root: dir });
    for (const source of lakeDir.logSources) {
      const inputs = await expandInputs([path.join(dir, 'data', source.name)]);
      await ingestFiles({ lake, lakeDir, logSource: source.name, inputs });
    }
    uninstall = installFileFetch();
  });

  afterAll(async () => {
    uninstall?.();
    await lake?.close();
  });

  it('icebird and Lakewatch SQL return the same rows for every table', async () => {
    const tables = await lake.listTables();
    expect(tables.sort()).toEqual([
      'auth',
      'firewall',
      'lakewatch_conform_warnings',
      'lakewatch_dead_letters',
      'syslog',
    ]);
    const session = await openQuerySession(lake);
    try {
      for (const name of tables) {
        const table = await lake.loadTable(name);
        const fromIcebird = (await icebergRead({
          tableUrl: table.metadata.location,
          metadataFileName: path.basename(table.metadataLocation),
        })) as Record<string, unknown>[];
        // BLOB columns come back as hex from SQL so both sides compare as bytes.
        const blobs = table
          .schema()
          .fields.filter((f) => f.type === 'binary')
          .map((f) => f.name);
        const select = table
          .schema()
          .fields.map((f) =>
            blobs.includes(f.name) ? `lower(hex("${f.name}")) AS "${f.name}"` : `"${f.name}"`,
          )
          .join(', ');
        const result = await session.query(`SELECT ${select} FROM ${name}`, { maxRows: 1_000_000 });
        const fromSql = result.rows.map((r) =>
          Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])),
        );
        expect(fromIcebird.length, name).toBe(fromSql.length);
        expect(fromIcebird.length, name).toBeGreaterThan(0);
        // hyparquet hands BYTE_ARRAY columns without a logical type back as text: compare bytes.
        for (const r of fromIcebird) {
          for (const b of blobs)
            if (typeof r[b] === 'string') r[b] = Buffer.from(r[b] as string).toString('hex');
        }
        const a = fromIcebird.map((r) => canon(r)).sort(byJson);
        const b = fromSql.map((r) => canon(r)).sort(byJson);
        expect(a, name).toEqual(b);
      }
    } finally {
      await session.close();
    }
  });
});
