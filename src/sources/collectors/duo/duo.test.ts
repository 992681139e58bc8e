import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
} from '../test-helpers/fake-server.js';
import { collectPages, lastCursor, testContext } from '../test-helpers/context.js';
import { CollectorError, type PulledPage } from '../types.js';
import { duoCollector } from './index.js';
import { canonicalParams, duoSignature, rfc2822 } from './sign.js';

const IKEY = 'DIWJ8X6AEYOR5OMC6TQ1';
const SKEY = 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep';
const NOW = Date.parse('2026-03-01T12:00:00Z');
/** The fake API's clock (moved with the collector's). */
let apiNow = NOW;

describe('Duo signing', () => {
  it('signs the canonical request with HMAC-SHA1 (hex) and formats the date as RFC 2822', () => {
    const params = canonicalParams({
      username: 'root',
      realname: 'First Last',
    });
    expect(params).toBe('realname=First%20Last&username=root');
    const sig = duoSignature('Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep', {
      date: 'Tue, 21 Aug 2012 17:29:18 -0000',
      method: 'POST',
      host: 'api-XXXXXXXX.duosecurity.com',
      path: '/admin/v1/users',
      params,
    });
    // computed independently (Python hmac) over the same canonical string
    expect(sig).toBe('c1ef43767c3eb3b3258dbddca6f8d0941e085b92');
    expect(rfc2822(Date.parse('2012-08-21T17:29:18Z'))).toBe('Tue, 21 Aug 2012 17:29:18 -0000');
  });

  it('encodes per RFC 3986', () => {
    expect(canonicalParams({ b: "it's ~ok*", a: 'x/y z' })).toBe('a=x%2Fy%20z&b=it%27s%20~ok%2A');
  });
});

interface AuthLog {
  txid: string;
  timestamp: number;
  isotimestamp: string;
  result: string;
  user: { name: string };
}

function authLog(n: number, ms: number): AuthLog {
  return {
    txid: `3e2a5c1b-0000-4000-8000-${String(n).padStart(12, '0')}`,
    timestamp: Math.floor(ms / 1000),
    isotimestamp: new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+00:00'),
    result: n % 3 === 0 ? 'denied' : 'success',
    user: { name: n % 2 ? 'jdoe' : 'José Müller' },
  };
}

/** Checks the request's Duo signature against the keys; null when it is right. */
function verify(req: FakeRequest): FakeResponse | null {
  const auth = req.headers.authorization ?? '';
  const date = req.headers.date;
  const m = /^Basic (.+)$/.exec(auth);
  const fail = {
    status: 401,
    body: { code: 40103, message: 'Invalid signature in request credentials', stat: 'FAIL' },
  };
  if (!m || !date) return fail;
  const [ikey, sig] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  if (ikey !== IKEY)
    return { status: 401, body: { code: 40101, message: 'Missing request credentials', stat: 'FAIL' } };
  const params: Record<string, string> = {};
  for (const [k, v] of req.query) params[k] = v;
  const expected = duoSignature(SKEY, {
    date,
    method: req.method,
    host: req.headers.host!,
    path: req.path,
    params: canonicalParams(params),
  });
  return sig === expected ? null : fail;
}

function duoApi(store: {
  auth: AuthLog[];
  admin: Record<string, unknown>[];
  telephony: Record<string, unknown>[];
}) {
  const v2 = (list: () => { ms: number; id: string; rec: unknown }[], key: string) => (req: FakeRequest) => {
    const bad = verify(req);
    if (bad) return bad;
    const min = Number(req.query.get('mintime'));
    const max = Number(req.query.get('maxtime'));
    const limit = Number(req.query.get('limit'));
    expect(req.query.get('sort')).toBe('ts:asc');
    if (max > apiNow - 120_000)
      return {
        status: 400,
        body: { stat: 'FAIL', code: 40002, message: 'Invalid request parameters', message_detail: 'maxtime' },
      };
    const all = list().filter((e) => e.ms >= min && e.ms <= max);
    let start = 0;
    const offset = req.query.get('next_offset');
    if (offset) {
      const [ms, id] = offset.split(',');
      start = all.findIndex((e) => String(e.ms) === ms && e.id === id) + 1;
    }
    const page = all.slice(start, start + limit);
    const last = page.at(-1);
    const more = start + limit < all.length;
    return {
      body: {
        stat: 'OK',
        response: {
          [key]: page.map((e) => e.rec),
          metadata:
            more && last
              ? { next_offset: [String(last.ms), last.id], total_objects: all.length }
              : { total_objects: all.length },
        },
      },
    };
  };
  return {
    'GET /admin/v2/logs/authentication': v2(
      () => store.auth.map((a) => ({ ms: a.timestamp * 1000, id: a.txid, rec: a })),
      'authlogs',
    ),
    'GET /admin/v2/logs/telephony': v2(
      () =>
        store.telephony.map((t) => ({
          ms: Date.parse(t.ts as string),
          id: t.telephony_id as string,
          rec: t,
        })),
      'items',
    ),
    'GET /admin/v1/logs/administrator': (req: FakeRequest) => {
      const bad = verify(req);
      if (bad) return bad;
      const min = Number(req.query.get('mintime'));
      return {
        body: {
          stat: 'OK',
          response: store.admin.filter((a) => (a.timestamp as number) >= min).slice(0, 1000),
        },
      };
    },
    'GET /admin/v1/logs/offline_enrollment': (req: FakeRequest) =>
      verify(req) ?? { body: { stat: 'OK', response: [] } },
    'GET /admin/v1/info/summary': (req: FakeRequest) =>
      verify(req) ?? {
        body: {
          stat: 'OK',
          response: {
            admin_count: 3,
            integration_count: 9,
            telephony_credits_remaining: 960,
            user_count: 8,
            user_pending_deletion_count: 0,
          },
        },
      },
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  apiNow = NOW;
  await server?.close();
  server = undefined;
});

function ctxFor(props: Record<string, unknown> = {}, skey = SKEY) {
  return testContext({
    collector: 'DUO',
    logSource: 'duo',
    now: NOW,
    properties: { base_url: server!.url, integration_key: IKEY, ...props },
    env: { LAKEWATCH_DUO_SECRET_KEY: skey },
  });
}

const byTable = (pages: PulledPage[], table: string) =>
  pages.filter((p) => p.table === table).flatMap((p) => p.records);

describe('DUO collector', () => {
  it('pulls every table with signed requests, leaving the last 2 minutes', async () => {
    const store = {
      auth: Array.from({ length: 2500 }, (_, n) => authLog(n, NOW - 3_600_000 + n * 1500)),
      admin: [
        {
          action: 'user_update',
          description: '{"notes": "", "realname": "Jane Doe"}',
          isotimestamp: '2026-03-01T11:10:00+00:00',
          object: 'jdoe',
          timestamp: NOW / 1000 - 3000,
          username: 'Ana Admin',
        },
        {
          action: 'admin_login',
          description:
            '{"ip_address": "203.0.113.5", "device": "555-0100", "factor": "push", "primary_auth_method": "Password"}',
          isotimestamp: '2026-03-01T11:59:30+00:00',
          object: null,
          timestamp: NOW / 1000 - 30,
          username: 'Ana Admin',
        },
      ],
      telephony: [
        {
          context: 'authentication',
          credits: 1,
          phone: '+15555550100',
          telephony_id: '220f4a3c-telephony-0001',
          ts: '2026-03-01T11:30:00.000000+00:00',
          txid: 'ab12-0001',
          type: 'sms',
          event_type: 'authentication',
        },
      ],
    };
    server = await startFakeServer(duoApi(store));
    const pages = await collectPages(duoCollector, undefined, ctxFor());
    const auth = byTable(pages, 'auth') as AuthLog[];
    // events of the last 2 minutes (the last 120 of them) are left for later
    const cutoff = (NOW - 120_000) / 1000;
    expect(auth.map((a) => a.txid)).toEqual(
      store.auth.filter((a) => a.timestamp <= cutoff).map((a) => a.txid),
    );
    expect(pages.filter((p) => p.table === 'auth').map((p) => p.records.length)).toEqual([1000, 1000, 321]);
    expect(byTable(pages, 'telephony')).toEqual(store.telephony);
    expect(byTable(pages, 'admin')).toEqual([store.admin[0]]);
    expect(byTable(pages, 'summary')).toEqual([
      {
        admin_count: 3,
        integration_count: 9,
        telephony_credits_remaining: 960,
        user_count: 8,
        user_pending_deletion_count: 0,
        timestamp: NOW / 1000,
      },
    ]);
    const authReq = server.requests.find((r) => r.path === '/admin/v2/logs/authentication')!;
    expect(authReq.query.get('mintime')).toBe(String(NOW - 86_400_000));
    expect(authReq.query.get('maxtime')).toBe(String(NOW - 120_000));
    expect(authReq.headers.date).toBe('Sun, 01 Mar 2026 12:00:00 -0000');

    // later: the rest, and nothing twice
    const ctx = ctxFor();
    ctx.setNow(NOW + 300_000);
    apiNow = NOW + 300_000;
    const later = await collectPages(duoCollector, lastCursor(pages), ctx);
    const rest = byTable(later, 'auth') as AuthLog[];
    expect([...auth, ...rest].map((a) => a.txid)).toEqual(store.auth.map((a) => a.txid));
    expect(byTable(later, 'admin')).toEqual([store.admin[1]]);
    expect(byTable(later, 'telephony')).toEqual([]);
  });

  it('resumes a window at its next_offset after a restart', async () => {
    const store = {
      auth: Array.from({ length: 1500 }, (_, n) => authLog(n, NOW - 600_000 + n * 100)),
      admin: [],
      telephony: [],
    };
    server = await startFakeServer(duoApi(store));
    const first = await collectPages(duoCollector, undefined, ctxFor({ tables: ['auth'] }));
    const saved = JSON.parse(JSON.stringify(first[0]!.cursor));
    expect(saved.auth.window.next).toMatch(/^\d+,3e2a5c1b-/);
    const resumed = await collectPages(duoCollector, saved, ctxFor({ tables: 'auth' }));
    const all = [...first[0]!.records, ...byTable(resumed, 'auth')] as AuthLog[];
    expect(all.map((a) => a.txid)).toEqual(
      store.auth.filter((a) => a.timestamp * 1000 <= NOW - 120_000).map((a) => a.txid),
    );
  });

  it('v1 logs page by the last timestamp without duplicates at the boundary second', async () => {
    const t = NOW / 1000 - 7200;
    const admin = Array.from({ length: 1500 }, (_, n) => ({
      action: 'user_update',
      description: `{"n": ${n}}`,
      isotimestamp: '',
      object: `user${n}`,
      timestamp: t + Math.floor(n / 10),
      username: 'Ana Admin',
    }));
    server = await startFakeServer(duoApi({ auth: [], admin, telephony: [] }));
    const pages = await collectPages(duoCollector, undefined, ctxFor({ tables: ['admin'] }));
    const got = byTable(pages, 'admin');
    expect(got).toHaveLength(1500);
    expect(new Set(got.map((a) => (a as { object: string }).object)).size).toBe(1500);
    expect(server.requests.map((r) => r.query.get('mintime'))).toEqual([
      String(NOW / 1000 - 86400),
      String(t + 99),
    ]);
  });

  it('a wrong secret key fails at once naming the env var', async () => {
    server = await startFakeServer(duoApi({ auth: [], admin: [], telephony: [] }));
    const err = await collectPages(duoCollector, undefined, ctxFor({}, 'not-the-secret-key')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toBe(
      'DUO: authentication failed; check managed.properties.integration_key and the secret key in LAKEWATCH_DUO_SECRET_KEY — {"code":40103,"message":"Invalid signature in request credentials","stat":"FAIL"} (GET /admin/v2/logs/authentication, HTTP 401)',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('a missing secret names the env var; a missing ikey names the property', async () => {
    server = await startFakeServer({});
    const ctx = testContext({
      collector: 'DUO',
      logSource: 'duo_eu',
      properties: { base_url: server.url, integration_key: IKEY },
    });
    await expect(collectPages(duoCollector, undefined, ctx)).rejects.toThrow(
      'set the environment variable LAKEWATCH_DUO_EU_SECRET_KEY',
    );
    const ctx2 = testContext({
      collector: 'DUO',
      properties: { base_url: server.url },
      env: { LAKEWATCH_DUO_SECRET_KEY: SKEY },
    });
    await expect(collectPages(duoCollector, undefined, ctx2)).rejects.toThrow(
      'managed.properties.integration_key is required',
    );
  });

  it('backs off 429 (Duo sends no Retry-After) and 5xx', async () => {
    const api = duoApi({ auth: [authLog(1, NOW - 600_000)], admin: [], telephony: [] });
    let n = 0;
    server = await startFakeServer({
      ...api,
      'GET /admin/v2/logs/authentication': (req) => {
        n++;
        if (n === 1)
          return { status: 429, body: { code: 42901, message: 'Too Many Requests', stat: 'FAIL' } };
        if (n === 2) return { status: 502, body: 'Bad Gateway' };
        return api['GET /admin/v2/logs/authentication'](req);
      },
    });
    const ctx = ctxFor({ tables: ['auth'] });
    const pages = await collectPages(duoCollector, undefined, ctx);
    expect(byTable(pages, 'auth')).toHaveLength(1);
    expect(ctx.waits).toHaveLength(2);
  });
});
