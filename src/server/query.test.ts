import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestedLake, openTestApp, type TestApp } from './test-helpers/lake.js';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp(await ingestedLake());
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const SLOW = 'SELECT sum(hash(a.range + b.range)) FROM range(1000000) a, range(1000000) b';

function post(body: unknown, init: RequestInit = {}) {
  return t.app.request('/api/query', {
    method: 'POST',
    headers: { ...t.auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

/** Waits until the query with this id runs (GET /api/query/:id answers 200). */
async function waitRunning(queryId: string): Promise<void> {
  while ((await t.app.request(`/api/query/${queryId}`, { headers: t.auth })).status !== 200)
    await new Promise((r) => setTimeout(r, 20));
}

async function metricsText(): Promise<string> {
  return (await t.deps.metrics.expose()).body;
}

describe('POST /api/query', () => {
  it('answers JSON with columns, rows, a query id and truncation', async () => {
    const res = await post({ sql: 'SELECT user.name AS name, ts FROM auth ORDER BY ts', maxRows: 2 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.columns).toEqual([
      { name: 'name', type: 'VARCHAR' },
      { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
    ]);
    expect(body.rows).toEqual([
      ['alice', '2024-05-01T12:00:00Z'],
      ['alice', '2024-05-01T12:00:01Z'],
    ]);
    expect(body.truncated).toBe(true);
    expect(typeof body.queryId).toBe('string');
    expect(typeof body.elapsedMs).toBe('number');
    expect(await metricsText()).toMatch(/lakewatch_queries_total\{outcome="ok"\} [1-9]/);
  });

  it('answers CSV', async () => {
    const res = await post({
      sql: "SELECT user.name AS name, 'a,b' AS x FROM auth ORDER BY ts LIMIT 1",
      format: 'csv',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('x-truncated')).toBe('false');
    expect(await res.text()).toBe('name,x\r\nalice,"a,b"\r\n');
  });

  it('answers an Arrow IPC stream with typed columns', async () => {
    const res = await post({
      sql: 'SELECT user.name AS name, ts, 42::BIGINT AS n, 1.5::DOUBLE AS d, true AS b FROM auth ORDER BY ts LIMIT 2',
      format: 'arrow',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(2);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['name', 'ts', 'n', 'd', 'b']);
    const row = table.get(0)!.toJSON();
    expect(row.name).toBe('alice');
    expect(row.ts).toBe(Date.UTC(2024, 4, 1, 12, 0, 0));
    expect(row.n).toBe(42n);
    expect(row.d).toBe(1.5);
    expect(row.b).toBe(true);
  });

  it('answers 400 with DuckDB message for bad SQL', async () => {
    const res = await post({ sql: 'SELEC 1' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; status: number } };
    expect(body.error.status).toBe(400);
    expect(body.error.message).toMatch(/syntax error/i);
  });

  it('rejects write statements with 400', async () => {
    const res = await post({ sql: 'CREATE TABLE x AS SELECT 1' });
    expect(res.status).toBe(400);
    expect(await metricsText()).toMatch(/lakewatch_queries_total\{outcome="rejected"\} [1-9]/);
  });

  it('validates the body against its schema', async () => {
    const res = await post({ sql: 'SELECT 1', maxRows: 100_001 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^body\.maxRows: /);
    const bad = await t.app.request('/api/query', { method: 'POST', headers: t.auth, body: '{' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/invalid JSON/);
  });

  it('answers 408 when the query runs longer than timeoutMs', async () => {
    const res = await post({ sql: SLOW, timeoutMs: 100 });
    expect(res.status).toBe(408);
    expect(await metricsText()).toMatch(/lakewatch_queries_total\{outcome="timeout"\} [1-9]/);
  });

  it('DELETE /api/query/:id cancels a running query', async () => {
    const running = post({ sql: SLOW, queryId: 'cancel-me', timeoutMs: 600_000 });
    await waitRunning('cancel-me');
    const info = (await (await t.app.request('/api/query/cancel-me', { headers: t.auth })).json()) as {
      queryId: string;
    };
    expect(info.queryId).toBe('cancel-me');
    const cancelled = await t.app.request('/api/query/cancel-me', { method: 'DELETE', headers: t.auth });
    expect(cancelled.status).toBe(204);
    const res = await running;
    expect(res.status).toBe(499);
    expect(await metricsText()).toMatch(/lakewatch_queries_total\{outcome="cancelled"\} [1-9]/);
    const again = await t.app.request('/api/query/cancel-me', { method: 'DELETE', headers: t.auth });
    expect(again.status).toBe(404);
  });

  it('cancels the query when the client goes away', async () => {
    const controller = new AbortController();
    const running = post({ sql: SLOW, queryId: 'gone', timeoutMs: 600_000 }, { signal: controller.signal });
    await waitRunning('gone');
    expect((await post({ sql: 'SELECT 1', queryId: 'gone' })).status).toBe(409);
    controller.abort();
    const res = await running;
    expect(res.status).toBe(499);
  });

  it('cancels the query over real HTTP when the client disconnects', async () => {
    const cancelledCount = async () =>
      Number(/lakewatch_queries_total\{outcome="cancelled"\} (\d+)/.exec(await metricsText())?.[1] ?? 0);
    const before = await cancelledCount();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const controller = new AbortController();
      const request = fetch(`http://127.0.0.1:${port}/api/query`, {
        method: 'POST',
        headers: { ...t.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ sql: SLOW, queryId: 'http-gone', timeoutMs: 600_000 }),
        signal: controller.signal,
      }).catch((err: unknown) => err);
      await waitRunning('http-gone');
      controller.abort();
      expect(await request).toBeInstanceOf(Error);
      while ((await cancelledCount()) === before) await new Promise((r) => setTimeout(r, 20));
      expect(await cancelledCount()).toBe(before + 1);
    } finally {
      server.close();
    }
  });
});
