import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { snykCollector, type SnykCursor } from './index.js';

const ORG = '0d3728ec-eebf-484d-9907-ba238019f10b';
const TOKEN = 'f00dbabe-1234-4cde-9abc-0123456789ab';
const T0 = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

interface AuditEntry {
  created: string;
  event: string;
  org_id: string;
  user_id?: string;
  project_id?: string;
  content: Record<string, unknown>;
}

interface Issue {
  id: string;
  type: 'issue';
  attributes: Record<string, unknown> & { updated_at: string };
  relationships: Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Snyk REST as documented: `Authorization: token …`, a `version` on every call, audit log search
 * (`from` inclusive, `to` exclusive, `size`, `sort_order`, `cursor` in `links.next`), and issues
 * (`updated_after`/`updated_before`, `limit`, `starting_after` in `links.next`, JSON:API).
 */
class FakeSnyk {
  server!: FakeServer;
  audit: AuditEntry[] = [];
  issues: Issue[] = [];
  inject = new Map<string, FakeResponse[]>();

  async start(): Promise<this> {
    this.server = await startFakeServer((req) => this.handle(req));
    return this;
  }

  close() {
    return this.server.close();
  }

  private error(status: number, title: string, detail: string): FakeResponse {
    return {
      status,
      headers: { 'content-type': 'application/vnd.api+json' },
      body: { jsonapi: { version: '1.0' }, errors: [{ status: String(status), title, detail }] },
    };
  }

  private handle(req: FakeRequest): FakeResponse {
    const injected = this.inject.get(req.path)?.shift();
    if (injected) return injected;
    if (req.headers.authorization !== `token ${TOKEN}`)
      return this.error(401, 'Unauthorized', 'the authentication credentials are missing or invalid');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(req.query.get('version') ?? ''))
      return this.error(400, 'Bad Request', 'missing version');
    if (req.method === 'GET' && req.path === `/rest/orgs/${ORG}/audit_logs/search`)
      return this.searchAudit(req);
    if (req.method === 'GET' && req.path === `/rest/orgs/${ORG}/issues`) return this.listIssues(req);
    return this.error(404, 'Not Found', req.path);
  }

  private searchAudit(req: FakeRequest): FakeResponse {
    const from = Date.parse(req.query.get('from') ?? '');
    const to = Date.parse(req.query.get('to') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to))
      return this.error(400, 'Bad Request', 'from/to must be RFC 3339');
    if (req.query.get('sort_order') !== 'ASC')
      return this.error(400, 'Bad Request', 'expected ASC in this fake');
    const size = Number(req.query.get('size') ?? '10');
    const hits = this.audit
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => Date.parse(e.created) >= from && Date.parse(e.created) < to)
      .sort((a, b) => Date.parse(a.e.created) - Date.parse(b.e.created) || a.i - b.i)
      .map(({ e }) => e);
    const offset = req.query.has('cursor')
      ? Number(Buffer.from(req.query.get('cursor')!, 'base64url').toString())
      : 0;
    const page = hits.slice(offset, offset + size);
    const links: Record<string, string> = {};
    if (offset + size < hits.length) {
      const q = new URLSearchParams(req.query);
      q.set('cursor', Buffer.from(String(offset + size)).toString('base64url'));
      links.next = `/rest/orgs/${ORG}/audit_logs/search?${q}`;
    }
    return { status: 200, body: { data: { items: page }, links } };
  }

  private listIssues(req: FakeRequest): FakeResponse {
    const after = Date.parse(req.query.get('updated_after') ?? '1970-01-01T00:00:00Z');
    const before = Date.parse(req.query.get('updated_before') ?? '2999-01-01T00:00:00Z');
    const limit = Number(req.query.get('limit') ?? '10');
    // Not ordered by update time: by id.
    const hits = this.issues
      .filter(
        (i) => Date.parse(i.attributes.updated_at) >= after && Date.parse(i.attributes.updated_at) < before,
      )
      .sort((a, b) => a.id.localeCompare(b.id));
    const start = req.query.get('starting_after');
    const offset = start ? hits.findIndex((i) => i.id === start) + 1 : 0;
    const page = hits.slice(offset, offset + limit);
    const links: Record<string, string> = {};
    if (offset + limit < hits.length) {
      const q = new URLSearchParams(req.query);
      q.set('starting_after', page[page.length - 1]!.id);
      links.next = `/orgs/${ORG}/issues?${q}`; // relative to the REST root
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/vnd.api+json' },
      body: { jsonapi: { version: '1.0' }, data: structuredClone(page), links },
    };
  }

  addAudit(created: number, event = 'org.project.add'): AuditEntry {
    const e: AuditEntry = {
      created: new Date(created).toISOString(),
      event,
      org_id: ORG,
      user_id: randomUUID(),
      project_id: randomUUID(),
      content: { projectName: 'acme/web-ünïcode', origin: 'github' },
    };
    this.audit.push(e);
    return e;
  }

  addIssue(updated: number): Issue {
    const i: Issue = {
      id: randomUUID(),
      type: 'issue',
      attributes: {
        key: `SNYK-JS-LODASH-${Math.floor(Math.random() * 1e6)}`,
        title: 'Prototype Pollution',
        type: 'package_vulnerability',
        status: 'open',
        effective_severity_level: 'high',
        created_at: new Date(updated - 3600_000).toISOString(),
        updated_at: new Date(updated).toISOString(),
        ignored: false,
      },
      relationships: { organization: { data: { id: ORG, type: 'organization' } } },
    };
    this.issues.push(i);
    return i;
  }

  update(issue: Issue, updated: number, status: string) {
    issue.attributes.updated_at = new Date(updated).toISOString();
    issue.attributes.status = status;
  }
}

let fake: FakeSnyk;
afterEach(async () => {
  await fake?.close();
});

function ctxFor(
  now: number,
  extra: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = { LAKEWATCH_SNYK_API_TOKEN: TOKEN },
) {
  return testContext({
    collector: 'SNYK',
    now,
    env,
    properties: { org_id: ORG, base_url: fake.server.url, page_size: 3, ...extra },
  });
}

const rowsOf = (pages: PulledPage[], table: string) =>
  pages.filter((p) => p.table === table).flatMap((p) => p.records);
const auditKeys = (rows: unknown[]) =>
  rows.map((r) => `${(r as AuditEntry).created}|${(r as AuditEntry).user_id}`).sort();
const issueKeys = (rows: unknown[]) =>
  rows.map((r) => `${(r as Issue).id}@${(r as Issue).attributes.updated_at}`).sort();

describe('SNYK collector', () => {
  it('pages audit logs and issues with the token, from start_time (default 24 h back) to now', async () => {
    fake = await new FakeSnyk().start();
    const audit = Array.from({ length: 8 }, (_, i) => fake.addAudit(T0 - 20 * 3600_000 + i * 3600_000));
    fake.addAudit(T0 - 30 * 3600_000); // older than 24 h
    const issues = Array.from({ length: 7 }, (_, i) => fake.addIssue(T0 - 10 * 3600_000 + i * MIN));
    const pages = await collectPages(snykCollector, undefined, ctxFor(T0));
    expect(auditKeys(rowsOf(pages, 'audit'))).toEqual(auditKeys(audit));
    expect(issueKeys(rowsOf(pages, 'vulnerabilities'))).toEqual(issueKeys(issues));
    const reqs = fake.server.requests;
    expect(reqs.filter((r) => r.query.has('cursor')).length).toBe(2);
    expect(reqs.filter((r) => r.query.has('starting_after')).length).toBe(2);
    expect(reqs[0]!.query.get('from')).toBe(iso(T0 - 24 * 3600_000 - 5 * MIN));
    expect(reqs[0]!.query.get('to')).toBe(iso(T0));
    const cur = lastCursor(pages) as SnykCursor;
    expect(cur.audit!.done_until).toBe(iso(T0));
    expect(cur.vulnerabilities).toMatchObject({ done_until: iso(T0) });
    expect(cur.vulnerabilities!.scan_to).toBeUndefined();
  });

  it('next runs: overlap deduplicated, late audit entries and re-updated issues come in once', async () => {
    fake = await new FakeSnyk().start();
    fake.addAudit(T0 - 10 * MIN);
    const recent = fake.addAudit(T0 - 1 * MIN);
    const i1 = fake.addIssue(T0 - 30 * MIN);
    const i2 = fake.addIssue(T0 - 2 * MIN);
    const run1 = await collectPages(snykCollector, undefined, ctxFor(T0, { start_time: iso(T0 - 3600_000) }));
    expect(rowsOf(run1, 'audit')).toHaveLength(2);
    expect(rowsOf(run1, 'vulnerabilities')).toHaveLength(2);

    // Between runs: an entry created 2 minutes before run 1 shows up late; a new one; i1 is
    // updated again (a new row), i2 is not.
    const late = fake.addAudit(T0 - 2 * MIN, 'org.user.role.edit');
    const fresh = fake.addAudit(T0 + 3 * MIN, 'org.project.delete');
    fake.update(i1, T0 + 4 * MIN, 'resolved');
    const i3 = fake.addIssue(T0 + 1 * MIN);
    const run2 = await collectPages(snykCollector, lastCursor(run1), ctxFor(T0 + 10 * MIN));
    expect(auditKeys(rowsOf(run2, 'audit'))).toEqual(auditKeys([late, fresh]));
    expect(issueKeys(rowsOf(run2, 'vulnerabilities'))).toEqual(issueKeys([i1, i3]));
    expect(
      (rowsOf(run2, 'vulnerabilities').find((r) => (r as Issue).id === i1.id) as Issue).attributes.status,
    ).toBe('resolved');
    // The overlap re-read `recent` and i2 without delivering them again.
    const run2reqs = fake.server.requests.slice(-2);
    expect(run2reqs.map((r) => r.query.get('from') ?? r.query.get('updated_after'))).toEqual([
      iso(T0 - 5 * MIN),
      iso(T0 - 5 * MIN),
    ]);
    void recent;
    void i2;
    const run3 = await collectPages(snykCollector, lastCursor(run2), ctxFor(T0 + 11 * MIN));
    expect(run3.flatMap((p) => p.records)).toEqual([]);
  });

  it('a restart in the middle (persisted cursor) gives every audit entry and issue exactly once', async () => {
    fake = await new FakeSnyk().start();
    const audit = Array.from({ length: 10 }, (_, i) => fake.addAudit(T0 - 50 * MIN + i * 4 * MIN));
    // Two entries at the same instant across a page boundary.
    audit.push(fake.addAudit(T0 - 50 * MIN + 8 * MIN));
    const issues = Array.from({ length: 10 }, (_, i) => fake.addIssue(T0 - 40 * MIN + i * 3 * MIN));
    for (const crashAfter of [1, 2, 5, 6]) {
      const got: PulledPage[] = [];
      let cursor: unknown;
      let n = 0;
      for await (const page of snykCollector.pull(
        undefined,
        ctxFor(T0, { start_time: iso(T0 - 3600_000) }),
      )) {
        got.push(page);
        cursor = JSON.parse(JSON.stringify(page.cursor));
        if (++n === crashAfter) break;
      }
      // Meanwhile issue 0 changes: the resumed scan (same bounds) must not lose or repeat the others.
      got.push(
        ...(await collectPages(
          snykCollector,
          cursor,
          ctxFor(T0 + 2 * MIN, { start_time: iso(T0 - 3600_000) }),
        )),
      );
      expect(auditKeys(rowsOf(got, 'audit'))).toEqual(auditKeys(audit));
      expect(issueKeys(rowsOf(got, 'vulnerabilities'))).toEqual(issueKeys(issues));
    }
  });

  it('a restart right after a page whose mark has milliseconds re-reads the overlap without duplicates', async () => {
    fake = await new FakeSnyk().start();
    const a = fake.addAudit(T0 - 10 * MIN + 200);
    const b = fake.addAudit(T0 - 5 * MIN + 345);
    const c = fake.addAudit(T0 - MIN + 999);
    const props = { start_time: iso(T0 - 3600_000), page_size: 1, tables: 'audit' };
    const got: PulledPage[] = [];
    let cursor: unknown;
    for await (const page of snykCollector.pull(undefined, ctxFor(T0, props))) {
      got.push(page);
      cursor = JSON.parse(JSON.stringify(page.cursor));
      if (got.length === 2) break;
    }
    got.push(...(await collectPages(snykCollector, cursor, ctxFor(T0 + MIN, props))));
    expect(auditKeys(rowsOf(got, 'audit'))).toEqual(auditKeys([a, b, c]));
  });

  it('a long issue backfill (start_time 3d) is scanned in 1-day windows', async () => {
    fake = await new FakeSnyk().start();
    const issues = Array.from({ length: 6 }, (_, i) => fake.addIssue(T0 - 70 * 3600_000 + i * 12 * 3600_000));
    const pages = await collectPages(
      snykCollector,
      undefined,
      ctxFor(T0, { start_time: '3d', tables: ['vulnerabilities'], page_size: 100 }),
    );
    expect(issueKeys(rowsOf(pages, 'vulnerabilities'))).toEqual(issueKeys(issues));
    const spans = fake.server.requests.map(
      (r) => Date.parse(r.query.get('updated_before')!) - Date.parse(r.query.get('updated_after')!),
    );
    expect(spans).toEqual([24 * 3600_000 + 5 * MIN, 24 * 3600_000 + 5 * MIN, 24 * 3600_000 + 5 * MIN]);
  });

  it('honours 429 Retry-After (HTTP date) and retries 5xx', async () => {
    fake = await new FakeSnyk().start();
    const a = fake.addAudit(T0 - 10 * MIN);
    const i = fake.addIssue(T0 - 10 * MIN);
    fake.inject.set(`/rest/orgs/${ORG}/audit_logs/search`, [
      {
        status: 429,
        headers: { 'Retry-After': new Date(T0 + 30_000).toUTCString() },
        body: 'Too Many Requests',
      },
    ]);
    fake.inject.set(`/rest/orgs/${ORG}/issues`, [
      { status: 500, body: '' },
      { status: 504, body: '' },
    ]);
    const ctx = ctxFor(T0);
    const pages = await collectPages(snykCollector, undefined, ctx);
    expect(auditKeys(rowsOf(pages, 'audit'))).toEqual(auditKeys([a]));
    expect(issueKeys(rowsOf(pages, 'vulnerabilities'))).toEqual(issueKeys([i]));
    expect(ctx.waits[0]).toBe(30_000);
    expect(ctx.waits).toHaveLength(3);
  });

  it('401 fails at once naming LAKEWATCH_<SOURCE>_API_TOKEN, never the token; 5xx forever gives up', async () => {
    fake = await new FakeSnyk().start();
    const ctx = ctxFor(T0, {}, { LAKEWATCH_SNYK_API_TOKEN: 'not-the-right-token' });
    const err = await collectPages(snykCollector, undefined, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(
      /^SNYK: access denied .*LAKEWATCH_SNYK_API_TOKEN.*\(GET \/rest\/orgs\/.*\/audit_logs\/search, HTTP 401\)$/,
    );
    expect((err as Error).message).not.toContain('not-the-right-token');
    expect(ctx.waits).toEqual([]);

    const named = testContext({
      collector: 'SNYK',
      now: T0,
      logSource: 'snyk-prod',
      env: {},
      properties: { org_id: ORG, base_url: fake.server.url },
    });
    await expect(collectPages(snykCollector, undefined, named)).rejects.toThrow(
      /LAKEWATCH_SNYK_PROD_API_TOKEN/,
    );

    fake.inject.set(
      `/rest/orgs/${ORG}/issues`,
      Array.from({ length: 5 }, () => ({ status: 503, body: '' })),
    );
    const only = ctxFor(T0, { tables: ['vulnerabilities'] });
    await expect(collectPages(snykCollector, undefined, only)).rejects.toThrow(
      /gave up after 4 attempts \(GET \/rest\/orgs\/.*\/issues, HTTP 503\)/,
    );
    expect(
      fake.server.requests.some(
        (r) => r.path.endsWith('/audit_logs/search') && r.headers.authorization === `token ${TOKEN}`,
      ),
    ).toBe(false);
  });

  it('never follows links.next to another host with the token', async () => {
    fake = await new FakeSnyk().start();
    fake.inject.set(`/rest/orgs/${ORG}/audit_logs/search`, [
      {
        status: 200,
        body: {
          data: { items: [] },
          links: { next: 'https://203.0.113.9/rest/orgs/x/audit_logs/search?cursor=1' },
        },
      },
    ]);
    await expect(collectPages(snykCollector, undefined, ctxFor(T0))).rejects.toThrow(
      /another host \(203\.0\.113\.9\)/,
    );
  });
});

/** A lake with one log source, for `lakewatch collect` end to end. */
async function withLake(
  name: string,
  yml: string,
  run: (
    lake: Awaited<ReturnType<typeof openLake>>,
    lakeDir: ReturnType<typeof loadLakeDirectory>,
  ) => Promise<void>,
) {
  const root = mkdtempSync(path.join(tmpdir(), `lw-${name}-`));
  try {
    writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
    mkdirSync(path.join(root, 'log_sources', name), { recursive: true });
    writeFileSync(path.join(root, 'log_sources', name, 'log_source.yml'), yml);
    const lakeDir = loadLakeDirectory(root);
    const lake = await openLake({ root, namespace: lakeDir.project.namespace });
    try {
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      await run(lake, lakeDir);
    } finally {
      vi.restoreAllMocks();
      await lake.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const ndjson = (file: string) =>
  readFileSync(path.join(MANAGED_ROOT, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('SNYK through lakewatch collect', () => {
  it('pulls the managed samples into audit and vulnerabilities via the real ingest path', async () => {
    fake = await new FakeSnyk().start();
    const audit = ndjson('snyk/samples/audit/audit_logs.json') as unknown as AuditEntry[];
    const issues = ndjson('snyk/samples/vulnerabilities/issues.json') as unknown as Issue[];
    fake.audit.push(...audit);
    fake.issues.push(...issues);
    const yml = `name: snyk\nmanaged:\n  type: SNYK\n  properties:\n    org_id: ${ORG}\n    base_url: ${fake.server.url}\n    start_time: "2026-11-01T00:00:00Z"\n    page_size: 2\n`;
    await withLake('snyk', yml, async (lake, lakeDir) => {
      const env = { LAKEWATCH_SNYK_API_TOKEN: TOKEN };
      const [first] = await collect(lake, lakeDir, [], { detect: false }, env);
      expect(first!.error).toBeUndefined();
      const total = audit.length + issues.length;
      expect(first!.result).toMatchObject({
        collector: 'SNYK',
        records: total,
        committed: total,
        deadLettered: 0,
      });
      const tables = await lake.listTables();
      expect(
        await readTableRecords(
          lake,
          tables.find((t) => t.endsWith('_audit'))!,
        ),
      ).toHaveLength(audit.length);
      const vulns = await readTableRecords(
        lake,
        tables.find((t) => t.endsWith('_vulnerabilities'))!,
      );
      expect(vulns).toHaveLength(issues.length);
      const [again] = await collect(lake, lakeDir, [], { detect: false }, env);
      expect(again!.result).toMatchObject({ records: 0 });
    });
  });
});
