import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../config/index.js';
import { ingestRoutes } from '../sources/http/index.js';
import { LakewatchMetrics } from '../telemetry/metrics.js';
import { openTestApp, tempDir, writeLake, FILES, type TestApp } from './test-helpers/lake.js';

interface Operation {
  parameters: { name: string; in: string; required: boolean }[];
  requestBody: {
    content: Record<
      string,
      { schema: { required: string[]; properties: Record<string, { enum?: string[] }> } }
    >;
  };
  responses: Record<string, unknown>;
  operationId: string;
  security?: unknown[];
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

let t: TestApp;
let webDir: string;
const ingested: string[] = [];

beforeAll(async () => {
  webDir = tempDir();
  writeFileSync(path.join(webDir, 'index.html'), '<html>console</html>');
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
  const dir = writeLake(FILES);
  // the real ingest routes, with an accept that only records what it was given
  const ingest = ingestRoutes({
    lakeDir: loadLakeDirectory(dir),
    limits: { maxBodyBytes: 1 << 20, maxDecodedBodyBytes: 1 << 20 },
    accept: async (batches) => {
      ingested.push(...batches.map((b) => b.logSource));
    },
    metrics: new LakewatchMetrics({ defaultMetrics: false }),
  });
  t = await openTestApp(dir, { webDir, ingestRoutes: ingest });
});
afterAll(async () => {
  await t?.close();
});

describe('auth', () => {
  it('refuses API calls without a token, with a wrong one and with a revoked one', async () => {
    const none = await t.app.request('/api/tables');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as { error: { status: number } }).error.status).toBe(401);
    const wrong = await t.app.request('/api/tables', { headers: { Authorization: 'Bearer lw_nope' } });
    expect(wrong.status).toBe(401);
    expect((await t.app.request('/metrics')).status).toBe(401);

    const name = `r${Date.now()}`;
    const revoked = t.deps.tokens.create(name);
    const ok = await t.app.request('/api/me', { headers: { Authorization: `Bearer ${revoked}` } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { token: { name: string } }).token.name).toBe(name);
    t.deps.tokens.revoke(name);
    expect((await t.app.request('/api/me', { headers: { Authorization: `Bearer ${revoked}` } })).status).toBe(
      401,
    );
  });

  it('accepts the Splunk scheme everywhere', async () => {
    const res = await t.app.request('/api/me', { headers: { Authorization: `Splunk ${t.token}` } });
    expect(res.status).toBe(200);
  });

  it('answers HEC paths in HEC shape, and ingests nothing without a valid token', async () => {
    const none = await t.app.request('/services/collector/event', { method: 'POST', body: '{"event":"x"}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ text: 'Token is required', code: 2 });
    const wrong = await t.app.request('/services/collector/event', {
      method: 'POST',
      body: '{"event":"x"}',
      headers: { Authorization: 'Splunk lw_wrong' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ text: 'Invalid token', code: 4 });
    const plain = await t.app.request('/ingest/auth', { method: 'POST', body: '{}' });
    expect(plain.status).toBe(401);
    expect(ingested).toEqual([]);
    const ok = await t.app.request('/services/collector/event?log_source=auth', {
      method: 'POST',
      body: '{"event":{"user":"x"}}',
      headers: { Authorization: `Splunk ${t.token}` },
    });
    expect(ok.status).toBe(200);
    expect(ingested).toEqual(['auth']);
  });

  it('needs no token for health checks, the OpenAPI document and console files', async () => {
    expect(await (await t.app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.request('/services/collector/health')).status).toBe(200);
    expect((await t.app.request('/api/openapi.json')).status).toBe(200);
    const index = await t.app.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<html>console</html>');
    const asset = await t.app.request('/assets/app.js');
    expect(await asset.text()).toBe('console.log(1)');
    // client-side routes fall back to index.html; missing assets and API paths do not
    expect(await (await t.app.request('/alerts/abc')).text()).toBe('<html>console</html>');
    expect((await t.app.request('/assets/missing.js')).status).toBe(404);
    expect((await t.app.request('/api/nope', { headers: t.auth })).status).toBe(404);
    expect((await t.app.request('/api/nope')).status).toBe(401);
  });
});

describe('service routes', () => {
  it('answers /api/status with 503 outside the service', async () => {
    const res = await t.app.request('/api/status', { headers: t.auth });
    expect(res.status).toBe(503);
  });

  it('exposes Prometheus metrics, counting API requests by route', async () => {
    await t.app.request('/api/tables/nope', { headers: t.auth });
    const res = await t.app.request('/metrics', { headers: t.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /lakewatch_http_request_seconds_count\{method="GET",route="\/api\/tables\/:name",status="404"\} 1/,
    );
    expect(text).toMatch(
      /lakewatch_http_request_seconds_count\{method="GET",route="\/api\/me",status="401"\}/,
    );
  });

  it('turns unexpected errors into a logged 500 without details', async () => {
    const broken = await openTestApp(writeLake(FILES), {
      status: () => {
        throw new Error('secret detail');
      },
    });
    const logs: string[] = [];
    broken.deps.log = (line) => logs.push(line);
    const app = (await import('./app.js')).createApp(broken.deps);
    const res = await app.request('/api/status', { headers: broken.auth });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toEqual({
      error: { message: 'internal error (see the service log)', status: 500 },
    });
    expect(logs.join('\n')).toContain('secret detail');
    await broken.close();
  });
});

describe('OpenAPI document', () => {
  it('describes every route of the app, with parameters and request bodies', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    // every route but middleware and the console's catch-all (ingest routes included)
    const own = t.app.routes.filter((r) => r.method !== 'ALL' && r.path !== '*' && r.path !== '/*');
    expect(own.length).toBeGreaterThan(15);
    expect(own.map((r) => r.path)).toContain('/services/collector/event');
    for (const r of own) {
      const key = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[key]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
      for (const name of [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1])) {
        expect(doc.paths[key][r.method.toLowerCase()].parameters).toContainEqual(
          expect.objectContaining({ name, in: 'path', required: true }),
        );
      }
    }
    // and nothing documented that the app does not serve; operation ids are unique
    const served = new Set(
      own.map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    );
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const query = doc.paths['/api/query'].post;
    expect(query.requestBody.content['application/json'].schema.required).toEqual(['sql']);
    expect(query.requestBody.content['application/json'].schema.properties.format.enum).toEqual([
      'json',
      'csv',
      'arrow',
    ]);
    expect(doc.paths['/api/alerts'].get.parameters.map((p) => p.name)).toContain('status');
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/api/tables'].get.responses['401']).toBeDefined();
    expect(doc.paths['/services/collector/health'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/ingest/{logSource}'].post.requestBody.content)).toContain(
      'application/x-ndjson',
    );
  });
});
