import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../pipeline/index.js';
import type { ServiceStatus } from '../service/types.js';
import { authLines, ingestedLake, openTestApp, tempDir, type TestApp } from './test-helpers/lake.js';

type Json = Record<string, unknown>;
interface Body {
  detections: (Json & { name: string })[];
  matchesOverTime: { count: number }[];
  recentErrors: Json[];
  cases: { name: string; ok: boolean }[];
  sources: (Json & { lastCommitAt: string; lastEventAt: string; bytes24h: number; lagMs: number })[];
  series: { events: number; bytes: number }[];
  samples: (Json & { reason: string })[];
  total: number;
}

let t: TestApp;
const status: ServiceStatus = {
  startedAt: '2030-01-01T00:00:00.000Z',
  version: '0.1.0',
  state: 'running',
  queueDepth: 0,
  sources: [
    {
      logSource: 'auth',
      spoolPending: 3,
      spoolPendingBytes: 100,
      oldestPendingMs: 5,
      lastCommitAt: null,
      lastCommitEvents: 0,
      lastError: null,
      dropFolder: '/drop/auth',
    },
  ],
  schedules: [],
};
beforeAll(async () => {
  t = await openTestApp(await ingestedLake(), { status: () => status });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: t.auth });
  return { status: res.status, body: (await res.json()) as Body };
};

describe('detections API', () => {
  it('lists detections with matches, errors and tests of the last 24 hours', async () => {
    const { status, body } = await get('/api/detections');
    expect(status).toBe(200);
    const byName = Object.fromEntries(body.detections.map((d) => [d.name, d]));
    expect(byName.failed_login).toMatchObject({
      language: 'python',
      tables: ['auth'],
      severity: 'high',
      enabled: true,
      loaded: true,
      matches24h: 4,
      errors24h: 0,
      tests: 2,
    });
    expect(byName.broken).toMatchObject({ matches24h: 0, errors24h: 1, tests: 0 });
  });

  it('shows one detection with matches over time and recent errors', async () => {
    const ok = await get('/api/detections/failed_login?since=2h&step=1h');
    expect(ok.status).toBe(200);
    expect(ok.body.matchesOverTime.length).toBeGreaterThanOrEqual(2);
    expect(ok.body.matchesOverTime.reduce((n, b) => n + b.count, 0)).toBe(4);
    const broken = await get('/api/detections/broken');
    expect(broken.body.recentErrors).toHaveLength(1);
    expect(broken.body.recentErrors[0]).toMatchObject({
      table: 'auth',
      type: 'ValueError',
      message: 'bob breaks me',
    });
    expect((await get('/api/detections/nope')).status).toBe(404);
    expect((await get('/api/detections/failed_login?step=1ms')).status).toBe(400);
  });

  it('runs the tests of a detection', async () => {
    const res = await t.app.request('/api/detections/failed_login/test', { method: 'POST', headers: t.auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body).toMatchObject({ passed: 2, failed: 0 });
    expect(body.cases.map((c) => [c.name, c.ok])).toEqual([
      ['a failure matches', true],
      ['a success does not', true],
    ]);
  }, 60_000);
});

describe('sources API', () => {
  it('lists sources with volume, dead letters, freshness and service status', async () => {
    const { status, body } = await get('/api/sources');
    expect(status).toBe(200);
    expect(body.sources).toHaveLength(1);
    const auth = body.sources[0];
    expect(auth).toMatchObject({
      name: 'auth',
      tables: ['auth'],
      format: 'json',
      events24h: 5,
      deadLetters24h: 1,
      lastEventAt: '2024-05-01T12:00:20.000Z',
      spoolPending: 3,
      dropFolder: '/drop/auth',
    });
    expect(auth.bytes24h).toBeGreaterThan(0);
    expect(auth.lagMs).toBe(Date.parse(auth.lastCommitAt) - Date.parse(auth.lastEventAt));
  });

  it('buckets appended events and bytes by commit time', async () => {
    const { status, body } = await get('/api/sources/auth/volume?since=1h&step=5m');
    expect(status).toBe(200);
    expect(body.series.length).toBeGreaterThanOrEqual(12);
    expect(body.series.reduce((n, b) => n + b.events, 0)).toBe(5);
    expect(body.series.filter((b) => b.events > 0)).toHaveLength(1);
    expect((await get('/api/sources/nope/volume')).status).toBe(404);
  });

  it('shows dead letters of the source', async () => {
    const { status, body } = await get('/api/sources/auth/dead-letters?limit=10');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.samples[0]).toMatchObject({ raw: '{not json', line: 6, stage: 'decode' });
    expect(body.samples[0].reason).toBeTruthy();
  });

  it('keeps volume and 24 h figures after the snapshots of the table expired', async () => {
    // A second commit of two more events, then every snapshot of `auth` but the newest expires.
    const file = path.join(tempDir(), 'b.ndjson');
    writeFileSync(file, authLines(2, 30, 'dave'));
    const { lake, lakeDir } = t.deps;
    const inputs = [{ path: file, size: statSync(file).size, mtimeMs: Math.trunc(statSync(file).mtimeMs) }];
    await ingestFiles({ lake, lakeDir, logSource: 'auth', inputs, workers: 1 });
    const volume = async () => {
      const { status, body } = await get('/api/sources/auth/volume?since=1h&step=1m');
      expect(status).toBe(200);
      return {
        events: body.series.reduce((n, b) => n + b.events, 0),
        bytes: body.series.reduce((n, b) => n + b.bytes, 0),
      };
    };
    const summary = async () => {
      const { sources } = (await get('/api/sources')).body;
      const { events24h, bytes24h, deadLetters24h, lastCommitAt } = sources[0]!;
      return { events24h, bytes24h, deadLetters24h, lastCommitAt };
    };
    const before = { volume: await volume(), summary: await summary() };
    expect(before.volume.events).toBe(7);
    expect(before.summary).toMatchObject({ events24h: 7, deadLetters24h: 1, bytes24h: before.volume.bytes });
    expect((await lake.describeTable('auth')).snapshots.length).toBeGreaterThanOrEqual(2);

    await lake.expireSnapshots('auth', { beforeMs: Date.now() + 1, retainLast: 1 });
    await lake.expireSnapshots('lakewatch_dead_letters', { beforeMs: Date.now() + 1, retainLast: 1 });
    expect((await lake.describeTable('auth')).snapshots).toHaveLength(1);
    expect(await volume()).toEqual(before.volume);
    expect(await summary()).toEqual(before.summary);
  });

  it('passes the service status through', async () => {
    const res = await get('/api/status');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(status);
  });
});
