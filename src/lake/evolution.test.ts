/**
 * Schema evolution end to end: add top-level and nested fields, promote int → long, write again;
 * old and new files are read together by field id (DuckDB read_parquet schema=MAP{id: …}), with
 * nulls for columns an old file does not have.
 */
import { icebergRead } from 'icebird';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFieldByPath } from './iceberg/schema.js';
import type { Schema, UnboundField } from './iceberg/types.js';
import { openLake, SchemaEvolutionError, toDuckDbType } from './index.js';
import { DuckEngine } from './parquet/engine.js';
import { installFileFetch } from './test-helpers/file-fetch.js';
import { HOURLY, T0, tempDir } from './test-helpers/helpers.js';

const V1: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  { name: 'user', type: { type: 'struct', fields: [{ name: 'name', type: 'string' }] } },
  { name: 'count', type: 'int' },
];
const V2: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  {
    name: 'user',
    type: {
      type: 'struct',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'domain', type: 'string' },
      ],
    },
  },
  { name: 'count', type: 'long' },
  { name: 'host', type: 'string' },
];

/** DuckDB's field-id schema map for read_parquet over files written with older schemas. */
function fieldIdSchema(schema: Schema): string {
  return `MAP {${schema.fields
    .map((f) => `${f.id}: {name: '${f.name}', type: '${toDuckDbType(f.type)}', default_value: NULL}`)
    .join(', ')}}`;
}

describe('schema evolution', () => {
  it('adds fields without rewriting data and reads old + new rows by field id', async () => {
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    const engine = await DuckEngine.create();
    try {
      const t1 = await lake.ensureTable('auth', V1, HOURLY);
      const w1 = lake.createWriter(t1);
      await w1.write({ ts: T0, user: { name: 'alice' }, count: 1 });
      await w1.write({ ts: T0 + 1, user: null, count: null });
      await lake.commit([{ table: 'auth', dataFiles: await w1.finish() }]);

      // same schema again: no new metadata version
      const same = await lake.ensureTable('auth', V1, HOURLY);
      expect(same.metadataLocation).toBe((await lake.loadTable('auth')).metadataLocation);

      const t2 = await lake.ensureTable('auth', V2, HOURLY);
      const s2 = t2.schema();
      expect(s2['schema-id']).toBe(1);
      expect(t2.metadata.schemas).toHaveLength(2);
      expect(findFieldByPath(s2, 'ts')!.id).toBe(findFieldByPath(t1.schema(), 'ts')!.id);
      expect(findFieldByPath(s2, 'user.name')!.id).toBe(findFieldByPath(t1.schema(), 'user.name')!.id);
      expect(findFieldByPath(s2, 'count')).toMatchObject({
        id: findFieldByPath(t1.schema(), 'count')!.id,
        type: 'long',
      });
      expect(findFieldByPath(s2, 'host')!.id).toBeGreaterThan(t1.metadata['last-column-id']);
      expect(findFieldByPath(s2, 'user.domain')!.id).toBeGreaterThan(t1.metadata['last-column-id']);

      const w2 = lake.createWriter(t2);
      await w2.write({ ts: T0 + 2, user: { name: 'bob', domain: 'corp' }, count: 2 ** 40, host: 'h1' });
      await lake.commit([{ table: 'auth', dataFiles: await w2.finish() }]);

      const plan = await lake.planScan('auth');
      expect(plan.files).toHaveLength(2);
      expect(plan.schema['schema-id']).toBe(1);
      const files = plan.files.map((f) => `'${f.path}'`).join(', ');
      const rows = await engine.all(
        `SELECT epoch_us(ts) AS ts, "user", "count", host FROM read_parquet([${files}], schema=${fieldIdSchema(plan.schema)}) ORDER BY ts`,
      );
      expect(rows).toEqual([
        { ts: String(T0), user: { name: 'alice', domain: null }, count: '1', host: null },
        { ts: String(T0 + 1), user: null, count: null, host: null },
        { ts: String(T0 + 2), user: { name: 'bob', domain: 'corp' }, count: String(2 ** 40), host: 'h1' },
      ]);

      // the first snapshot's scan still reports the schema it was written with
      const old = await lake.planScan('auth', {
        snapshotId: (await lake.describeTable('auth')).snapshots[0]!.snapshotId,
      });
      expect(old.schema['schema-id']).toBe(0);
      expect(old.files).toHaveLength(1);

      // icebird (maps columns by field id via the files' iceberg.schema) reads all rows too
      const un = installFileFetch();
      try {
        const t = await lake.loadTable('auth');
        const ice = (await icebergRead({
          tableUrl: t.metadata.location,
          metadataFileName: path.basename(t.metadataLocation),
        })) as Record<string, unknown>[];
        const hosts = ice.map((r) => r.host ?? null).sort();
        expect(hosts).toEqual(['h1', null, null]);
      } finally {
        un();
      }

      // incompatible change names the field
      await expect(
        lake.ensureTable('auth', [...V2.slice(0, 3), { name: 'host', type: 'int' }], HOURLY),
      ).rejects.toThrow(SchemaEvolutionError);
      await expect(
        lake.ensureTable('auth', [...V2.slice(0, 3), { name: 'host', type: 'int' }], HOURLY),
      ).rejects.toThrow(/host/);

      // partition spec evolution: new spec, old files keep their spec id
      const t3 = await lake.ensureTable('auth', V2, [{ source: 'ts', transform: 'day' }]);
      expect(t3.spec()['spec-id']).toBe(1);
      const w3 = lake.createWriter(t3);
      await w3.write({ ts: T0 + 3, user: null, count: 3, host: 'h2' });
      const f3 = await w3.finish();
      expect(f3[0]!.filePath).toContain('/data/ts_day=2024-01-01/');
      await lake.commit([{ table: 'auth', dataFiles: f3 }]);
      expect((await lake.planScan('auth')).files).toHaveLength(3);
      expect((await lake.planScan('auth', { tsRange: { min: T0 + 3, max: T0 + 3 } })).files).toHaveLength(1);
    } finally {
      await engine.close();
      await lake.close();
      await cleanup();
    }
  });
});
