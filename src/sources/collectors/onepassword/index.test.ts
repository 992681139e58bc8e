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
import { onepasswordCollector, type OnePasswordCursor } from './index.js';

const TOKEN = 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImV2ZW50cyJ9.fake-events-token.sig';
const T0 = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

interface Stored {
  seq: number;
  item: Record<string, unknown> & { uuid: string; timestamp: string };
}

/**
 * The Events API as documented: POST with a bearer token; the body is a reset cursor
 * `{limit, start_time}` or `{cursor}`; the answer is `{cursor, has_more, items}`, the cursor an
 * opaque resume point after the last item returned (new events later appear after it).
 */
class FakeEvents {
  server!: FakeServer;
  events: Record<string, Stored[]> = { '/api/v1/itemusages': [], '/api/v1/signinattempts': [] };
  seq = 0;
  inject = new Map<string, FakeResponse[]>();
  bodies: { path: string; body: Record<string, unknown> }[] = [];

  async start(): Promise<this> {
    this.server = await startFakeServer((req) => this.handle(req));
    return this;
  }

  close() {
    return this.server.close();
  }

  private handle(req: FakeRequest): FakeResponse {
    const injected = this.inject.get(req.path)?.shift();
    if (injected) return injected;
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return { status: 401, body: { Error: { Message: 'Unauthorized' } } };
    const list = this.events[req.path];
    if (req.method !== 'POST' || !list) return { status: 404, body: { Error: { Message: 'Not Found' } } };
    if (req.headers['content-type'] !== 'application/json')
      return { status: 400, body: { Error: { Message: 'content-type' } } };
    const body = JSON.parse(req.body) as Record<string, unknown>;
    this.bodies.push({ path: req.path, body });
    let state: { start: number; seq: number; limit: number };
    if (typeof body.cursor === 'string') {
      if (Object.keys(body).length !== 1)
        return { status: 400, body: { Error: { Message: 'cursor requests carry only the cursor' } } };
      try {
        state = JSON.parse(Buffer.from(body.cursor, 'base64url').toString()) as typeof state;
      } catch {
        return { status: 400, body: { Error: { Message: 'invalid cursor' } } };
      }
    } else {
      const limit = body.limit;
      const start = typeof body.start_time === 'string' ? Date.parse(body.start_time) : NaN;
      if (typeof limit !== 'number' || limit < 1 || limit > 1000 || Number.isNaN(start))
        return { status: 400, body: { Error: { Message: 'invalid reset cursor' } } };
      state = { start, seq: -1, limit };
    }
    const after = list.filter((e) => e.seq > state.seq && Date.parse(e.item.timestamp) >= state.start);
    const page = after.slice(0, state.limit);
    const last = page.length ? page[page.length - 1]!.seq : state.seq;
    const cursor = Buffer.from(JSON.stringify({ ...state, seq: last })).toString('base64url');
    return {
      status: 200,
      body: { cursor, has_more: after.length > page.length, items: page.map((e) => e.item) },
    };
  }

  addUsage(ts: number): Stored['item'] {
    const item = {
      uuid: randomUUID().slice(0, 26).toUpperCase(),
      timestamp: new Date(ts).toISOString(),
      used_version: 2,
      vault_uuid: 'VZSYVT2LGHTBWBQGUJAIZVRABM',
      item_uuid: 'SDGD3I4AJYO6RMHRK8DYVNFIDS',
      user: { uuid: '4HCGRGYCTRQFBMGVEGTABYDU2V', name: 'Jörg Österberg', email: 'jorg@example.com' },
      client: {
        app_name: '1Password Browser Extension',
        app_version: '20240',
        platform_name: 'Chrome',
        platform_version: '120.0.0.0',
        os_name: 'MacOSX',
        os_version: '14.2',
        ip_address: '2001:db8::1a2b',
      },
      location: { country: 'DE', region: 'Berlin', city: 'Berlin', latitude: 52.52, longitude: 13.405 },
      action: 'reveal',
    };
    this.events['/api/v1/itemusages']!.push({ seq: this.seq++, item });
    return item;
  }

  addSignin(ts: number, category = 'success'): Stored['item'] {
    const item = {
      uuid: randomUUID().slice(0, 26).toUpperCase(),
      session_uuid: 'A5K6COGVRVEJXJW3XQZGS7VAMM',
      timestamp: new Date(ts).toISOString(),
      category,
      type: category === 'success' ? 'credentials_ok' : 'password_secret_bad',
      country: 'US',
      target_user: { uuid: 'IR7VJHJ36JHINBFAD7V2T5MP3E', name: 'Ada Lovelace', email: 'ada@example.com' },
      client: { app_name: '1Password for Web', app_version: '1109', ip_address: '198.51.100.23' },
    };
    this.events['/api/v1/signinattempts']!.push({ seq: this.seq++, item });
    return item;
  }
}

let fake: FakeEvents;
afterEach(async () => {
  await fake?.close();
});

function ctxFor(
  now: number,
  extra: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = { LAKEWATCH_ONEPASSWORD_API_TOKEN: TOKEN },
) {
  return testContext({
    collector: 'ONEPASSWORD',
    now,
    env,
    properties: { base_url: fake.server.url, page_size: 2, ...extra },
  });
}

const uuids = (pages: PulledPage[], table: string) =>
  pages.filter((p) => p.table === table).flatMap((p) => p.records.map((r) => (r as { uuid: string }).uuid));

describe('ONEPASSWORD collector', () => {
  it('starts each endpoint with {limit, start_time}, then follows the cursor while has_more', async () => {
    fake = await new FakeEvents().start();
    fake.addUsage(T0 - 30 * 3600_000); // before the default start (24 h back)
    const usages = Array.from({ length: 5 }, (_, i) => fake.addUsage(T0 - 3600_000 + i * MIN).uuid);
    const signins = [
      fake.addSignin(T0 - 50 * MIN).uuid,
      fake.addSignin(T0 - 40 * MIN, 'credentials_failed').uuid,
    ];
    const pages = await collectPages(onepasswordCollector, undefined, ctxFor(T0));
    expect(uuids(pages, 'item_usages')).toEqual(usages);
    expect(uuids(pages, 'signin_attempts')).toEqual(signins);
    const firstUsage = fake.bodies.find((b) => b.path === '/api/v1/itemusages')!;
    expect(firstUsage.body).toEqual({ limit: 2, start_time: '2026-02-28T12:00:00Z' });
    expect(
      fake.bodies
        .filter((b) => b.path === '/api/v1/itemusages')
        .slice(1)
        .every((b) => typeof b.body.cursor === 'string'),
    ).toBe(true);
    const cur = lastCursor(pages) as OnePasswordCursor;
    expect(typeof cur.item_usages).toBe('string');
    expect(typeof cur.signin_attempts).toBe('string');
  });

  it('the next run continues from the persisted cursors: only new events', async () => {
    fake = await new FakeEvents().start();
    fake.addUsage(T0 - 10 * MIN);
    fake.addSignin(T0 - 9 * MIN);
    const run1 = await collectPages(onepasswordCollector, undefined, ctxFor(T0));
    expect(run1.flatMap((p) => p.records)).toHaveLength(2);
    const u = [
      fake.addUsage(T0 + MIN).uuid,
      fake.addUsage(T0 + 2 * MIN).uuid,
      fake.addUsage(T0 + 3 * MIN).uuid,
    ];
    const s = [fake.addSignin(T0 + 2 * MIN, 'mfa_failed').uuid];
    const before = fake.bodies.length;
    const run2 = await collectPages(onepasswordCollector, lastCursor(run1), ctxFor(T0 + 5 * MIN));
    expect(uuids(run2, 'item_usages')).toEqual(u);
    expect(uuids(run2, 'signin_attempts')).toEqual(s);
    // No reset cursor in run 2.
    expect(fake.bodies.slice(before).every((b) => typeof b.body.cursor === 'string')).toBe(true);
    const run3 = await collectPages(onepasswordCollector, lastCursor(run2), ctxFor(T0 + 6 * MIN));
    expect(run3.flatMap((p) => p.records)).toEqual([]);
  });

  it('a restart in the middle resumes from the last committed page: no gaps, no duplicates', async () => {
    fake = await new FakeEvents().start();
    const usages = Array.from({ length: 7 }, (_, i) => fake.addUsage(T0 - 30 * MIN + i * MIN).uuid);
    const signins = Array.from({ length: 3 }, (_, i) => fake.addSignin(T0 - 20 * MIN + i * MIN).uuid);
    for (const crashAfter of [1, 3, 4, 5]) {
      const got: PulledPage[] = [];
      let cursor: unknown;
      let n = 0;
      for await (const page of onepasswordCollector.pull(undefined, ctxFor(T0))) {
        got.push(page);
        cursor = JSON.parse(JSON.stringify(page.cursor));
        if (++n === crashAfter) break;
      }
      got.push(...(await collectPages(onepasswordCollector, cursor, ctxFor(T0 + MIN))));
      expect(uuids(got, 'item_usages')).toEqual(usages);
      expect(uuids(got, 'signin_attempts')).toEqual(signins);
    }
  });

  it('honours 429 Retry-After and retries 5xx and dropped connections', async () => {
    fake = await new FakeEvents().start();
    const u = fake.addUsage(T0 - MIN).uuid;
    fake.inject.set('/api/v1/itemusages', [
      { status: 429, headers: { 'Retry-After': '12' }, body: { Error: { Message: 'Too Many Requests' } } },
    ]);
    fake.inject.set('/api/v1/signinattempts', [{ status: 502, body: '' }, { hangUp: true }]);
    const ctx = ctxFor(T0);
    const pages = await collectPages(onepasswordCollector, undefined, ctx);
    expect(uuids(pages, 'item_usages')).toEqual([u]);
    expect(ctx.waits[0]).toBe(12_000);
    expect(ctx.waits).toHaveLength(3);
  });

  it('401 fails at once naming the env var (never the token); a wrong answer shape fails clearly', async () => {
    fake = await new FakeEvents().start();
    const ctx = ctxFor(T0, {}, { LAKEWATCH_ONEPASSWORD_API_TOKEN: 'revoked-token-value' });
    const err = await collectPages(onepasswordCollector, undefined, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(
      /^ONEPASSWORD: access denied \(Unauthorized\): check LAKEWATCH_ONEPASSWORD_API_TOKEN .*\(POST \/api\/v1\/itemusages, HTTP 401\)$/,
    );
    expect((err as Error).message).not.toContain('revoked-token-value');
    expect(ctx.waits).toEqual([]);

    const named = testContext({
      collector: 'ONEPASSWORD',
      now: T0,
      logSource: '1p',
      env: {},
      properties: { base_url: fake.server.url },
    });
    await expect(collectPages(onepasswordCollector, undefined, named)).rejects.toThrow(
      /LAKEWATCH_1P_API_TOKEN/,
    );

    fake.inject.set('/api/v1/itemusages', [{ status: 200, body: { items: 'nope' } }]);
    await expect(collectPages(onepasswordCollector, undefined, ctxFor(T0))).rejects.toThrow(
      /expected \{cursor, has_more, items\}/,
    );
    await expect(collectPages(onepasswordCollector, { v: 1, item_usages: 5 }, ctxFor(T0))).rejects.toThrow(
      /cursor/,
    );
  });
});

/** The managed ONEPASSWORD samples of a table (its well-formed files), one event per line. */
function samples(table: string): Stored['item'][] {
  const dir = path.join(MANAGED_ROOT, 'onepassword', 'samples', table);
  return [table === 'item_usages' ? 'itemusages.json' : 'signinattempts.json'].flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Stored['item']),
  );
}

describe('ONEPASSWORD through lakewatch collect', () => {
  it('pulls the managed samples into item_usages and signin_attempts via the real ingest path', async () => {
    fake = await new FakeEvents().start();
    const usages = samples('item_usages');
    const signins = samples('signin_attempts');
    expect(usages.length).toBeGreaterThan(1);
    expect(signins.length).toBeGreaterThan(1);
    for (const item of usages) fake.events['/api/v1/itemusages']!.push({ seq: fake.seq++, item });
    for (const item of signins) fake.events['/api/v1/signinattempts']!.push({ seq: fake.seq++, item });
    const root = mkdtempSync(path.join(tmpdir(), 'lw-1p-'));
    try {
      writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
      mkdirSync(path.join(root, 'log_sources', 'onepassword'), { recursive: true });
      writeFileSync(
        path.join(root, 'log_sources', 'onepassword', 'log_source.yml'),
        `name: onepassword\nmanaged:\n  type: ONEPASSWORD\n  properties:\n    base_url: ${fake.server.url}\n    start_time: "2000-01-01T00:00:00Z"\n    page_size: 2\n`,
      );
      const lakeDir = loadLakeDirectory(root);
      const lake = await openLake({ root, namespace: lakeDir.project.namespace });
      try {
        vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
        const env = { LAKEWATCH_ONEPASSWORD_API_TOKEN: TOKEN };
        const [first] = await collect(lake, lakeDir, [], { detect: false }, env);
        expect(first!.error).toBeUndefined();
        const total = usages.length + signins.length;
        expect(first!.result).toMatchObject({
          collector: 'ONEPASSWORD',
          records: total,
          committed: total,
          deadLettered: 0,
        });
        const tables = await lake.listTables();
        const ids = async (t: string) =>
          (
            await readTableRecords(
              lake,
              tables.find((x) => x.endsWith(t))!,
            )
          )
            .map((j) => (JSON.parse(j) as { event: { id: string } }).event.id)
            .sort();
        expect(await ids('item_usages')).toEqual(usages.map((u) => u.uuid).sort());
        expect(await ids('signin_attempts')).toEqual(signins.map((u) => u.uuid).sort());
        const [again] = await collect(lake, lakeDir, [], { detect: false }, env);
        expect(again!.result).toMatchObject({ records: 0 });
      } finally {
        vi.restoreAllMocks();
        await lake.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
