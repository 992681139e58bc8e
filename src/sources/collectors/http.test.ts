import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, expectOk, parseRetryAfter } from './http.js';
import { startFakeServer, type FakeServer } from './test-helpers/fake-server.js';
import { CollectorError } from './types.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    collector: 'TEST',
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    now: () => Date.parse('2026-03-01T12:00:00Z'),
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { http, waits };
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('createHttpClient', () => {
  it('honours Retry-After on 429, then returns the answer', async () => {
    let n = 0;
    server = await startFakeServer({
      'GET /x': () => (++n === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { body: { ok: true } }),
    });
    const { http, waits } = client();
    const res = await http.request(`${server.url}/x?token=secret`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(waits).toEqual([2000]);
  });

  it("uses Okta's X-Rate-Limit-Reset when there is no Retry-After", async () => {
    let n = 0;
    const reset = Date.parse('2026-03-01T12:00:05Z') / 1000;
    server = await startFakeServer({
      'GET /x': () =>
        ++n === 1 ? { status: 429, headers: { 'x-rate-limit-reset': String(reset) } } : { body: [] },
    });
    const { http, waits } = client();
    await http.request(`${server.url}/x`);
    expect(waits).toEqual([5000]);
  });

  it('backs off 5xx with full jitter, capped', async () => {
    let n = 0;
    server = await startFakeServer({ 'GET /x': () => (++n < 4 ? { status: 503 } : { body: 'fine' }) });
    const { http, waits } = client();
    const res = await http.request(`${server.url}/x`);
    expect(res.text).toBe('fine');
    // random 0.5 × min(1000, 100·2^n)
    expect(waits).toEqual([50, 100, 200]);
  });

  it('a 5xx with Retry-After waits what it says', async () => {
    let n = 0;
    server = await startFakeServer({
      'GET /x': () => (++n === 1 ? { status: 503, headers: { 'retry-after': '4' } } : { body: 'ok' }),
    });
    const { http, waits } = client();
    expect((await http.request(`${server.url}/x`)).text).toBe('ok');
    expect(waits).toEqual([4000]);
  });

  it('gives up after maxAttempts with a CollectorError naming the path, not the query', async () => {
    server = await startFakeServer({ 'GET /api/v1/logs': () => ({ status: 500 }) });
    const { http, waits } = client();
    const err = await http.request(`${server.url}/api/v1/logs?token=s3cr3t`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as CollectorError).status).toBe(500);
    expect((err as Error).message).toContain('GET /api/v1/logs');
    expect((err as Error).message).toContain('4 attempts');
    expect((err as Error).message).not.toContain('s3cr3t');
    expect(waits).toHaveLength(3);
    expect(server.requests).toHaveLength(4);
  });

  it('retries network errors', async () => {
    let n = 0;
    server = await startFakeServer({ 'GET /x': () => (++n === 1 ? { hangUp: true } : { body: 'ok' }) });
    const { http, waits } = client();
    expect((await http.request(`${server.url}/x`)).text).toBe('ok');
    expect(waits).toHaveLength(1);
  });

  it('fails at once when Retry-After is longer than allowed', async () => {
    server = await startFakeServer({ 'GET /x': () => ({ status: 429, headers: { 'retry-after': '3600' } }) });
    const { http } = client({ maxRetryAfterMs: 60_000 });
    await expect(http.request(`${server.url}/x`)).rejects.toThrow(/retry after 3600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('returns 401 without retrying; expectOk names the env var and hides the token', async () => {
    server = await startFakeServer({
      'GET /x': () => ({ status: 401, body: { errorSummary: 'Invalid token provided' } }),
    });
    const { http } = client();
    const res = await http.request(`${server.url}/x`, { headers: { Authorization: 'SSWS s3cr3t' } });
    expect(res.status).toBe(401);
    expect(server.requests).toHaveLength(1);
    let err: unknown;
    try {
      expectOk(res, 'OKTA', { envVar: 'LAKEWATCH_OKTA_API_TOKEN', what: 'the API token' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(
      /^OKTA: authentication failed; check the API token in LAKEWATCH_OKTA_API_TOKEN .*Invalid token provided.*\(GET \/x, HTTP 401\)$/,
    );
    expect((err as Error).message).not.toContain('s3cr3t');
  });

  it('stops when the signal is aborted, also while waiting', async () => {
    server = await startFakeServer({ 'GET /x': () => ({ status: 503 }) });
    const controller = new AbortController();
    const http = createHttpClient({
      collector: 'TEST',
      baseDelayMs: 10_000,
      maxDelayMs: 10_000,
      random: () => 1,
      signal: controller.signal,
    });
    const pending = http.request(`${server.url}/x`);
    setTimeout(() => controller.abort(new Error('stopping')), 50);
    const started = Date.now();
    await expect(pending).rejects.toThrow('stopping');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('json() on a non-JSON body throws a CollectorError naming the path', async () => {
    server = await startFakeServer({ 'GET /y': () => ({ body: '<html>' }) });
    const { http } = client();
    const res = await http.request(`${server.url}/y`);
    expect(() => res.json()).toThrow(/TEST: the answer is not JSON \(GET \/y, HTTP 200\)/);
  });
});
