import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
} from '../test-helpers/fake-server.js';
import { collectPages, lastCursor, testContext } from '../test-helpers/context.js';
import { CollectorError } from '../types.js';
import { oktaCollector, type OktaCursor } from './index.js';

const TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_';
const NOW = Date.parse('2026-03-01T12:00:00Z');

function event(n: number, publishedMs: number) {
  return {
    uuid: `e${String(n).padStart(4, '0')}-1f2b-11ef-9c3a-0242ac120002`,
    published: new Date(publishedMs).toISOString(),
    eventType: 'user.session.start',
    displayMessage: 'User login to Okta',
    severity: 'INFO',
    actor: {
      id: '00u1abcdEFGHijklm0h7',
      type: 'User',
      alternateId: 'jane.doe@example.com',
      displayName: 'Jane Doé',
    },
    client: { ipAddress: '198.51.100.7' },
    outcome: { result: 'SUCCESS' },
  };
}

/** A System Log API: ascending, `since` inclusive, `after` = opaque index, next link always present. */
function oktaApi(events: ReturnType<typeof event>[], opts: { linkless?: boolean } = {}) {
  return (req: FakeRequest): FakeResponse => {
    if (req.headers.authorization !== `SSWS ${TOKEN}`)
      return {
        status: 401,
        body: {
          errorCode: 'E0000011',
          errorSummary: 'Invalid token provided',
          errorLink: 'E0000011',
          errorId: 'oae1',
          errorCauses: [],
        },
      };
    const limit = Number(req.query.get('limit') ?? 100);
    expect(req.query.get('sortOrder')).toBe('ASCENDING');
    let start: number;
    if (req.query.has('after')) start = Number(req.query.get('after'));
    else {
      const since = Date.parse(req.query.get('since')!);
      start = events.findIndex((e) => Date.parse(e.published) >= since);
      if (start === -1) start = events.length;
    }
    const page = events.slice(start, start + limit);
    const base = req.url.origin;
    const after = start + page.length;
    const headers: Record<string, string> = {};
    if (!opts.linkless)
      headers.link = `<${base}/api/v1/logs?limit=${limit}&sortOrder=ASCENDING&since=x>; rel="self", <${base}/api/v1/logs?limit=${limit}&after=${after}&sortOrder=ASCENDING>; rel="next"`;
    return { body: page, headers };
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function ctxFor(
  extra: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = { LAKEWATCH_OKTA_API_TOKEN: TOKEN },
) {
  return testContext({
    collector: 'OKTA',
    logSource: 'okta',
    now: NOW,
    properties: { base_url: server!.url, page_size: 2, ...extra },
    env,
  });
}

describe('OKTA collector', () => {
  it('pages with the Link header, starting 24 h ago, and stops at an empty page', async () => {
    const events = [0, 1, 2, 3, 4].map((n) => event(n, NOW - 3_600_000 + n * 1000));
    events.unshift(event(99, NOW - 2 * 86_400_000)); // older than the default start
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi(events) });
    const ctx = ctxFor();
    const pages = await collectPages(oktaCollector, undefined, ctx);
    expect(pages.map((p) => p.records.length)).toEqual([2, 2, 1, 0]);
    expect(pages.every((p) => p.table === 'system')).toBe(true);
    expect(pages.flatMap((p) => p.records)).toEqual(events.slice(1));
    expect(server.requests[0]!.query.get('since')).toBe('2026-02-28T12:00:00.000Z');
    const cursor = lastCursor(pages) as OktaCursor;
    expect(cursor.next).toBe(`${server.url}/api/v1/logs?limit=2&after=6&sortOrder=ASCENDING`);
    expect(cursor.since).toBe(events[5]!.published);
  });

  it('resumes from the persisted next link after a restart and returns only new events', async () => {
    const events = [0, 1, 2].map((n) => event(n, NOW - 600_000 + n * 1000));
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi(events) });
    const first = await collectPages(oktaCollector, undefined, ctxFor());
    // "crash" after the first page: only its cursor was saved
    const afterFirstPage = JSON.parse(JSON.stringify(first[0]!.cursor));
    events.push(event(3, NOW - 1000), event(4, NOW - 500));
    const resumed = await collectPages(oktaCollector, afterFirstPage, ctxFor());
    expect(resumed.flatMap((p) => p.records)).toEqual(events.slice(2));
    // a full run, then new events: only those
    const cursor = lastCursor(resumed);
    events.push(event(5, NOW));
    const third = await collectPages(oktaCollector, cursor, ctxFor());
    expect(third.flatMap((p) => p.records)).toEqual([events[5]]);
    expect(server.requests.at(-2)!.query.get('after')).toBe('5');
  });

  it('without a next link, asks since=<last published> again and drops the events already seen', async () => {
    const t = NOW - 60_000;
    const events = [event(0, t), event(1, t + 1000), event(2, t + 1000)];
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi(events, { linkless: true }) });
    const pages = await collectPages(oktaCollector, undefined, ctxFor({ page_size: 2 }));
    expect(pages.flatMap((p) => p.records)).toEqual(events);
    events.push(event(3, t + 1000), event(4, t + 2000));
    events.sort((a, b) => a.published.localeCompare(b.published));
    const more = await collectPages(oktaCollector, lastCursor(pages), ctxFor({ page_size: 10 }));
    expect(more.flatMap((p) => p.records).map((e) => (e as { uuid: string }).uuid)).toEqual([
      events[3]!.uuid,
      events[4]!.uuid,
    ]);
    expect(server.requests.at(-1)!.query.get('since')).toBe(new Date(t + 1000).toISOString());
  });

  it('starts at properties.start_time', async () => {
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi([]) });
    await collectPages(oktaCollector, undefined, ctxFor({ start_time: '2026-02-01T00:00:00Z' }));
    expect(server.requests[0]!.query.get('since')).toBe('2026-02-01T00:00:00.000Z');
  });

  it('fails at once on 401 naming the env var, without the token', async () => {
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi([]) });
    const err = await collectPages(
      oktaCollector,
      undefined,
      ctxFor({}, { LAKEWATCH_OKTA_API_TOKEN: 'wrong-token' }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toContain('LAKEWATCH_OKTA_API_TOKEN');
    expect((err as Error).message).toContain('Invalid token provided');
    expect((err as Error).message).toContain('GET /api/v1/logs, HTTP 401');
    expect((err as Error).message).not.toContain('wrong-token');
    expect(server.requests).toHaveLength(1);
  });

  it('names the env var of the log source when the token is missing', async () => {
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi([]) });
    const ctx = testContext({
      collector: 'OKTA',
      logSource: 'corp-okta',
      properties: { domain: server.url },
    });
    await expect(collectPages(oktaCollector, undefined, ctx)).rejects.toThrow(
      'OKTA: Okta API token missing: set the environment variable LAKEWATCH_CORP_OKTA_API_TOKEN',
    );
  });

  it('waits out 429 (X-Rate-Limit-Reset) and 5xx, then goes on', async () => {
    const events = [event(0, NOW - 1000)];
    const api = oktaApi(events);
    let n = 0;
    server = await startFakeServer({
      'GET /api/v1/logs': (req) => {
        n++;
        if (n === 1)
          return {
            status: 429,
            headers: { 'x-rate-limit-reset': String(NOW / 1000 + 30) },
            body: {
              errorCode: 'E0000047',
              errorSummary: 'API call exceeded rate limit due to too many requests.',
            },
          };
        if (n === 2) return { status: 503, body: 'upstream unavailable' };
        if (n === 3) return { status: 429, headers: { 'retry-after': '2' } };
        return api(req);
      },
    });
    const ctx = ctxFor();
    const pages = await collectPages(oktaCollector, undefined, ctx);
    expect(pages.flatMap((p) => p.records)).toEqual(events);
    expect(ctx.waits[0]).toBe(30_000);
    expect(ctx.logs.length).toBe(3);
    expect(ctx.logs[0]).toBe('OKTA: GET /api/v1/logs: rate limited (HTTP 429); retry 1/3 in 30000 ms');
    expect(ctx.logs.join('\n')).not.toContain(TOKEN);
    expect(ctx.waits[2]).toBe(2000);
    expect(ctx.waits).toHaveLength(3);
  });

  it('gives up on a persistent 5xx with a CollectorError', async () => {
    server = await startFakeServer({
      'GET /api/v1/logs': () => ({ status: 500, body: { errorCode: 'E0000009' } }),
    });
    await expect(collectPages(oktaCollector, undefined, ctxFor())).rejects.toThrow(
      /OKTA: server error; gave up after 4 attempts \(GET \/api\/v1\/logs, HTTP 500\)/,
    );
  });

  it('rejects an unexpected page shape naming the URL path', async () => {
    server = await startFakeServer({ 'GET /api/v1/logs': () => ({ body: { events: [] } }) });
    await expect(collectPages(oktaCollector, undefined, ctxFor())).rejects.toThrow(
      'OKTA: unexpected page shape: expected a JSON array of events, got an object with keys events (GET /api/v1/logs, HTTP 200)',
    );
  });

  it('does not follow a next link to another host', async () => {
    server = await startFakeServer({
      'GET /api/v1/logs': () => ({
        body: [event(0, NOW)],
        headers: { link: '<https://evil.example/api/v1/logs?after=1>; rel="next"' },
      }),
    });
    await expect(collectPages(oktaCollector, undefined, ctxFor())).rejects.toThrow(
      /another host \(evil.example\)/,
    );
  });

  it('resumes with since= when base_url changed since the next link was saved', async () => {
    const events = [event(0, NOW - 5000)];
    server = await startFakeServer({ 'GET /api/v1/logs': oktaApi(events) });
    const ctx = ctxFor();
    const saved: OktaCursor = {
      next: 'https://old-org.okta.com/api/v1/logs?after=9',
      since: new Date(NOW - 10_000).toISOString(),
      seen: {},
    };
    const pages = await collectPages(oktaCollector, saved, ctx);
    expect(pages.flatMap((p) => p.records)).toEqual(events);
    expect(server.requests[0]!.query.get('since')).toBe(saved.since);
    expect(ctx.logs[0]).toContain('the saved next link is for another org URL');
  });
});
