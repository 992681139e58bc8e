import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../../cli/commands/collect.js';
import { loadLakeDirectory } from '../../../config/index.js';
import { readTableRecords } from '../../../detect/records.js';
import { openLake } from '../../../lake/index.js';
import { MANAGED_ROOT } from '../../../managed/registry.js';
import { collectPages, lastCursor, testContext } from '../test-helpers/context.js';
import {
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
} from '../test-helpers/fake-server.js';
import { CollectorError, type PulledPage } from '../types.js';
import { o365Collector, type O365Cursor } from './index.js';

const TENANT = '41b2c3d4-0000-4000-8000-00000000a001';
const CLIENT_ID = '9f8e7d6c-0000-4000-8000-00000000c001';
const SECRET = 'sEcr3t~Value.For_Tests';
const T0 = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

interface Blob {
  contentType: string;
  contentId: string;
  created: number;
  /** Listed only once the fake clock reaches this time (late availability). */
  visibleFrom: number;
  records: Record<string, unknown>[];
}

/**
 * The Management Activity API as documented: client-credentials token endpoint, subscriptions
 * start (AF20024 when already enabled), content listing filtered on contentCreated in
 * [startTime, endTime) (both required, ≤ 24 h apart, ≤ 7 days back) with `NextPageUri` paging,
 * and content blobs (JSON arrays) behind `contentUri`.
 */
class FakeO365 {
  server!: FakeServer;
  now = T0;
  blobs: Blob[] = [];
  subscriptions = new Set<string>();
  tokens = new Map<string, number>();
  pageSize = 2;
  /** Hooks: answer this instead (once) for a route key. */
  inject = new Map<string, FakeResponse[]>();
  blobFetches: string[] = [];

  async start(): Promise<this> {
    this.server = await startFakeServer((req) => this.handle(req));
    return this;
  }

  private handle(req: FakeRequest): FakeResponse {
    const key = `${req.method} ${req.path}`;
    const injected = this.inject.get(key)?.shift() ?? this.inject.get(`${req.method} *`)?.shift();
    if (injected) return injected;
    if (req.method === 'POST' && req.path === `/${TENANT}/oauth2/v2.0/token`) return this.token(req);
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    const exp = m ? this.tokens.get(m[1]!) : undefined;
    if (exp === undefined || exp <= this.now)
      return {
        status: 401,
        body: {
          error: {
            code: 'AF10001',
            message: 'The permission set () sent in the request does not include the expected permission.',
          },
        },
      };
    const feed = `/api/v1.0/${TENANT}/activity/feed`;
    if (req.query.get('PublisherIdentifier') !== TENANT)
      return { status: 400, body: { error: { code: 'AF20010', message: 'PublisherIdentifier missing' } } };
    if (req.method === 'POST' && req.path === `${feed}/subscriptions/start`) {
      const ct = req.query.get('contentType') ?? '';
      if (this.subscriptions.has(ct))
        return {
          status: 400,
          body: {
            error: { code: 'AF20024', message: 'The subscription is already enabled. No property change.' },
          },
        };
      this.subscriptions.add(ct);
      return { status: 200, body: { contentType: ct, status: 'enabled', webhook: null } };
    }
    if (req.method === 'GET' && req.path === `${feed}/subscriptions/content`) return this.list(req);
    const blob = new RegExp(`^${feed}/audit/([^/]+)$`).exec(req.path);
    if (req.method === 'GET' && blob) {
      const b = this.blobs.find((x) => x.contentId === blob[1]);
      if (!b) return { status: 404, body: { error: { code: 'AF20051', message: 'Content not found' } } };
      this.blobFetches.push(b.contentId);
      return { status: 200, body: b.records };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: req.path } } };
  }

  private token(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body);
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
      return { status: 400, body: { error: 'invalid_request' } };
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('scope') !== `${this.server.url}/.default`
    )
      return { status: 400, body: { error: 'invalid_request' } };
    if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== SECRET)
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
        },
      };
    const token = randomUUID();
    this.tokens.set(token, this.now + 3600_000);
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
    };
  }

  private list(req: FakeRequest): FakeResponse {
    const ct = req.query.get('contentType') ?? '';
    if (!this.subscriptions.has(ct))
      return {
        status: 400,
        body: { error: { code: 'AF20022', message: 'No subscription found for the specified content type' } },
      };
    const s = req.query.get('startTime');
    const e = req.query.get('endTime');
    if (!s || !e)
      return {
        status: 400,
        body: {
          error: {
            code: 'AF20055',
            message: 'Start time and end time must both be specified (or both omitted)',
          },
        },
      };
    const start = Date.parse(`${s}Z`);
    const end = Date.parse(`${e}Z`);
    if (!(end > start) || end - start > 24 * 3600_000)
      return {
        status: 400,
        body: {
          error: {
            code: 'AF20055',
            message:
              'Start time and end time must both be specified (or both omitted) and they must be more than zero minutes apart and no more than 24 hours apart.',
          },
        },
      };
    if (start < this.now - 7 * 24 * 3600_000)
      return {
        status: 400,
        body: {
          error: { code: 'AF20055', message: 'The start time cannot be more than 7 days in the past.' },
        },
      };
    const all = this.blobs
      .filter(
        (b) => b.contentType === ct && b.visibleFrom <= this.now && b.created >= start && b.created < end,
      )
      .sort((a, b) => a.created - b.created);
    const offset = Number(req.query.get('nextPage') ?? '0');
    const page = all.slice(offset, offset + this.pageSize);
    const headers: Record<string, string> = {};
    if (offset + this.pageSize < all.length) {
      const next = new URL(req.url);
      next.searchParams.set('nextPage', String(offset + this.pageSize));
      headers.NextPageUri = next.toString();
    }
    return {
      status: 200,
      headers,
      body: page.map((b) => ({
        contentType: b.contentType,
        contentId: b.contentId,
        contentUri: `${this.server.url}/api/v1.0/${TENANT}/activity/feed/audit/${b.contentId}`,
        contentCreated: new Date(b.created).toISOString().replace('Z', ''),
        contentExpiration: new Date(b.created + 7 * 24 * 3600_000).toISOString().replace('Z', ''),
      })),
    };
  }

  addBlob(
    contentType: string,
    created: number,
    n: number,
    opts: { visibleFrom?: number; ids?: string[] } = {},
  ): Blob {
    const records = Array.from({ length: n }, (_, i) => ({
      CreationTime: new Date(created - 60_000 + i * 1000).toISOString().slice(0, 19),
      Id: opts.ids?.[i] ?? randomUUID(),
      Operation: contentType === 'Audit.Exchange' ? 'MailItemsAccessed' : 'UserLoggedIn',
      OrganizationId: TENANT,
      RecordType: contentType === 'Audit.Exchange' ? 50 : 15,
      ResultStatus: 'Success',
      UserKey: '10032001A1B2C3D4',
      UserType: 0,
      Version: 1,
      Workload: contentType === 'Audit.Exchange' ? 'Exchange' : 'AzureActiveDirectory',
      ClientIP: '203.0.113.17',
      UserId: 'grace.o@contoso.example',
    }));
    const blob: Blob = {
      contentType,
      contentId: `${created}$${randomUUID().replace(/-/g, '')}`,
      created,
      visibleFrom: opts.visibleFrom ?? created,
      records,
    };
    this.blobs.push(blob);
    return blob;
  }

  close() {
    return this.server.close();
  }
}

let fake: FakeO365;
afterEach(async () => {
  await fake?.close();
});

function ctxFor(
  extra: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = { LAKEWATCH_O365_CLIENT_SECRET: SECRET },
) {
  return testContext({
    collector: 'O365',
    now: fake.now,
    env,
    properties: {
      tenant_id: TENANT,
      client_id: CLIENT_ID,
      base_url: fake.server.url,
      token_url: `${fake.server.url}/${TENANT}/oauth2/v2.0/token`,
      content_types: ['Audit.AzureActiveDirectory', 'Audit.Exchange'],
      ...extra,
    },
  });
}

const ids = (pages: PulledPage[]) => pages.flatMap((p) => p.records.map((r) => (r as { Id: string }).Id));

describe('O365 collector', () => {
  it('starts subscriptions, lists content in ≤24 h windows following NextPageUri, fetches every blob once', async () => {
    fake = await new FakeO365().start();
    fake.subscriptions.add('Audit.Exchange'); // already enabled: AF20024 is fine
    const expected: string[] = [];
    for (let i = 0; i < 5; i++)
      expected.push(
        ...fake
          .addBlob('Audit.AzureActiveDirectory', T0 - 20 * 3600_000 + i * 3 * 3600_000, 3)
          .records.map((r) => r.Id as string),
      );
    for (let i = 0; i < 3; i++)
      expected.push(
        ...fake.addBlob('Audit.Exchange', T0 - 30 * MIN + i * 5 * MIN, 2).records.map((r) => r.Id as string),
      );
    fake.addBlob('Audit.AzureActiveDirectory', T0 - 30 * 3600_000, 2); // before start_time
    const ctx = ctxFor({
      window: '1439m',
      start_time: new Date(T0 - 24 * 3600_000).toISOString(),
    });
    const pages = await collectPages(o365Collector, undefined, ctx);
    expect(pages.every((p) => p.table === 'audit')).toBe(true);
    expect(ids(pages).sort()).toEqual([...expected].sort());
    expect(fake.subscriptions).toEqual(new Set(['Audit.Exchange', 'Audit.AzureActiveDirectory']));
    const lists = fake.server.requests.filter((r) => r.path.endsWith('/subscriptions/content'));
    for (const r of lists) {
      const span = Date.parse(`${r.query.get('endTime')}Z`) - Date.parse(`${r.query.get('startTime')}Z`);
      expect(span).toBeGreaterThan(0);
      expect(span).toBeLessThanOrEqual(24 * 3600_000);
    }
    expect(lists.some((r) => r.query.has('nextPage'))).toBe(true);
    expect(new Set(fake.blobFetches).size).toBe(fake.blobFetches.length);
    // One token for the whole run, sent as a bearer token.
    expect(fake.server.requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(1);
    const cur = lastCursor(pages) as O365Cursor;
    expect(cur.content_types['Audit.AzureActiveDirectory']!.done_until).toBe(new Date(T0).toISOString());
    expect(cur.content_types['Audit.Exchange']!.done_until).toBe(new Date(T0).toISOString());
  });

  it('a second run re-lists the overlap: late blobs come in, fetched blobs and repeated record Ids do not', async () => {
    fake = await new FakeO365().start();
    const first = [
      fake.addBlob('Audit.AzureActiveDirectory', T0 - 50 * MIN, 2),
      fake.addBlob('Audit.AzureActiveDirectory', T0 - 4 * MIN, 2),
    ];
    let ctx = ctxFor({ content_types: 'Audit.AzureActiveDirectory' });
    const run1 = await collectPages(o365Collector, undefined, ctx);
    expect(ids(run1).sort()).toEqual(first.flatMap((b) => b.records.map((r) => r.Id)).sort());
    const cursor1 = lastCursor(run1);

    // Later: a blob created 2 minutes before run 1 that only became listable afterwards, a new
    // blob, and a blob repeating a record already delivered.
    fake.now = T0 + 15 * MIN;
    const late = fake.addBlob('Audit.AzureActiveDirectory', T0 - 2 * MIN, 2, { visibleFrom: T0 + MIN });
    const fresh = fake.addBlob('Audit.AzureActiveDirectory', T0 + 5 * MIN, 3);
    const repeated = first[1]!.records[0]!.Id as string;
    const dup = fake.addBlob('Audit.AzureActiveDirectory', T0 + 6 * MIN, 2, { ids: [repeated] });
    ctx = ctxFor({ content_types: 'Audit.AzureActiveDirectory' });
    const fetchedBefore = fake.blobFetches.length;
    const run2 = await collectPages(o365Collector, cursor1, ctx);
    expect(ids(run2).sort()).toEqual(
      [...late.records, ...fresh.records, dup.records[1]!].map((r) => r.Id as string).sort(),
    );
    // The overlap re-listed first[1] but did not fetch it again.
    expect(fake.blobFetches.slice(fetchedBefore)).not.toContain(first[1]!.contentId);
    const cursor2 = lastCursor(run2) as O365Cursor;
    const st = cursor2.content_types['Audit.AzureActiveDirectory']!;
    expect(st.done_until).toBe(new Date(T0 + 15 * MIN).toISOString());
    // Only blobs inside the overlap horizon are remembered.
    expect(Object.keys(st.seen).sort()).toEqual([fresh.contentId, dup.contentId].sort());

    // Nothing new: a third run returns nothing.
    fake.now = T0 + 20 * MIN;
    const run3 = await collectPages(
      o365Collector,
      cursor2,
      ctxFor({ content_types: 'Audit.AzureActiveDirectory' }),
    );
    expect(ids(run3)).toEqual([]);
  });

  it('a restart in the middle of a window resumes from the persisted cursor: no gaps, no duplicates', async () => {
    fake = await new FakeO365().start();
    const all: string[] = [];
    for (let i = 0; i < 7; i++)
      all.push(
        ...fake
          .addBlob('Audit.AzureActiveDirectory', T0 - 50 * MIN + i * 5 * MIN, 2)
          .records.map((r) => r.Id as string),
      );
    for (let i = 0; i < 3; i++)
      all.push(
        ...fake.addBlob('Audit.Exchange', T0 - 40 * MIN + i * 5 * MIN, 2).records.map((r) => r.Id as string),
      );
    const got: string[] = [];
    let cursor: unknown;
    // Run 1 stops (crash) after 3 committed pages.
    let n = 0;
    for await (const page of o365Collector.pull(
      undefined,
      ctxFor({ start_time: new Date(T0 - 55 * MIN).toISOString() }),
    )) {
      got.push(...ids([page]));
      cursor = JSON.parse(JSON.stringify(page.cursor));
      if (++n === 3) break;
    }
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(all.length);
    fake.now = T0 + 2 * MIN;
    const rest = await collectPages(
      o365Collector,
      cursor,
      ctxFor({ start_time: new Date(T0 - 55 * MIN).toISOString() }),
    );
    got.push(...ids(rest));
    expect(got.sort()).toEqual(all.sort());
  });

  it('honours 429 Retry-After and backs off on 5xx', async () => {
    fake = await new FakeO365().start();
    const b = fake.addBlob('Audit.AzureActiveDirectory', T0 - 10 * MIN, 2);
    const feed = `/api/v1.0/${TENANT}/activity/feed`;
    fake.inject.set(`GET ${feed}/subscriptions/content`, [
      {
        status: 429,
        headers: { 'Retry-After': '7' },
        body: { error: { code: 'AF429', message: 'Too many requests.' } },
      },
    ]);
    fake.inject.set(`GET ${feed}/audit/${b.contentId}`, [
      { status: 503, body: 'Service Unavailable' },
      { status: 500, body: '' },
    ]);
    const ctx = ctxFor({ content_types: ['Audit.AzureActiveDirectory'] });
    const pages = await collectPages(o365Collector, undefined, ctx);
    expect(ids(pages).sort()).toEqual(b.records.map((r) => r.Id as string).sort());
    expect(ctx.waits[0]).toBe(7000);
    expect(ctx.waits).toHaveLength(3);
  });

  it('gives up on a server that keeps failing with a CollectorError naming the path', async () => {
    fake = await new FakeO365().start();
    fake.addBlob('Audit.AzureActiveDirectory', T0 - 10 * MIN, 2);
    const feed = `/api/v1.0/${TENANT}/activity/feed`;
    fake.inject.set(
      `GET ${feed}/subscriptions/content`,
      Array.from({ length: 10 }, () => ({ status: 502, body: 'Bad Gateway' })),
    );
    const err = await collectPages(
      o365Collector,
      undefined,
      ctxFor({ content_types: 'Audit.AzureActiveDirectory' }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(
      /O365: .*gave up after 4 attempts \(GET \/api\/v1\.0\/.*\/subscriptions\/content, HTTP 502\)/,
    );
  });

  it('a wrong client secret fails at once, naming the env var, never the secret', async () => {
    fake = await new FakeO365().start();
    const ctx = ctxFor({}, { LAKEWATCH_O365_CLIENT_SECRET: 'wrong-secret-value' });
    const err = await collectPages(o365Collector, undefined, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    const msg = (err as Error).message;
    expect(msg).toContain('LAKEWATCH_O365_CLIENT_SECRET');
    expect(msg).toContain('invalid_client');
    expect(msg).toContain('HTTP 401');
    expect(msg).not.toContain('wrong-secret-value');
    expect(ctx.waits).toEqual([]);
    expect(fake.server.requests).toHaveLength(1);
  });

  it('a missing secret or a 403 from the API fail with the env var named; the secret of another source name is used', async () => {
    fake = await new FakeO365().start();
    const missing = await collectPages(o365Collector, undefined, ctxFor({}, {})).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('LAKEWATCH_O365_CLIENT_SECRET');
    expect(fake.server.requests).toHaveLength(0);

    const ctx = testContext({
      collector: 'O365',
      now: fake.now,
      logSource: 'corp-m365',
      env: { LAKEWATCH_CORP_M365_CLIENT_SECRET: SECRET },
      properties: {
        tenant_id: TENANT,
        client_id: CLIENT_ID,
        base_url: fake.server.url,
        token_url: `${fake.server.url}/${TENANT}/oauth2/v2.0/token`,
      },
    });
    // The token request succeeds (the secret came from the source's own variable); the API says 403.
    fake.inject.set(`POST /api/v1.0/${TENANT}/activity/feed/subscriptions/start`, [
      {
        status: 403,
        body: {
          error: {
            code: 'AF10001',
            message: 'The permission set () sent in the request does not include the expected permission.',
          },
        },
      },
    ]);
    const denied = await collectPages(o365Collector, undefined, ctx).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(CollectorError);
    expect((denied as Error).message).toMatch(
      /ActivityFeed\.Read.*LAKEWATCH_CORP_M365_CLIENT_SECRET.*HTTP 403/,
    );
    expect(JSON.stringify(ctx.logs)).not.toContain(SECRET);
  });

  it('refreshes an expired token once on 401', async () => {
    fake = await new FakeO365().start();
    const b = fake.addBlob('Audit.AzureActiveDirectory', T0 - 10 * MIN, 1);
    const ctx = ctxFor({ content_types: 'Audit.AzureActiveDirectory' });
    // Revoke every token after the first page (the first, empty, window).
    const orig = fake.tokens;
    let revoked = false;
    const pages: PulledPage[] = [];
    for await (const p of o365Collector.pull(undefined, ctx)) {
      pages.push(p);
      if (!revoked) {
        orig.clear();
        revoked = true;
      }
    }
    expect(ids(pages)).toEqual(b.records.map((r) => r.Id));
    expect(fake.server.requests.filter((r) => r.path.endsWith('/token')).length).toBe(2);
  });

  it('never sends the token to another host (NextPageUri or contentUri elsewhere)', async () => {
    fake = await new FakeO365().start();
    fake.subscriptions.add('Audit.AzureActiveDirectory');
    const feed = `/api/v1.0/${TENANT}/activity/feed`;
    fake.inject.set(`GET ${feed}/subscriptions/content`, [
      { status: 200, headers: { NextPageUri: 'https://198.51.100.7/steal?x=1' }, body: [] },
    ]);
    const ctx = ctxFor({ content_types: 'Audit.AzureActiveDirectory', window: '24h' });
    await expect(collectPages(o365Collector, undefined, ctx)).rejects.toThrow(
      /another host \(198\.51\.100\.7\); not followed/,
    );
    fake.inject.set(`GET ${feed}/subscriptions/content`, [
      {
        status: 200,
        body: [
          {
            contentType: 'Audit.AzureActiveDirectory',
            contentId: 'x1',
            contentUri: 'https://198.51.100.7/api/v1.0/blob',
            contentCreated: '2026-03-01T11:00:00.000',
            contentExpiration: '2026-03-08T11:00:00.000',
          },
        ],
      },
    ]);
    await expect(collectPages(o365Collector, undefined, ctx)).rejects.toThrow(/another host/);
  });

  it('skips an expired blob (logged) and reports API errors with their code', async () => {
    fake = await new FakeO365().start();
    fake.subscriptions.add('Audit.AzureActiveDirectory');
    const feed = `/api/v1.0/${TENANT}/activity/feed`;
    fake.inject.set(`GET ${feed}/subscriptions/content`, [
      {
        status: 200,
        body: [
          {
            contentType: 'Audit.AzureActiveDirectory',
            contentId: 'gone-1',
            contentUri: `${fake.server.url}${feed}/audit/gone-1`,
            contentCreated: '2026-02-22T11:00:00.000Z',
            contentExpiration: '2026-03-01T11:00:00.000Z',
          },
        ],
      },
    ]);
    const ctx = ctxFor({ content_types: 'Audit.AzureActiveDirectory', window: '24h' });
    const pages = await collectPages(o365Collector, undefined, ctx);
    expect(ids(pages)).toEqual([]);
    expect(ctx.logs.join('\n')).toMatch(/content blob gone-1 expired at 2026-03-01T11:00:00.000Z; skipped/);
    expect(fake.blobFetches).toEqual([]);
    expect((lastCursor(pages) as O365Cursor).content_types['Audit.AzureActiveDirectory']!.done_until).toBe(
      new Date(T0).toISOString(),
    );

    fake.inject.set(`GET ${feed}/subscriptions/content`, [
      {
        status: 400,
        body: {
          error: { code: 'AF20055', message: 'The start time cannot be more than 7 days in the past.' },
        },
      },
    ]);
    await expect(collectPages(o365Collector, undefined, ctx)).rejects.toThrow(
      /could not list Audit\.AzureActiveDirectory content \(AF20055: The start time .*\(GET \/api\/v1\.0\/.*\/subscriptions\/content, HTTP 400\)/,
    );
  });

  it('clamps a start older than the 7 days the API keeps, and rejects bad settings', async () => {
    fake = await new FakeO365().start();
    const b = fake.addBlob('Audit.AzureActiveDirectory', T0 - 6 * 24 * 3600_000, 1);
    const ctx = ctxFor({
      content_types: 'Audit.AzureActiveDirectory',
      start_time: '2026-01-01T00:00:00Z',
      window: '24h',
    });
    const pages = await collectPages(o365Collector, undefined, ctx);
    expect(ids(pages)).toEqual(b.records.map((r) => r.Id));
    expect(ctx.logs.join('\n')).toMatch(/7 days/);
    await expect(
      collectPages(o365Collector, undefined, ctxFor({ content_types: 'Audit.Nope' })),
    ).rejects.toThrow(/unknown content type/);
    await expect(collectPages(o365Collector, undefined, ctxFor({ tenant_id: undefined }))).rejects.toThrow(
      /tenant_id/,
    );
    await expect(collectPages(o365Collector, { v: 9 }, ctxFor())).rejects.toThrow(/cursor/);
  });
});

describe('O365 through lakewatch collect', () => {
  it('pulls the managed O365 samples into table audit via the real ingest path; the next run adds only new ones', async () => {
    const dir = path.join(MANAGED_ROOT, 'o365', 'samples', 'audit');
    // Samples as the Management Activity API delivers records: a blob (JSON array) or one per line.
    const records = [
      'azure_active_directory.json',
      'exchange.json',
      'sharepoint_teams_alerts.json',
      'content_blob.json',
    ]
      .filter((f) => existsSync(path.join(dir, f)))
      .flatMap((f) => {
        const text = readFileSync(path.join(dir, f), 'utf8');
        if (text.trimStart().startsWith('[')) return JSON.parse(text) as Record<string, unknown>[];
        return text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      });
    expect(records.length).toBeGreaterThan(3);
    fake = await new FakeO365().start();
    fake.now = Date.now();
    const blob1 = fake.addBlob('Audit.Exchange', fake.now - 30 * MIN, 0);
    blob1.records.push(...records.slice(0, 3));
    const root = mkdtempSync(path.join(tmpdir(), 'lw-o365-'));
    try {
      writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
      mkdirSync(path.join(root, 'log_sources', 'm365'), { recursive: true });
      writeFileSync(
        path.join(root, 'log_sources', 'm365', 'log_source.yml'),
        `name: m365\nmanaged:\n  type: O365\n  properties:\n    tenant_id: ${TENANT}\n    client_id: ${CLIENT_ID}\n` +
          `    base_url: ${fake.server.url}\n    token_url: ${fake.server.url}/${TENANT}/oauth2/v2.0/token\n` +
          `    content_types: [Audit.Exchange]\n    start_time: 2h\n`,
      );
      const lakeDir = loadLakeDirectory(root);
      const lake = await openLake({ root, namespace: lakeDir.project.namespace });
      try {
        vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
        const env = { LAKEWATCH_M365_CLIENT_SECRET: SECRET };
        const [first] = await collect(lake, lakeDir, [], { detect: false }, env);
        expect(first!.error).toBeUndefined();
        expect(first!.result).toMatchObject({ collector: 'O365', records: 3, committed: 3, deadLettered: 0 });

        fake.now = Date.now();
        const blob2 = fake.addBlob('Audit.Exchange', fake.now - MIN, 0);
        blob2.records.push(...records.slice(3));
        const [second] = await collect(lake, lakeDir, ['m365'], { detect: false }, env);
        expect(second!.error).toBeUndefined();
        expect(second!.result).toMatchObject({ records: records.length - 3, deadLettered: 0 });
        expect(second!.result.committed).toBe(records.length - 3);
        const table = (await lake.listTables()).find((t) => t.includes('m365'))!;
        const rows = (await readTableRecords(lake, table)).map(
          (j) => JSON.parse(j) as { event: { id: string } },
        );
        expect(rows.map((r) => r.event.id).sort()).toEqual(records.map((r) => r.Id as string).sort());
      } finally {
        vi.restoreAllMocks();
        await lake.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
