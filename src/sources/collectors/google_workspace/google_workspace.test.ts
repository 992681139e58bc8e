import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
} from '../test-helpers/fake-server.js';
import { collectPages, lastCursor, testContext } from '../test-helpers/context.js';
import { CollectorError, type PulledPage } from '../types.js';
import { googleWorkspaceCollector } from './index.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const REPORTS = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';
const ALERTS = 'https://www.googleapis.com/auth/apps.alerts';
const SUBJECT = 'admin@example.com';
const EMAIL = 'lakewatch-reports@example-project.iam.gserviceaccount.com';
let keys: { privatePem: string; publicKey: KeyObject; otherPem: string };

beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keys = {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey,
    otherPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
});

function credentials(pem = keys.privatePem) {
  return JSON.stringify({
    type: 'service_account',
    project_id: 'example-project',
    private_key_id: '1f2e3d4c5b6a79881726354453627180a9b8c7d6',
    private_key: pem,
    client_email: EMAIL,
    client_id: '100000000000000000001',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
}

function activity(app: string, n: number, ms: number) {
  return {
    kind: 'admin#reports#activity',
    id: {
      time: new Date(ms).toISOString(),
      uniqueQualifier: `-${8000000000000000000 + n}`,
      applicationName: app,
      customerId: 'C03az79cb',
    },
    etag: `"etag-${n}"`,
    actor: {
      callerType: 'USER',
      email: n % 2 ? 'jane.doe@example.com' : 'zoë.öster@example.com',
      profileId: '100000000000000000042',
    },
    ipAddress: n % 2 ? '198.51.100.20' : '2001:db8::20',
    events: [
      {
        type: 'login',
        name: n % 3 ? 'login_success' : 'login_failure',
        parameters: [{ name: 'login_type', value: 'google_password' }],
      },
    ],
  };
}

type Activity = ReturnType<typeof activity>;

interface Api {
  tokensIssued: number;
  /** Tokens the API accepts → their scope (a token can be revoked to force a 401). */
  valid: Map<string, string>;
}

function googleApi(data: Record<string, Activity[]>, api: Api) {
  const token = (req: FakeRequest): FakeResponse => {
    const form = new URLSearchParams(req.body);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    const [h, p, s] = (form.get('assertion') ?? '').split('.');
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${h}.${p}`),
      keys.publicKey,
      Buffer.from(s ?? '', 'base64url'),
    );
    if (!ok)
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: '1f2e3d4c5b6a79881726354453627180a9b8c7d6' });
    expect(claims).toMatchObject({ iss: EMAIL, sub: SUBJECT, aud: `${req.url.origin}/token` });
    expect([REPORTS, ALERTS]).toContain(claims.scope);
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    const value = `ya29.test-token-${++api.tokensIssued}`;
    api.valid.set(value, claims.scope as string);
    return { body: { access_token: value, expires_in: 3599, token_type: 'Bearer' } };
  };
  const reports = (req: FakeRequest): FakeResponse => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !api.valid.has(bearer))
      return {
        status: 401,
        body: {
          error: {
            code: 401,
            message: 'Request had invalid authentication credentials.',
            status: 'UNAUTHENTICATED',
          },
        },
      };
    const app = req.path.split('/').at(-1)!;
    const from = Date.parse(req.query.get('startTime')!);
    const to = Date.parse(req.query.get('endTime')!);
    const max = Number(req.query.get('maxResults'));
    // newest first, as the Reports API answers
    const all = (data[app] ?? [])
      .filter((a) => Date.parse(a.id.time) >= from && Date.parse(a.id.time) <= to)
      .sort((a, b) => b.id.time.localeCompare(a.id.time));
    const start = Number(req.query.get('pageToken') ?? 0);
    const items = all.slice(start, start + max);
    const body: Record<string, unknown> = { kind: 'admin#reports#activities', etag: '"x"' };
    if (items.length) body.items = items;
    if (start + max < all.length) body.nextPageToken = String(start + max);
    return { body };
  };
  const alerts = (req: FakeRequest): FakeResponse => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || api.valid.get(bearer) !== ALERTS)
      return {
        status: 403,
        body: {
          error: {
            code: 403,
            message: 'Request had insufficient authentication scopes.',
            status: 'PERMISSION_DENIED',
          },
        },
      };
    const m = /^createTime >= "([^"]+)" AND createTime <= "([^"]+)"$/.exec(req.query.get('filter') ?? '');
    if (!m)
      return {
        status: 400,
        body: { error: { code: 400, message: 'Invalid filter', status: 'INVALID_ARGUMENT' } },
      };
    expect(req.query.get('orderBy')).toBe('createTime asc');
    const list = (data.alert ?? []) as unknown as { createTime: string }[];
    const all = list.filter(
      (a) => a.createTime >= new Date(m[1]!).toISOString() && a.createTime <= new Date(m[2]!).toISOString(),
    );
    const size = Number(req.query.get('pageSize'));
    const start = Number(req.query.get('pageToken') ?? 0);
    const body: Record<string, unknown> = {};
    if (all.length) body.alerts = all.slice(start, start + size);
    if (start + size < all.length) body.nextPageToken = String(start + size);
    return { body };
  };
  return (req: FakeRequest) => {
    if (req.method === 'POST' && req.path === '/token') return token(req);
    if (req.path === '/v1beta1/alerts') return alerts(req);
    if (req.path.startsWith('/admin/reports/v1/activity/users/all/applications/')) return reports(req);
    return { status: 404 };
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function ctxFor(props: Record<string, unknown> = {}, creds = credentials()) {
  return testContext({
    collector: 'GOOGLE_WORKSPACE',
    logSource: 'google_workspace',
    now: NOW,
    properties: {
      base_url: server!.url,
      alert_base_url: server!.url,
      token_url: `${server!.url}/token`,
      subject: SUBJECT,
      ...props,
    },
    env: { LAKEWATCH_GOOGLE_WORKSPACE_CREDENTIALS_JSON: creds },
  });
}

const byTable = (pages: PulledPage[], table: string) =>
  pages.filter((p) => p.table === table).flatMap((p) => p.records as Activity[]);
const ids = (list: Activity[]) => list.map((a) => a.id.uniqueQualifier).sort();

describe('GOOGLE_WORKSPACE collector', () => {
  it('gets a token with a signed JWT, pages each application, caches the token', async () => {
    const login = Array.from({ length: 5 }, (_, n) => activity('login', n, NOW - 7_200_000 + n * 60_000));
    const drive = [activity('drive', 100, NOW - 3_600_000)];
    const api: Api = { tokensIssued: 0, valid: new Map() };
    server = await startFakeServer(googleApi({ login, drive }, api));
    const ctx = ctxFor({ page_size: 2 });
    const pages = await collectPages(googleWorkspaceCollector, undefined, {
      ...ctx,
      properties: { ...ctx.properties },
    });
    expect(ids(byTable(pages, 'login'))).toEqual(ids(login));
    expect(byTable(pages, 'drive')).toEqual(drive);
    expect(byTable(pages, 'admin')).toEqual([]);
    expect(new Set(pages.map((p) => p.table))).toEqual(new Set(['admin', 'login', 'drive', 'saml', 'token']));
    expect(api.tokensIssued).toBe(1);
    expect(pages.filter((p) => p.table === 'login').map((p) => p.records.length)).toEqual([2, 2, 1]);
    const first = server.requests.find((r) => r.path.endsWith('/login'))!;
    expect(first.query.get('startTime')).toBe('2026-02-28T12:00:00.000Z');
    expect(first.query.get('endTime')).toBe('2026-03-01T11:57:00.000Z'); // 3 min lag
  });

  it('re-reads the overlap for late data without duplicates', async () => {
    const login = [activity('login', 1, NOW - 600_000), activity('login', 2, NOW - 240_000)];
    const api: Api = { tokensIssued: 0, valid: new Map() };
    server = await startFakeServer(googleApi({ login }, api));
    const pages = await collectPages(
      googleWorkspaceCollector,
      undefined,
      ctxFor({ applications: ['login'] }),
    );
    expect(ids(byTable(pages, 'login'))).toEqual(ids(login));
    // an activity of 5 minutes ago shows up late; time moves 5 minutes
    login.push(activity('login', 3, NOW - 300_000), activity('login', 4, NOW + 60_000));
    const ctx = ctxFor({ applications: 'login' });
    ctx.setNow(NOW + 300_000);
    const later = await collectPages(googleWorkspaceCollector, lastCursor(pages), ctx);
    expect(ids(byTable(later, 'login'))).toEqual(ids([login[2]!, login[3]!]));
    const req = server.requests.filter((r) => r.path.endsWith('/login')).at(-1)!;
    expect(req.query.get('startTime')).toBe('2026-03-01T11:47:00.000Z'); // previous end − 10 min
  });

  it('resumes a window at its page token after a restart', async () => {
    const login = Array.from({ length: 2500 }, (_, n) => activity('login', n, NOW - 3_600_000 + n * 1000));
    const api: Api = { tokensIssued: 0, valid: new Map() };
    server = await startFakeServer(googleApi({ login }, api));
    const pulled = googleWorkspaceCollector.pull(undefined, ctxFor({ applications: ['login'] }));
    const gen = pulled[Symbol.asyncIterator]();
    const page1 = (await gen.next()).value as PulledPage;
    await gen.return?.(undefined);
    expect(page1.records).toHaveLength(1000);
    const saved = JSON.parse(JSON.stringify(page1.cursor));
    expect(saved.login.window.next).toBe('1000');
    const rest = await collectPages(googleWorkspaceCollector, saved, ctxFor({ applications: ['login'] }));
    expect(ids([...(page1.records as Activity[]), ...byTable(rest, 'login')])).toEqual(ids(login));
  });

  it('refreshes the token once on 401, then fails naming the env var', async () => {
    const api: Api = { tokensIssued: 0, valid: new Map() };
    server = await startFakeServer(googleApi({ login: [activity('login', 1, NOW - 600_000)] }, api));
    const ctx = ctxFor({ applications: ['login', 'drive'] });
    // the token is revoked after the first answer: one refresh, then it works
    let revoked = false;
    const http = ctx.http;
    ctx.http = {
      request: async (url, init) => {
        const res = await http.request(url, init);
        if (!revoked && url.includes('/login')) {
          revoked = true;
          api.valid.clear();
        }
        return res;
      },
    };
    const pages = await collectPages(googleWorkspaceCollector, undefined, ctx);
    expect(byTable(pages, 'login')).toHaveLength(1);
    expect(api.tokensIssued).toBe(2);

    // an API that never accepts the token
    const never = googleApi({}, { tokensIssued: 0, valid: new Map() });
    server.route('GET /admin/reports/v1/activity/users/all/applications/login', (req) => {
      const res = never(req);
      return res;
    });
    const err = await collectPages(
      googleWorkspaceCollector,
      undefined,
      ctxFor({ applications: ['login'] }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toContain('LAKEWATCH_GOOGLE_WORKSPACE_CREDENTIALS_JSON');
    expect((err as Error).message).toContain('HTTP 401');
  });

  it('a key that does not match fails at the token request, without the key in the message', async () => {
    server = await startFakeServer(googleApi({}, { tokensIssued: 0, valid: new Map() }));
    const err = await collectPages(
      googleWorkspaceCollector,
      undefined,
      ctxFor({}, credentials(keys.otherPem)),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toBe(
      `GOOGLE_WORKSPACE: the token request was refused (invalid_grant: Invalid JWT Signature.); check the service account key in LAKEWATCH_GOOGLE_WORKSPACE_CREDENTIALS_JSON, its domain-wide delegation and managed.properties.subject (POST /token, HTTP 400)`,
    );
    expect((err as Error).message).not.toContain('PRIVATE KEY');
  });

  it('bad credentials JSON and a missing subject are clear errors', async () => {
    server = await startFakeServer({});
    await expect(collectPages(googleWorkspaceCollector, undefined, ctxFor({}, '{not json'))).rejects.toThrow(
      'LAKEWATCH_GOOGLE_WORKSPACE_CREDENTIALS_JSON is not JSON',
    );
    await expect(collectPages(googleWorkspaceCollector, undefined, ctxFor({ subject: '' }))).rejects.toThrow(
      'managed.properties.subject is required',
    );
  });

  it('retries 429 and 503 from the Reports API', async () => {
    const api: Api = { tokensIssued: 0, valid: new Map() };
    const inner = googleApi({ token: [activity('token', 7, NOW - 900_000)] }, api);
    let n = 0;
    server = await startFakeServer((req) => {
      if (req.path.endsWith('/token') && req.method === 'GET') {
        n++;
        if (n === 1)
          return {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } },
          };
        if (n === 2) return { status: 503, body: { error: { code: 503, status: 'UNAVAILABLE' } } };
      }
      return inner(req);
    });
    const ctx = ctxFor({ applications: ['token'] });
    const pages = await collectPages(googleWorkspaceCollector, undefined, ctx);
    expect(byTable(pages, 'token')).toHaveLength(1);
    expect(ctx.waits[0]).toBe(1000);
  });

  it('pulls Alert Center alerts (table alert) on request, with their own scope, dedup by alertId', async () => {
    const alert = (n: number, ms: number) => ({
      customerId: 'C03az79cb',
      alertId: `8a1f2b3c-4d5e-6f70-8192-a3b4c5d6e7${String(n).padStart(2, '0')}`,
      createTime: new Date(ms).toISOString(),
      type: 'Suspicious login',
      source: 'Google identity',
      data: {
        '@type': 'type.googleapis.com/google.apps.alertcenter.type.AccountWarning',
        email: 'bob@example.com',
      },
    });
    const list = [alert(1, NOW - 3_600_000), alert(2, NOW - 400_000)];
    const api: Api = { tokensIssued: 0, valid: new Map() };
    server = await startFakeServer(googleApi({ alert: list as unknown as Activity[] }, api));
    const pages = await collectPages(
      googleWorkspaceCollector,
      undefined,
      ctxFor({ applications: ['login', 'alert'], page_size: 1 }),
    );
    expect(pages.filter((p) => p.table === 'alert').flatMap((p) => p.records)).toEqual(list);
    expect(api.tokensIssued).toBe(2); // one per scope
    list.push(alert(3, NOW - 200_000));
    const ctx = ctxFor({ applications: 'alert' });
    ctx.setNow(NOW + 300_000);
    const later = await collectPages(googleWorkspaceCollector, lastCursor(pages), ctx);
    expect(later.flatMap((p) => p.records)).toEqual([list[2]]);
    await expect(
      collectPages(googleWorkspaceCollector, undefined, ctxFor({ applications: ['alerts'] })),
    ).rejects.toThrow('unknown application "alerts" (applications: admin, login, drive, saml, token, alert)');
  });
});
