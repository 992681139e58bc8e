/**
 * Interop: tables written by Lakewatch are read back, row for row, by an independent Iceberg
 * reader (icebird, on hyparquet), and the Parquet files carry Iceberg field ids (DuckDB
 * parquet_schema).
 */
import { icebergRead } from 'icebird';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidToBytes } from './iceberg/conversions.js';
import { indexById } from './iceberg/schema.js';
import { isPrimitive, type IcebergType, type Schema, type UnboundField } from './iceberg/types.js';
import { openLake, type Lake } from './index.js';
import { DuckEngine } from './parquet/engine.js';
import { installFileFetch } from './test-helpers/file-fetch.js';
import { HOUR_US, HOURLY, T0, TRAIL_SCHEMA, tempDir, trailRow } from './test-helpers/helpers.js';

const TYPES_SCHEMA: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  { name: 'region', type: 'string' },
  { name: 'id', type: 'long' },
  { name: 'n', type: 'int' },
  { name: 'f', type: 'float' },
  { name: 'dt', type: 'date' },
  { name: 'dec', type: 'decimal(10, 2)' },
  { name: 'u', type: 'uuid' },
  { name: 'bin', type: 'binary' },
  { name: 'tm', type: 'time' },
  { name: 'lts', type: 'timestamp' },
  { name: 'matrix', type: { type: 'list', element: { type: 'list', element: 'int' } } },
  {
    name: 'm2',
    type: {
      type: 'map',
      key: 'string',
      value: {
        type: 'struct',
        fields: [
          { name: 'a', type: 'int' },
          { name: 'b', type: 'string' },
        ],
      },
    },
  },
];

function typesRow(i: number): Record<string, unknown> {
  return {
    ts: T0 + (i % 3) * 24 * HOUR_US + i * 1000,
    region: i % 4 === 0 ? null : ['eu', 'us', 'ap'][i % 3],
    id: i === 1 ? 9_007_199_254_740_993n : i % 5 === 0 ? null : i * 1_000_000_007,
    n: i % 6 === 0 ? null : -i,
    f: i / 2,
    dt: 19723 + i,
    dec: i % 7 === 0 ? null : `${i}.${String(i % 100).padStart(2, '0')}`,
    u: `f79c3e09-677c-4bbd-a479-${String(i).padStart(12, '0')}`,
    bin: Uint8Array.of(i % 256, 255, 92, 120),
    tm: i * 1_000_001,
    lts: T0 + i,
    matrix: i % 3 === 0 ? null : [[i, i + 1], [], [null, 2]],
    m2: i % 2 ? new Map([[`k${i}`, { a: i, b: null }]]) : null,
  };
}

/** Our runtime representation → what icebird/hyparquet return, per Iceberg type. */
function expected(type: IcebergType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (isPrimitive(type)) {
    switch (type) {
      case 'timestamptz':
      case 'timestamp':
        return new Date(Math.floor(Number(v) / 1000)).getTime();
      case 'long':
      case 'time':
        return BigInt(v as number).toString();
      case 'date':
        return Number(v) * 86_400_000;
      case 'uuid':
        return Buffer.from(uuidToBytes(v as string)).toString('hex');
      default:
        if (type.startsWith('decimal')) return Number(v);
        return v;
    }
  }
  switch (type.type) {
    case 'struct':
      return Object.fromEntries(
        type.fields.map((f) => [f.name, expected(f.type, (v as Record<string, unknown>)[f.name])]),
      );
    case 'list':
      return (v as unknown[]).map((x) => expected(type.element, x));
    case 'map':
      return Object.fromEntries(
        [...(v as Map<string, unknown>)].map(([k, x]) => [k, expected(type.value, x)]),
      );
  }
}

function normalize(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

function expectedRow(schema: Schema, row: Record<string, unknown>, skip: string[] = []) {
  return Object.fromEntries(
    schema.fields
      .filter((f) => !skip.includes(f.name))
      .map((f) => [f.name, normalize(expected(f.type, row[f.name]))]),
  );
}

async function readWithIcebird(lake: Lake, table: string, metadataLocation?: string) {
  const t = await lake.loadTable(table);
  return (await icebergRead({
    tableUrl: t.metadata.location,
    metadataFileName: path.basename(metadataLocation ?? t.metadataLocation),
  })) as Record<string, unknown>[];
}

describe('interop with independent readers', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let lake: Lake;
  let uninstall: () => void;
  const trailRows: Record<string, unknown>[] = [];
  const typeRows: Record<string, unknown>[] = [];
  let firstTrailMetadata = '';

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    lake = await openLake({ root: dir });
    uninstall = installFileFetch();
    const trail = await lake.ensureTable('trail', TRAIL_SCHEMA, HOURLY);
    const types = await lake.ensureTable('types', TYPES_SCHEMA, [
      { source: 'ts', transform: 'day' },
      { source: 'region', transform: 'identity' },
    ]);
    for (let batch = 0; batch < 2; batch++) {
      const wt = lake.createWriter(trail);
      const wy = lake.createWriter(types);
      for (let i = batch * 60; i < batch * 60 + 60; i++) {
        const r = trailRow(i, i % 4);
        trailRows.push(r);
        await wt.write(r);
        const y = typesRow(i);
        typeRows.push(y);
        await wy.write(y);
      }
      await lake.commit([
        { table: 'trail', dataFiles: await wt.finish() },
        { table: 'types', dataFiles: await wy.finish() },
      ]);
      if (batch === 0) firstTrailMetadata = (await lake.loadTable('trail')).metadataLocation;
    }
  });

  afterAll(async () => {
    uninstall();
    await lake.close();
    await cleanup();
  });

  it('icebird reads every row of a nested, partitioned table across snapshots', async () => {
    const schema = (await lake.loadTable('trail')).schema();
    const rows = await readWithIcebird(lake, 'trail');
    expect(rows).toHaveLength(120);
    type Row = Record<string, Record<string, unknown>>;
    const got = rows
      .map(normalize)
      .sort((a, b) => Number((a as Row).event!.sequence) - Number((b as Row).event!.sequence));
    expect(got).toEqual(trailRows.map((r) => expectedRow(schema, r)));
    // time travel: the first snapshot's metadata file shows the first batch only
    expect(await readWithIcebird(lake, 'trail', firstTrailMetadata)).toHaveLength(60);
    const d = await lake.describeTable('trail');
    expect(d.snapshots).toHaveLength(2);
    expect(d.rows).toBe(120);
  });

  it('icebird reads every primitive type; DuckDB confirms binary bytes', async () => {
    const schema = (await lake.loadTable('types')).schema();
    const rows = await readWithIcebird(lake, 'types');
    expect(rows).toHaveLength(120);
    const got = rows.map((r) => {
      const { bin: _bin, ...rest } = r;
      // hyparquet returns decimals as floats (unscaled × 10^-scale): round to the scale
      if (typeof rest.dec === 'number') rest.dec = Number(rest.dec.toFixed(2));
      return normalize(rest);
    });
    got.sort((a, b) => Number((a as Record<string, unknown>).dt) - Number((b as Record<string, unknown>).dt));
    expect(got).toEqual(typeRows.map((r) => expectedRow(schema, r, ['bin'])));
    const plan = await lake.planScan('types');
    const engine = await DuckEngine.create();
    try {
      const list = plan.files.map((f) => `'${f.path}'`).join(', ');
      const bins = await engine.all(`SELECT hex(bin) AS h, dt FROM read_parquet([${list}]) ORDER BY dt`);
      expect(bins.map((r) => r.h)).toEqual(
        typeRows.map((r) =>
          Buffer.from(r.bin as Uint8Array)
            .toString('hex')
            .toUpperCase(),
        ),
      );
    } finally {
      await engine.close();
    }
  });

  it('Parquet files carry the Iceberg field ids and physical types', async () => {
    const engine = await DuckEngine.create();
    try {
      for (const table of ['trail', 'types']) {
        const t = await lake.loadTable(table);
        const ids = [...indexById(t.schema()).keys()].sort((a, b) => a - b);
        const plan = await lake.planScan(table);
        expect(plan.files.length).toBeGreaterThan(2);
        for (const f of plan.files) {
          const cols = await engine.all(
            `SELECT name, type, logical_type, field_id FROM parquet_schema('${f.path}')`,
          );
          const got = cols
            .filter((c) => c.field_id !== null)
            .map((c) => Number(c.field_id))
            .sort((a, b) => a - b);
          expect(got).toEqual(ids);
          const ts = cols.find((c) => c.name === 'ts')!;
          expect(ts.type).toBe('INT64');
          expect(String(ts.logical_type)).toMatch(/isAdjustedToUTC=1.*MICROS/);
          expect(Number(ts.field_id)).toBe(1);
          if (table === 'types') {
            expect(cols.find((c) => c.name === 'id')!.type).toBe('INT64');
            expect(cols.find((c) => c.name === 'n')!.type).toBe('INT32');
            expect(String(cols.find((c) => c.name === 'lts')!.logical_type)).toMatch(/isAdjustedToUTC=0/);
          }
          const codec = await engine.all(`SELECT DISTINCT compression FROM parquet_metadata('${f.path}')`);
          expect(codec.map((c) => c.compression)).toEqual(['ZSTD']);
        }
      }
    } finally {
      await engine.close();
    }
  });

  it('prunes scans by ts range using partitions and bounds', async () => {
    const all = await lake.planScan('trail');
    expect(all.totalFiles).toBe(8); // 4 hours × 2 snapshots
    const hour1 = await lake.planScan('trail', { tsRange: { min: T0 + HOUR_US, max: T0 + 2 * HOUR_US - 1 } });
    expect(hour1.totalFiles).toBe(8);
    expect(hour1.files).toHaveLength(2);
    expect(hour1.files.every((f) => f.path.includes('ts_hour=2024-01-01-11'))).toBe(true);
    const none = await lake.planScan('trail', { tsRange: { min: T0 + 10 * HOUR_US } });
    expect(none.files).toHaveLength(0);
    // bounds prune inside a partition: hour 0 holds i*1000 µs offsets only up to 119 ms
    const late = await lake.planScan('trail', { tsRange: { min: T0 + 500_000, max: T0 + HOUR_US - 1 } });
    expect(late.files).toHaveLength(0);
    const first = await lake.planScan('trail', {
      snapshotId: (await lake.describeTable('trail')).snapshots[0]!.snapshotId,
    });
    expect(first.files).toHaveLength(4);
  });
});
