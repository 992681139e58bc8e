/** `lakewatch collect` (src/cli/commands/collect.ts) against a fake Okta, through the real ingest path. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collect, describeCursor, registerCollect } from '../../cli/commands/collect.js';
import { loadLakeDirectory } from '../../config/index.js';
import { readTableRecords } from '../../detect/records.js';
import { openLake } from '../../lake/index.js';
import { MANAGED_ROOT } from '../../managed/registry.js';
import {
  checkPullSources,
  collectorJobs,
  isPullSource,
  openCursorStore,
  pollIntervalMs,
  pullSources,
} from './index.js';
import { startFakeServer, type FakeHandler, type FakeServer } from './test-helpers/fake-server.js';

const TOKEN = '00cliTestTokenValue0123456789';

/** Okta events written for the OKTA golden samples, one per line. */
function oktaEvents(): Record<string, unknown>[] {
  const text = readFileSync(path.join(MANAGED_ROOT, 'okta', 'samples', 'system', 'system_log.json'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => typeof e.published === 'string')
    .sort((a, b) => String(a.published).localeCompare(String(b.published)));
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanup.length) await cleanup.pop()!();
});

let server: FakeServer;

async function lakeWith(sources: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'lw-collect-cli-'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
  for (const [name, yml] of Object.entries(sources)) {
    mkdirSync(path.join(root, 'log_sources', name), { recursive: true });
    writeFileSync(path.join(root, 'log_sources', name, 'log_source.yml'), yml);
  }
  return root;
}

function oktaHandler(events: Record<string, unknown>[]): FakeHandler {
  return (req) => {
    if (req.headers.authorization !== `SSWS ${TOKEN}`)
      return { status: 401, body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' } };
    const limit = Number(req.query.get('limit'));
    const start = req.query.has('after')
      ? Number(req.query.get('after'))
      : events.findIndex((e) => String(e.published) >= req.query.get('since')!);
    const from = start === -1 ? events.length : start;
    const page = events.slice(from, from + limit);
    return {
      body: page,
      headers: {
        link: `<${req.url.origin}/api/v1/logs?limit=${limit}&after=${from + page.length}>; rel="next"`,
      },
    };
  };
}

async function fakeOkta(events: Record<string, unknown>[]) {
  server = await startFakeServer({ 'GET /api/v1/logs': oktaHandler(events) });
  cleanup.push(() => server.close());
}

describe('lakewatch collect', () => {
  it('pulls a configured OKTA source through ingestFiles, and only new events the next time', async () => {
    const events = oktaEvents();
    expect(events.length).toBeGreaterThan(2);
    await fakeOkta(events.slice(0, 2));
    const root = await lakeWith({
      okta: `name: okta\nmanaged:\n  type: OKTA\n  properties:\n    base_url: ${server.url}\n    start_time: "2000-01-01T00:00:00Z"\n    page_size: 1\n    poll_interval: 2m\n`,
      // a managed OKTA source without settings is not pulled (logs arrive as files)
      okta_files: `name: okta_files\nmanaged:\n  type: OKTA\n`,
    });
    const lakeDir = loadLakeDirectory(root);
    expect(pullSources(lakeDir).map((s) => s.logSource.name)).toEqual(['okta']);
    expect(isPullSource(lakeDir.logSources.find((s) => s.name === 'okta_files')!)).toBe(false);
    expect(pollIntervalMs(lakeDir.logSources.find((s) => s.name === 'okta')!)).toBe(120_000);
    const lake = await openLake({ root, namespace: lakeDir.project.namespace });
    cleanup.push(() => lake.close());
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const env = { LAKEWATCH_OKTA_API_TOKEN: TOKEN };
    const [first] = await collect(lake, lakeDir, [], { detect: false }, env);
    expect(first!.error).toBeUndefined();
    expect(first!.result).toMatchObject({ logSource: 'okta', collector: 'OKTA', pages: 3, records: 2 });
    expect(first!.result.committed + first!.result.deadLettered).toBe(2);

    server.route('GET /api/v1/logs', oktaHandler(events));
    const [second] = await collect(lake, lakeDir, ['okta'], { detect: false }, env);
    expect(second!.result.records).toBe(events.length - 2);
    const table = (await lake.listTables()).find((t) => t.includes('okta'))!;
    expect(await readTableRecords(lake, table)).toHaveLength(
      first!.result.committed + second!.result.committed,
    );
    const store = openCursorStore(path.join(lake.stateDir, 'catalog.db'));
    expect(store.get('okta')!.cursor).toMatchObject({
      next: `${server.url}/api/v1/logs?limit=1&after=${events.length}`,
    });
    store.close();

    const jobStore = openCursorStore(path.join(lake.stateDir, 'catalog.db'));
    cleanup.push(() => jobStore.close());
    const jobs = collectorJobs({
      lakeDir,
      stateDir: lake.stateDir,
      store: jobStore,
      sinkFor: () => async () => undefined,
      log: () => {},
    });
    expect(jobs.map((j) => [j.name, j.everyMs])).toEqual([['collect:okta', 120_000]]);
    process.env.LAKEWATCH_OKTA_API_TOKEN = TOKEN;
    cleanup.push(() => {
      delete process.env.LAKEWATCH_OKTA_API_TOKEN;
    });
    const summary = await jobs[0]!.run({
      signal: new AbortController().signal,
      exclusive: (_label, piece) => piece(),
      queue: { ingest: () => Promise.reject(new Error('unused')), exclusive: (_n, job) => job() },
    });
    expect(summary).toBe('pages=1 records=0 committed=0 dead_lettered=0');

    // --reset starts again at start_time: every page is pulled again, and the ingest ledger
    // knows each one (same bytes), so nothing is written twice
    const [again] = await collect(lake, lakeDir, ['okta'], { detect: false, reset: true }, env);
    expect(again!.result).toMatchObject({
      records: events.length,
      committed: 0,
      skippedPages: events.length,
    });
  });

  it('reports a failing source (bad token) and exits 1 after trying the others', async () => {
    await fakeOkta([]);
    const root = await lakeWith({
      okta: `name: okta\nmanaged:\n  type: OKTA\n  properties:\n    base_url: ${server.url}\n`,
    });
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const program = new Command('lakewatch').option('-d, --dir <path>').exitOverride();
    registerCollect(program, () => program.opts());
    process.env.LAKEWATCH_OKTA_API_TOKEN = 'bad-token';
    cleanup.push(() => {
      delete process.env.LAKEWATCH_OKTA_API_TOKEN;
    });
    await expect(
      program.parseAsync(['node', 'lakewatch', 'collect', '--no-detect', '--once', '--dir', root]),
    ).rejects.toThrow('1 of 1 collectors failed: okta');
    const text = out.join('');
    expect(text).toContain('failed okta (OKTA): 0 pages, 0 records');
    expect(text).toContain(
      'error          OKTA: authentication failed; check the API token in LAKEWATCH_OKTA_API_TOKEN',
    );
    expect(text).not.toContain('bad-token');
  });

  it('names what is wrong with a log source that has no collector', async () => {
    const root = await lakeWith({ app: 'name: app\n' });
    const lakeDir = loadLakeDirectory(root);
    expect(() => pullSources(lakeDir, ['app'])).toThrow('log source "app" has no pull collector');
    expect(() => pullSources(lakeDir, ['nope'])).toThrow('no log source named "nope"');
  });

  it('checks pulled sources without calling the API', async () => {
    const root = await lakeWith({
      duo: 'name: duo\nmanaged:\n  type: DUO\n  properties:\n    api_hostname: api-1234abcd.duosecurity.com\n    poll_interval: 5x\n',
      msft: 'name: msft\nmanaged:\n  type: MSFT\n  properties:\n    tenant_id: t\n    client_id: c\n',
    });
    const lakeDir = loadLakeDirectory(root);
    expect(checkPullSources(lakeDir, { LAKEWATCH_MSFT_CLIENT_SECRET: 'x' })).toEqual([
      {
        logSource: 'duo',
        level: 'error',
        message: 'log source "duo": managed.properties.poll_interval "5x" is not a duration like 5m or 1h',
      },
      {
        logSource: 'duo',
        level: 'error',
        message: 'log source "duo" (DUO): managed.properties.integration_key is required to pull it',
      },
      {
        logSource: 'duo',
        level: 'warning',
        message: 'log source "duo" (DUO): the environment variable LAKEWATCH_DUO_SECRET_KEY is not set',
      },
    ]);
  });

  it('shows cursors briefly', () => {
    expect(describeCursor({ next: 'https://x/api', seen: { a: 1, b: 2 } })).toBe(
      '{"next":"https://x/api","seen":"<2 ids>"}',
    );
    expect(describeCursor(undefined)).toBe('(none)');
  });
});
