import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBytes } from '../iceberg/conversions.js';
import { bindPartitionSpec } from '../iceberg/partitioning.js';
import { bindSchema, findFieldByPath } from '../iceberg/schema.js';
import { LocalObjectStore } from '../io/local.js';
import { HOUR_US, HOURLY, T0, TRAIL_SCHEMA, tempDir, trailRow } from '../test-helpers/helpers.js';
import { toDuckDbType } from './duckdb-types.js';
import { DuckEngine } from './engine.js';
import { ParquetDataFileWriter } from './writer.js';

const { schema } = bindSchema([
  ...TRAIL_SCHEMA,
  { name: 'msg', type: 'string' },
  { name: 'big', type: 'long' },
]);
const { spec } = bindPartitionSpec(HOURLY, schema);
const id = (p: string) => findFieldByPath(schema, p)!.id;

describe('ParquetDataFileWriter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let engine: DuckEngine;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    engine = await DuckEngine.create();
  });
  afterAll(async () => {
    await engine.close();
    await cleanup();
  });

  const writer = (opts: { maxBufferBytes?: number; targetFileSizeBytes?: number } = {}) =>
    new ParquetDataFileWriter({
      engine,
      store: new LocalObjectStore(),
      tableLocation: path.join(dir, 't'),
      schema,
      spec,
      tmpDir: path.join(dir, 'tmp'),
      ...opts,
    });

  it('computes Iceberg metrics while buffering', async () => {
    const w = writer();
    const rows = [
      { ...trailRow(1), score: Number.NaN, msg: 'z'.repeat(40), big: 9_007_199_254_740_993n },
      { ...trailRow(2), source: null, score: 2.5, msg: 'abc', big: -5 },
      { ...trailRow(3), score: null, msg: null, big: null },
    ];
    for (const r of rows) await w.write(r);
    const [f] = await w.finish();
    expect(f!.filePath).toMatch(new RegExp(`/t/data/ts_hour=2024-01-01-10/[0-9a-f-]{36}\\.parquet$`));
    expect(f!.recordCount).toBe(3);
    expect(f!.partition).toEqual([Math.floor(T0 / HOUR_US)]);
    expect(f!.valueCounts.get(id('ts'))).toBe(3);
    expect(fromBytes('timestamptz', f!.lowerBounds.get(id('ts'))!)).toBe(T0 + 1000);
    expect(fromBytes('timestamptz', f!.upperBounds.get(id('ts'))!)).toBe(T0 + 3000);
    // struct children have metrics; a null parent counts as null
    expect(f!.nullValueCounts.get(id('source.ip'))).toBe(1);
    expect(f!.nullValueCounts.get(id('event.outcome'))).toBe(1);
    // NaN is counted and excluded from bounds
    expect(f!.nanValueCounts.get(id('score'))).toBe(1);
    expect(f!.nullValueCounts.get(id('score'))).toBe(1);
    expect(fromBytes('double', f!.lowerBounds.get(id('score'))!)).toBe(2.5);
    expect(fromBytes('double', f!.upperBounds.get(id('score'))!)).toBe(2.5);
    // strings truncated to 16 characters, upper bound incremented
    expect(fromBytes('string', f!.lowerBounds.get(id('msg'))!)).toBe('abc');
    expect(fromBytes('string', f!.upperBounds.get(id('msg'))!)).toBe('z'.repeat(15) + '{');
    expect(fromBytes('long', f!.upperBounds.get(id('big'))!)).toBe(9_007_199_254_740_993n);
    expect(fromBytes('long', f!.lowerBounds.get(id('big'))!)).toBe(-5);
    // nothing under lists or maps
    const tags = schema.fields.find((x) => x.name === 'tags')!.type as { 'element-id': number };
    expect(f!.valueCounts.has(tags['element-id'])).toBe(false);
    expect(f!.valueCounts.has(id('tags'))).toBe(false);
    const got = await engine.all(
      `SELECT big::VARCHAR AS big, msg, isnan(score) AS nan FROM read_parquet('${f!.filePath}') ORDER BY event.sequence`,
    );
    expect(got).toEqual([
      { big: '9007199254740993', msg: 'z'.repeat(40), nan: true },
      { big: '-5', msg: 'abc', nan: false },
      { big: null, msg: null, nan: null },
    ]);
  });

  it('round-trips strings that need JSON escaping', async () => {
    const w = writer();
    const tricky = 'a"b\\c\n\u0001\t😀 é';
    await w.write({ ...trailRow(1), msg: tricky, big: 1 });
    const [f] = await w.finish();
    const [r] = await engine.all(`SELECT msg FROM read_parquet('${f!.filePath}')`);
    expect(r!.msg).toBe(tricky);
  });

  it('keeps memory bounded: flushes by buffer size, one file per partition per flush', async () => {
    const w = writer({ maxBufferBytes: 20_000 });
    for (let i = 0; i < 300; i++) await w.write({ ...trailRow(i, i % 2), msg: null, big: i });
    const files = await w.finish();
    expect(files.length).toBeGreaterThan(4);
    expect(files.reduce((a, f) => a + f.recordCount, 0)).toBe(300);
    for (const f of files)
      expect(f.filePath).toContain(
        `ts_hour=2024-01-01-1${f.partition[0] === Math.floor(T0 / HOUR_US) ? 0 : 1}`,
      );
    const list = files.map((f) => `'${f.filePath}'`).join(', ');
    const [c] = await engine.all(
      `SELECT count(*)::INT AS n, count(DISTINCT big)::INT AS d FROM read_parquet([${list}])`,
    );
    expect(c).toEqual({ n: 300, d: 300 });
  });

  it('abort deletes the files written so far', async () => {
    const store = new LocalObjectStore();
    const location = path.join(dir, 'aborted');
    const w = new ParquetDataFileWriter({
      engine,
      store,
      tableLocation: location,
      schema,
      spec,
      tmpDir: path.join(dir, 'tmp'),
      maxBufferBytes: 1,
    });
    await w.write({ ...trailRow(1), msg: null, big: 1 });
    await w.write({ ...trailRow(2), msg: null, big: 2 });
    // The second file may still be converting in the background; abort waits for it.
    expect((await store.list(location)).length).toBeGreaterThanOrEqual(1);
    await w.abort();
    expect(await store.list(location)).toHaveLength(0);
    await expect(w.write({ ...trailRow(3), msg: null, big: 3 })).rejects.toThrow(/finished/);
  });

  it('maps every Iceberg type to DuckDB', () => {
    expect(toDuckDbType('timestamptz')).toBe('TIMESTAMPTZ');
    expect(toDuckDbType('long')).toBe('BIGINT');
    expect(toDuckDbType('decimal(10, 2)')).toBe('DECIMAL(10, 2)');
    expect(toDuckDbType('fixed[16]')).toBe('BLOB');
    expect(
      toDuckDbType({
        type: 'map',
        'key-id': 1,
        key: 'string',
        'value-id': 2,
        value: 'int',
        'value-required': false,
      }),
    ).toBe('MAP(VARCHAR, INTEGER)');
    expect(
      toDuckDbType({
        type: 'struct',
        fields: [
          {
            id: 1,
            name: 'a"b',
            required: false,
            type: { type: 'list', 'element-id': 2, element: 'uuid', 'element-required': false },
          },
        ],
      }),
    ).toBe('STRUCT("a""b" UUID[])');
  });
});
