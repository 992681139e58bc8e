import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestedLake, openTestApp, type TestApp } from './test-helpers/lake.js';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp(await ingestedLake());
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = (path: string) => t.app.request(path, { headers: t.auth });

describe('tables API', () => {
  it('lists tables with their log source, size and last commit', async () => {
    const res = await get('/api/tables');
    expect(res.status).toBe(200);
    const { tables } = (await res.json()) as { tables: Record<string, unknown>[] };
    const auth = tables.find((x) => x.name === 'auth')!;
    expect(auth).toMatchObject({ logSource: 'auth', rows: 5, snapshotCount: 1 });
    expect(auth.files).toBeGreaterThan(0);
    expect(auth.bytes).toBeGreaterThan(0);
    expect(Date.parse(auth.lastCommitAt as string)).not.toBeNaN();
    const dead = tables.find((x) => x.name === 'lakewatch_dead_letters')!;
    expect(dead).toMatchObject({ logSource: null, rows: 1 });
  });

  it('shows the schema with nested fields as dotted paths, and the partitioning', async () => {
    const res = await get('/api/tables/auth');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      schema: { fields: { path: string; type: string; name: string }[] };
      partitioning: { source: string; transform: string }[];
    };
    const paths = body.schema.fields.map((f) => f.path);
    expect(paths).toContain('ts');
    expect(paths).toContain('user.name');
    expect(body.schema.fields.find((f) => f.path === 'user.name')).toMatchObject({
      name: 'name',
      type: 'string',
    });
    expect(body.schema.fields.find((f) => f.path === 'user')).toMatchObject({ type: 'struct' });
    expect(body.partitioning).toEqual([expect.objectContaining({ source: 'ts', transform: 'hour' })]);
  });

  it('lists snapshots and stats', async () => {
    const snaps = (await (await get('/api/tables/auth/snapshots')).json()) as {
      snapshots: { operation: string; summary: Record<string, string>; parentId: string | null }[];
    };
    expect(snaps.snapshots).toHaveLength(1);
    expect(snaps.snapshots[0]).toMatchObject({ operation: 'append', parentId: null });
    expect(snaps.snapshots[0]!.summary['added-records']).toBe('5');
    const stats = await (await get('/api/tables/auth/stats')).json();
    expect(stats).toMatchObject({ rows: 5, minTs: '2024-05-01T12:00:00Z', maxTs: '2024-05-01T12:00:20Z' });
  });

  it('answers 404 in the error shape for an unknown table', async () => {
    const res = await get('/api/tables/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'no table named "nope"', status: 404 } });
  });
});
