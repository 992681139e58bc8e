import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
} from '../test-helpers/fake-server.js';
import { collectPages, lastCursor, testContext } from '../test-helpers/context.js';
import { CollectorError, type PulledPage } from '../types.js';
import { msftCollector } from './index.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const TENANT = 'a1b2c3d4-0000-4000-8000-0000000000aa';
const CLIENT_ID = '6f1c2d3e-0000-4000-8000-0000000000bb';
const SECRET = 'Xy7~Q8.fakeClientSecret_0123456789abcdef';

function signIn(n: number, ms: number) {
  return {
    id: `66ea54eb-6301-4ee5-be62-ff5a759b${String(n).padStart(4, '0')}`,
    createdDateTime: new Date(ms).toISOString().replace('.000', ''),
    userDisplayName: n % 2 ? 'Jane Doe' : 'Łukasz Żółw',
    userPrincipalName: 'jane.doe@contoso.example',
    appDisplayName: 'Microsoft Teams',
    ipAddress: n % 2 ? '203.0.113.10' : '2001:db8:1::10',
    status: {
      errorCode: n % 3 ? 0 : 50126,
      failureReason: n % 3 ? 'Other.' : 'Invalid username or password.',
    },
  };
}

function audit(n: number, ms: number) {
  return {
    id: `Directory_${String(n).padStart(4, '0')}_ABCDE`,
    activityDateTime: new Date(ms).toISOString(),
    activityDisplayName: 'Add user',
    category: 'UserManagement',
    result: 'success',
    loggedByService: 'Core Directory',
  };
}

interface Graph {
  issued: number;
  valid: Set<string>;
  signIns: ReturnType<typeof signIn>[];
  audits: ReturnType<typeof audit>[];
}

/** Token endpoint (client credentials) and the two audit log collections, newest first like Graph. */
function graphApi(g: Graph) {
  const token = (req: FakeRequest): FakeResponse => {
    if (req.path !== `/${TENANT}/oauth2/v2.0/token`)
      return {
        status: 400,
        body: {
          error: 'invalid_tenant',
          error_description: "AADSTS90002: Tenant 'x' not found.\r\nTrace ID: 1",
        },
      };
    const form = new URLSearchParams(req.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('https://graph.microsoft.com/.default');
    if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== SECRET)
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${CLIENT_ID}'.\r\nTrace ID: 0f9e\r\nCorrelation ID: 7c1d\r\nTimestamp: 2026-03-01 12:00:00Z`,
        },
      };
    const value = `eyJ0eXAiOiJKV1Qi.graph-token-${++g.issued}`;
    g.valid.add(value);
    return { body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: value } };
  };
  const list =
    (items: () => Record<string, unknown>[], field: string) =>
    (req: FakeRequest): FakeResponse => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !g.valid.has(bearer))
        return {
          status: 401,
          body: {
            error: {
              code: 'InvalidAuthenticationToken',
              message: 'Access token has expired or is not yet valid.',
            },
          },
        };
      let from: number, to: number, top: number, skip: number;
      if (req.query.has('$skiptoken')) {
        const state = JSON.parse(
          Buffer.from(req.query.get('$skiptoken')!, 'base64url').toString(),
        ) as number[];
        [from, to, top, skip] = state as [number, number, number, number];
      } else {
        const m = new RegExp(`^${field} ge (\\S+) and ${field} le (\\S+)$`).exec(
          req.query.get('$filter') ?? '',
        );
        if (!m)
          return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid filter clause' } } };
        from = Date.parse(m[1]!);
        to = Date.parse(m[2]!);
        top = Number(req.query.get('$top'));
        skip = 0;
      }
      const all = items()
        .filter((r) => Date.parse(r[field] as string) >= from && Date.parse(r[field] as string) <= to)
        .sort((a, b) => Date.parse(b[field] as string) - Date.parse(a[field] as string));
      const body: Record<string, unknown> = {
        '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#auditLogs/x`,
        value: all.slice(skip, skip + top),
      };
      if (skip + top < all.length) {
        const token = Buffer.from(JSON.stringify([from, to, top, skip + top])).toString('base64url');
        body['@odata.nextLink'] = `${req.url.origin}${req.path}?$top=${top}&$skiptoken=${token}`;
      }
      return { body };
    };
  const signIns = list(() => g.signIns, 'createdDateTime');
  const audits = list(() => g.audits, 'activityDateTime');
  return (req: FakeRequest): FakeResponse => {
    if (req.method === 'POST') return token(req);
    if (req.path === '/v1.0/auditLogs/signIns') return signIns(req);
    if (req.path === '/v1.0/auditLogs/directoryAudits') return audits(req);
    return { status: 404 };
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function ctxFor(props: Record<string, unknown> = {}, secret = SECRET) {
  return testContext({
    collector: 'MSFT',
    logSource: 'msft',
    now: NOW,
    properties: {
      base_url: server!.url,
      token_url: server!.url,
      tenant_id: TENANT,
      client_id: CLIENT_ID,
      ...props,
    },
    env: { LAKEWATCH_MSFT_CLIENT_SECRET: secret },
  });
}

const byTable = (pages: PulledPage[], table: string) =>
  pages.filter((p) => p.table === table).flatMap((p) => p.records as { id: string }[]);
const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();

describe('MSFT collector', () => {
  it('pulls sign-ins and audits with a client-credentials token, following @odata.nextLink', async () => {
    const g: Graph = {
      issued: 0,
      valid: new Set(),
      signIns: [
        ...Array.from({ length: 6 }, (_, n) => signIn(n, NOW - 3_600_000 + n * 60_000)),
        signIn(40, NOW - 300_000),
      ],
      audits: [audit(1, NOW - 1_800_000), audit(2, NOW - 30_000)],
    };
    server = await startFakeServer(graphApi(g));
    const pages = await collectPages(msftCollector, undefined, ctxFor({ page_size: 3 }));
    expect(ids(byTable(pages, 'aad_signinlogs'))).toEqual(ids(g.signIns));
    expect(pages.filter((p) => p.table === 'aad_signinlogs').map((p) => p.records.length)).toEqual([3, 3, 1]);
    // the audit of 30 s ago is inside the 2-minute lag: next run
    expect(byTable(pages, 'aad_auditlogs')).toEqual([g.audits[0]]);
    expect(g.issued).toBe(1);
    const first = server.requests.find((r) => r.path === '/v1.0/auditLogs/signIns')!;
    expect(first.query.get('$filter')).toBe(
      'createdDateTime ge 2026-02-28T12:00:00.000Z and createdDateTime le 2026-03-01T11:58:00.000Z',
    );
    expect(first.url.search).toContain('%24filter=createdDateTime%20ge%20');

    const ctx = ctxFor({ page_size: 3 });
    ctx.setNow(NOW + 600_000);
    g.signIns.push(signIn(50, NOW - 400_000)); // arrived late, inside the overlap (as signIn 40, already delivered)
    const later = await collectPages(msftCollector, lastCursor(pages), ctx);
    expect(ids(byTable(later, 'aad_signinlogs'))).toEqual([g.signIns[7]!.id]);
    expect(byTable(later, 'aad_auditlogs')).toEqual([g.audits[1]]);
  });

  it('resumes at the saved nextLink after a restart', async () => {
    const g: Graph = {
      issued: 0,
      valid: new Set(),
      signIns: Array.from({ length: 5 }, (_, n) => signIn(n, NOW - 3_600_000 + n * 60_000)),
      audits: [],
    };
    server = await startFakeServer(graphApi(g));
    const pulled = msftCollector.pull(undefined, ctxFor({ page_size: 2, tables: ['aad_signinlogs'] }));
    const gen = pulled[Symbol.asyncIterator]();
    const page1 = (await gen.next()).value as PulledPage;
    await gen.return?.(undefined);
    const saved = JSON.parse(JSON.stringify(page1.cursor));
    expect(saved.aad_signinlogs.window.next).toContain('$skiptoken=');
    const rest = await collectPages(msftCollector, saved, ctxFor({ page_size: 2, tables: 'aad_signinlogs' }));
    expect(ids([...(page1.records as { id: string }[]), ...byTable(rest, 'aad_signinlogs')])).toEqual(
      ids(g.signIns),
    );
    expect(g.issued).toBe(2); // a new process, a new token
  });

  it('an expired token gets one refresh; a token Graph keeps refusing is a CollectorError', async () => {
    const g: Graph = {
      issued: 0,
      valid: new Set(),
      signIns: [signIn(1, NOW - 600_000)],
      audits: [audit(1, NOW - 600_000)],
    };
    server = await startFakeServer(graphApi(g));
    const ctx = ctxFor();
    const http = ctx.http;
    let expired = false;
    ctx.http = {
      request: async (url, init) => {
        const res = await http.request(url, init);
        if (!expired && url.includes('signIns')) {
          expired = true;
          g.valid.clear(); // the cached token stops working
        }
        return res;
      },
    };
    const pages = await collectPages(msftCollector, undefined, ctx);
    expect(byTable(pages, 'aad_auditlogs')).toHaveLength(1);
    expect(g.issued).toBe(2);

    const api = graphApi(g);
    server.route('GET /v1.0/auditLogs/signIns', (req) => {
      g.valid.clear();
      return api(req);
    });
    const err = await collectPages(msftCollector, undefined, ctxFor()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(
      /^MSFT: authentication failed; check the app registration .* in LAKEWATCH_MSFT_CLIENT_SECRET .*InvalidAuthenticationToken.*\(GET \/v1.0\/auditLogs\/signIns, HTTP 401\)$/,
    );
  });

  it('a wrong client secret fails at the token request, naming the env var but not the secret', async () => {
    const g: Graph = { issued: 0, valid: new Set(), signIns: [], audits: [] };
    server = await startFakeServer(graphApi(g));
    const err = await collectPages(msftCollector, undefined, ctxFor({}, 'wrong-secret-value')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toBe(
      `MSFT: the token request was refused (invalid_client: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${CLIENT_ID}'.); check managed.properties.tenant_id, client_id and the client secret in LAKEWATCH_MSFT_CLIENT_SECRET (POST /${TENANT}/oauth2/v2.0/token, HTTP 401)`,
    );
    expect((err as Error).message).not.toContain('wrong-secret-value');
    expect(server.requests).toHaveLength(1);
  });

  it('403 (no AuditLog.Read.All / no premium licence) fails at once', async () => {
    const g: Graph = { issued: 0, valid: new Set(), signIns: [], audits: [] };
    const api = graphApi(g);
    server = await startFakeServer((req) =>
      req.method === 'GET'
        ? {
            status: 403,
            body: {
              error: {
                code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
                message: "Neither tenant is B2C or tenant doesn't have premium license",
              },
            },
          }
        : api(req),
    );
    await expect(collectPages(msftCollector, undefined, ctxFor())).rejects.toThrow(
      /MSFT: access denied; .*premium license.*\(GET \/v1.0\/auditLogs\/signIns, HTTP 403\)/,
    );
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('honours Retry-After on 429 (Graph throttling) and retries 503', async () => {
    const g: Graph = { issued: 0, valid: new Set(), signIns: [signIn(1, NOW - 600_000)], audits: [] };
    const api = graphApi(g);
    let n = 0;
    server = await startFakeServer((req) => {
      if (req.method === 'GET' && ++n <= 2)
        return n === 1
          ? {
              status: 429,
              headers: { 'retry-after': '7' },
              body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
            }
          : { status: 503, body: { error: { code: 'ServiceUnavailable' } } };
      return api(req);
    });
    const ctx = ctxFor({ tables: ['aad_signinlogs'] });
    const pages = await collectPages(msftCollector, undefined, ctx);
    expect(byTable(pages, 'aad_signinlogs')).toHaveLength(1);
    expect(ctx.waits[0]).toBe(7000);
    expect(ctx.waits).toHaveLength(2);
  });
});
