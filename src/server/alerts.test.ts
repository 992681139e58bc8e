import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestedLake, lakewatch, openTestApp, type TestApp } from './test-helpers/lake.js';

interface AlertJson {
  id: string;
  status: string;
  dedupe: string;
  createdAt: string;
  context: unknown;
  statusHistory: { status: string }[];
}
interface Body {
  alerts: AlertJson[];
  alert: AlertJson;
  matches: { table: string; record: { user: { name: string } } }[];
  deliveries: unknown[];
  error: { message: string };
}

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = await ingestedLake();
  t = await openTestApp(dir, { now: () => Date.UTC(2030, 0, 1) });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: t.auth });
  return { status: res.status, body: (await res.json()) as Body };
};
const setStatus = async (id: string, body: unknown) => {
  const res = await t.app.request(`/api/alerts/${id}/status`, {
    method: 'POST',
    headers: { ...t.auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
};

describe('alerts API', () => {
  it('lists alerts with status, filters by severity, detection and activation', async () => {
    const { status, body } = await get('/api/alerts');
    expect(status).toBe(200);
    expect(body.alerts).toHaveLength(2);
    const alice = body.alerts.find((a) => a.dedupe === 'alice')!;
    expect(alice).toMatchObject({
      title: 'Failed logins for alice',
      severity: 'high',
      detection: 'failed_login',
      status: 'open',
      matchCount: 3,
      activated: true,
      destinations: [],
    });
    expect(Date.parse(alice.createdAt)).not.toBeNaN();
    expect((await get('/api/alerts?activated=true')).body.alerts).toHaveLength(1);
    expect((await get('/api/alerts?severity=low,medium')).body.alerts).toHaveLength(0);
    expect((await get('/api/alerts?minSeverity=high&detection=failed_login')).body.alerts).toHaveLength(2);
    expect((await get('/api/alerts?limit=1')).body.alerts).toHaveLength(1);
    const bad = await get('/api/alerts?severity=urgent');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^query\.severity/);
    expect((await get('/api/alerts?since=2x')).status).toBe(400);
  });

  it('shows one alert with context, matches (bigints intact) and deliveries', async () => {
    const list = (await get('/api/alerts?activated=true')).body.alerts;
    const { status, body } = await get(`/api/alerts/${list[0].id}`);
    expect(status).toBe(200);
    expect(body.alert).toMatchObject({ id: list[0].id, status: 'open', statusHistory: [] });
    expect(body.alert.context).toEqual({ ip: '10.0.0.1', big: '9007199254740993' });
    expect(body.matches).toHaveLength(3);
    expect(body.matches[0]).toMatchObject({ table: 'auth' });
    expect(body.matches[0].record.user.name).toBe('alice');
    expect(body.deliveries).toEqual([]);
    expect((await get('/api/alerts/nope')).status).toBe(404);
  });

  it('acknowledges, resolves and reopens with who and when, kept as history', async () => {
    const id = (await get('/api/alerts?activated=true')).body.alerts[0].id;
    const ack = await setStatus(id, { status: 'acknowledged', note: 'looking' });
    expect(ack.status).toBe(200);
    expect(ack.body.alert.status).toBe('acknowledged');
    const tokenName = t.deps.tokens.verify(t.token)!.name;
    expect(ack.body.alert.statusHistory).toEqual([
      { status: 'acknowledged', by: tokenName, at: '2030-01-01T00:00:00.000Z', note: 'looking' },
    ]);
    expect((await setStatus(id, { status: 'acknowledged' })).status).toBe(409);
    expect((await setStatus(id, { status: 'resolved' })).body.alert.status).toBe('resolved');

    expect((await get('/api/alerts?status=resolved')).body.alerts.map((a) => a.id)).toEqual([id]);
    expect((await get('/api/alerts?status=open')).body.alerts).toHaveLength(1);
    expect((await get('/api/alerts?status=open,resolved')).body.alerts).toHaveLength(2);

    const reopened = await setStatus(id, { status: 'open', note: 'again' });
    expect(reopened.body.alert.statusHistory.map((h) => h.status)).toEqual([
      'acknowledged',
      'resolved',
      'open',
    ]);
    const detail = await get(`/api/alerts/${id}`);
    expect(detail.body.alert.statusHistory).toHaveLength(3);

    expect((await setStatus(id, { status: 'closed' })).status).toBe(400);
    expect((await setStatus('nope', { status: 'resolved' })).status).toBe(404);
  });

  it('shows the status in `lakewatch alerts`', async () => {
    const id = (await get('/api/alerts?activated=false')).body.alerts[0].id;
    await setStatus(id, { status: 'acknowledged' });
    const run = await lakewatch('alerts', '--dir', dir, '--json');
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { id: string; status: string }[];
    expect(list.find((a) => a.id === id)!.status).toBe('acknowledged');
    const text = await lakewatch('alerts', '--dir', dir);
    expect(text.stdout).toMatch(/STATUS/);
    expect(text.stdout).toMatch(/acknowledged/);
  });
});
