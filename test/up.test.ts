/**
 * `lakewatch up` over real HTTP: ingest (NDJSON, JSON array, gzip, HEC as Vector and Fluent Bit
 * send it), auth, bad bodies, size limits, a client that disconnects mid-upload, a drop folder
 * file still being written, realtime alerts to a webhook, the API, and a graceful stop that
 * commits what was accepted.
 */
import { once } from 'node:events';
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLake } from '../src/lake/index.js';
import { queryRows, writeLake } from './helpers.js';
import { startUp, type RunningUp } from './up-helpers.js';

const SOURCE = `name: app
schema:
  ecs_field_names: [event.action, event.outcome, user.name, source.ip, message]
  fields:
    - { name: rid, type: string }
`;
const DETECTION = `name: failed_login
tables: [app]
alert:
  severity: high
  destinations: [hook]
`;
const DETECT_TS = `import type { DetectionRecord } from 'lakewatch/detection';
export function detect(r: DetectionRecord): boolean { return r.deepget('event.action') === 'login' && r.deepget('event.outcome') === 'failure'; }
export function title(r: DetectionRecord): string { return 'failed login for ' + r.deepget('user.name'); }
export function dedupe(r: DetectionRecord): string { return String(r.deepget('user.name')); }
`;

function ev(rid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@timestamp': new Date().toISOString(),
    event: { action: 'view', outcome: 'success' },
    user: { name: 'alice' },
    rid,
    ...extra,
  };
}
const ndjson = (events: Record<string, unknown>[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

let hook: Server;
const deliveries: { id: string; body: Record<string, unknown> }[] = [];
let dir: string;
let up: RunningUp;

async function post(
  pathname: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  token: string | null = up.token,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(up.url + pathname, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json };
}

async function api<T = Record<string, unknown>>(pathname: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(up.url + pathname, {
    ...init,
    headers: { authorization: `Bearer ${up.token}`, 'content-type': 'application/json', ...init.headers },
  });
  expect(res.status, `${pathname}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

async function ridCount(rids: string[]): Promise<number> {
  const list = rids.map((r) => `'${r}'`).join(',');
  const out = await api<{ rows: unknown[][] }>('/api/query', {
    method: 'POST',
    body: JSON.stringify({ sql: `SELECT count(*) FROM app WHERE rid IN (${list})` }),
  });
  return Number(out.rows[0]![0]);
}

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      deliveries.push({ id: String(req.headers['x-lakewatch-delivery']), body: JSON.parse(body) });
      res.writeHead(200).end('ok');
    });
  });
  hook.listen(0, '127.0.0.1');
  await once(hook, 'listening');
  const port = (hook.address() as { port: number }).port;
  dir = writeLake({
    'lakewatch.config.yml':
      'name: up-test\nservice:\n  ingest:\n    flush_interval: 200ms\n    max_body: 1MiB\n  drop:\n    settle: 400ms\n',
    'log_sources/app/log_source.yml': SOURCE,
    'detections/failed_login/detection.yml': DETECTION,
    'detections/failed_login/detect.ts': DETECT_TS,
    'integrations/destinations/hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: http://127.0.0.1:${port}/\n`,
  });
  up = await startUp(dir);
}, 60_000);

afterAll(async () => {
  await up?.stop();
  hook?.close();
});

describe('lakewatch up', () => {
  it('answers health without a token and rejects ingest without a valid one (nothing ingested)', async () => {
    expect((await fetch(`${up.url}/healthz`)).status).toBe(200);
    expect((await post('/ingest/app', ndjson([ev('noauth-1')]), {}, null)).status).toBe(401);
    expect((await post('/ingest/app', ndjson([ev('noauth-2')]), {}, 'lw_wrong')).status).toBe(401);
    const hec = await fetch(`${up.url}/services/collector/event`, {
      method: 'POST',
      headers: { authorization: 'Splunk lw_wrong' },
      body: JSON.stringify({ event: ev('noauth-3'), sourcetype: 'app' }),
    });
    expect(hec.status).toBe(401);
    expect(await hec.json()).toMatchObject({ code: 4 });
    // a later accepted request is committed; the rejected ones never are
    expect((await post('/ingest/app', ndjson([ev('auth-ok')]))).status).toBe(200);
    await vi.waitFor(async () => expect(await ridCount(['auth-ok'])).toBe(1), {
      timeout: 15_000,
      interval: 200,
    });
    expect(await ridCount(['noauth-1', 'noauth-2', 'noauth-3'])).toBe(0);
  });

  it('ingests NDJSON, a gzip JSON array, and raises the alert to the webhook', async () => {
    const a = await post(
      '/ingest/app',
      ndjson([
        ev('nd-1'),
        ev('nd-2', { user: { name: 'mallory' }, event: { action: 'login', outcome: 'failure' } }),
      ]),
    );
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ accepted: 2 });
    const b = await post('/ingest/app', gzipSync(JSON.stringify([ev('arr-1'), ev('arr-2'), ev('arr-3')])), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(b.status).toBe(200);
    await vi.waitFor(
      async () => expect(await ridCount(['nd-1', 'nd-2', 'arr-1', 'arr-2', 'arr-3'])).toBe(5),
      {
        timeout: 15_000,
        interval: 200,
      },
    );
    await vi.waitFor(
      () =>
        expect(deliveries.map((d) => (d.body.alert as { title: string }).title)).toContain(
          'failed login for mallory',
        ),
      { timeout: 15_000, interval: 100 },
    );
  });

  it('rejects a body that is not what its content type says, and ingests none of it', async () => {
    const r = await post('/ingest/app', `${JSON.stringify(ev('bad-1'))}\nnot json at all\n`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toMatch(/line 2/);
    const g = await post('/ingest/app', Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' });
    expect(g.status).toBe(400);
    // committed batches are flushed every 200 ms: a later good request proves the bad ones were never queued
    expect((await post('/ingest/app', ndjson([ev('after-bad')]))).status).toBe(200);
    await vi.waitFor(async () => expect(await ridCount(['after-bad'])).toBe(1), {
      timeout: 15_000,
      interval: 200,
    });
    expect(await ridCount(['bad-1'])).toBe(0);
  });

  it('answers 413 to a 1 GB body without reading it', async () => {
    const url = new URL(up.url);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    let response = '';
    socket.on('data', (d: Buffer) => (response += d.toString()));
    socket.write(
      `POST /ingest/app HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${up.token}\r\n` +
        `Content-Type: application/x-ndjson\r\nContent-Length: ${1024 ** 3}\r\n\r\n`,
    );
    socket.write(ndjson([ev('huge-1')]));
    // the answer comes while almost all of the gigabyte is still unsent
    await vi.waitFor(() => expect(response).toMatch(/^HTTP\/1\.1 413/), { timeout: 10_000, interval: 50 });
    socket.destroy();
    expect(await ridCount(['huge-1'])).toBe(0);
  });

  it('answers Expect: 100-continue with 413 before the body when it is too large, else with 100', async () => {
    const url = new URL(up.url);
    const exchange = async (length: number, body?: string) => {
      const socket = connect(Number(url.port), url.hostname);
      await once(socket, 'connect');
      let response = '';
      socket.on('data', (d: Buffer) => (response += d.toString()));
      socket.write(
        `POST /ingest/app HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${up.token}\r\n` +
          `Content-Type: application/x-ndjson\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`,
      );
      await vi.waitFor(() => expect(response).toMatch(/^HTTP\/1\.1 (100|413)/), {
        timeout: 10_000,
        interval: 20,
      });
      if (body !== undefined && response.startsWith('HTTP/1.1 100')) {
        socket.write(body);
        await vi.waitFor(() => expect(response).toMatch(/HTTP\/1\.1 200/), { timeout: 10_000, interval: 20 });
      }
      socket.destroy();
      return response;
    };
    expect(await exchange(2 * 1024 ** 3)).toMatch(/^HTTP\/1\.1 413[^]*service\.ingest\.max_body/);
    const line = ndjson([ev('continue-1')]);
    expect(await exchange(Buffer.byteLength(line), line)).toMatch(/^HTTP\/1\.1 100 Continue/);
    await vi.waitFor(async () => expect(await ridCount(['continue-1'])).toBe(1), {
      timeout: 15_000,
      interval: 200,
    });
  });

  it('ingests nothing of a request whose client disconnects mid-upload', async () => {
    const req = request(`${up.url}/ingest/app`, {
      method: 'POST',
      headers: { authorization: `Bearer ${up.token}`, 'content-type': 'application/x-ndjson' }, // chunked
    });
    req.on('error', () => undefined);
    req.write(ndjson([ev('cut-1'), ev('cut-2')]));
    await new Promise((r) => setTimeout(r, 200));
    req.destroy();
    expect((await post('/ingest/app', ndjson([ev('after-cut')]))).status).toBe(200);
    await vi.waitFor(async () => expect(await ridCount(['after-cut'])).toBe(1), {
      timeout: 15_000,
      interval: 200,
    });
    expect(await ridCount(['cut-1', 'cut-2'])).toBe(0);
  });

  it('takes events from shippers the way Vector and Fluent Bit send to Splunk HEC', async () => {
    // Vector splunk_hec_logs: /services/collector/event, "Splunk" auth, gzip, concatenated event objects
    const vector =
      JSON.stringify({ event: ev('vec-1'), time: Date.now() / 1000, host: 'h1', sourcetype: 'app' }) +
      JSON.stringify({ event: ev('vec-2'), time: Date.now() / 1000, host: 'h1', sourcetype: 'app' });
    const v = await fetch(`${up.url}/services/collector/event`, {
      method: 'POST',
      headers: {
        authorization: `Splunk ${up.token}`,
        'content-encoding': 'gzip',
        'content-type': 'application/json',
      },
      body: gzipSync(vector),
    });
    expect(v.status).toBe(200);
    expect(await v.json()).toEqual({ text: 'Success', code: 0 });
    // Fluent Bit splunk output: /services/collector/event, newline-separated events, log source by query
    const fb = [ev('fb-1'), ev('fb-2')]
      .map((e) => JSON.stringify({ event: e, time: Date.now() / 1000 }))
      .join('\n');
    const f = await fetch(`${up.url}/services/collector/event?log_source=app`, {
      method: 'POST',
      headers: { authorization: `Splunk ${up.token}` },
      body: fb,
    });
    expect(f.status).toBe(200);
    await vi.waitFor(async () => expect(await ridCount(['vec-1', 'vec-2', 'fb-1', 'fb-2'])).toBe(4), {
      timeout: 15_000,
      interval: 200,
    });
  });

  it('ingests a drop-folder file only once it is complete, then archives it', async () => {
    const folder = path.join(dir, 'drop', 'app');
    await vi.waitFor(() => expect(existsSync(folder)).toBe(true), { timeout: 10_000 });
    const file = path.join(folder, 'slow.ndjson');
    writeFileSync(file, JSON.stringify(ev('drop-1')) + '\n');
    for (let i = 2; i <= 5; i++) {
      await new Promise((r) => setTimeout(r, 150)); // well inside the 400 ms settle time
      appendFileSync(file, JSON.stringify(ev(`drop-${i}`)) + '\n');
    }
    const rids = [1, 2, 3, 4, 5].map((i) => `drop-${i}`);
    await vi.waitFor(async () => expect(await ridCount(rids)).toBe(5), { timeout: 20_000, interval: 200 });
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 10_000 });
    const archived = readdirSync(path.join(dir, 'drop', '.archive', 'app'), { recursive: true }).map(String);
    expect(archived.some((f) => f.endsWith('slow.ndjson'))).toBe(true);
  });

  it('serves the OpenAPI document, metrics, and alert status changes with who and when', async () => {
    const doc = (await (await fetch(`${up.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/query', '/api/alerts', '/api/tables']),
    );
    const metrics = await (
      await fetch(`${up.url}/metrics`, { headers: { authorization: `Bearer ${up.token}` } })
    ).text();
    expect(metrics).toMatch(/lakewatch_ingest_events_total\{log_source="app",outcome="committed"\} \d+/);
    for (const name of [
      'lakewatch_http_ingest_requests_total',
      'lakewatch_commits_total',
      'lakewatch_ingest_batch_seconds_bucket',
      'lakewatch_detection_seconds_bucket',
      'lakewatch_detection_matches_total',
      'lakewatch_deliveries_total',
      'lakewatch_query_seconds_bucket',
    ])
      expect(metrics).toContain(name);
    expect((await fetch(`${up.url}/metrics`)).status).toBe(401);

    const { alerts } = await api<{ alerts: { id: string; title: string; status: string }[] }>('/api/alerts');
    const alert = alerts.find((a) => a.title === 'failed login for mallory')!;
    expect(alert.status).toBe('open');
    await api(`/api/alerts/${alert.id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'acknowledged' }),
    });
    const detail = await api<{ alert: { status: string; statusHistory: { status: string; by: string }[] } }>(
      `/api/alerts/${alert.id}`,
    );
    expect(detail.alert.status).toBe('acknowledged');
    expect(detail.alert.statusHistory.at(-1)).toMatchObject({ status: 'acknowledged', by: 'test' });
  });

  it('commits what it accepted when stopped with SIGTERM, and resumes on restart', async () => {
    await up.stop();
    // a long flush interval: the request waits in the spool until the stop flushes it
    writeFileSync(
      path.join(dir, 'lakewatch.config.yml'),
      'name: up-test\nservice:\n  ingest:\n    flush_interval: 1h\n  drop:\n    settle: 400ms\n',
    );
    up = await startUp(dir, { token: up.token });
    expect((await post('/ingest/app', ndjson([ev('term-1'), ev('term-2')]))).status).toBe(200);
    expect(await up.stop()).toBe(0);
    const lake = await openLake({ root: dir });
    try {
      const rows = await queryRows(lake, `SELECT count(*) AS n FROM app WHERE rid IN ('term-1', 'term-2')`);
      expect(Number(rows[0]!.n)).toBe(2);
    } finally {
      await lake.close();
    }
    up = await startUp(dir, { token: up.token });
    expect(await ridCount(['term-1', 'term-2'])).toBe(2);
  });
});
