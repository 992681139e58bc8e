import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../../config/index.js';
import { readTableRecords } from '../../detect/records.js';
import { openLake, type Lake } from '../../lake/index.js';
import { ingestFiles } from '../../pipeline/index.js';
import { CollectorBusyError, collectDir, runCollector, type CollectorSink } from './runner.js';
import { hostname } from 'node:os';
import { leaseOwner, openCursorStore, type CursorStore } from './state.js';
import { testContext } from './test-helpers/context.js';
import type { Collector, PulledPage } from './types.js';

const SOURCE = `
name: fake
schema:
  ecs_field_names: [message, event.id]
  fields:
    - { name: n, type: long }
`;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'lw-collect-'));
  writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
  mkdirSync(path.join(root, 'log_sources', 'fake'), { recursive: true });
  writeFileSync(path.join(root, 'log_sources', 'fake', 'log_source.yml'), SOURCE);
  const lakeDir = loadLakeDirectory(root);
  const lake = await openLake({ root, namespace: lakeDir.project.namespace });
  const store = openCursorStore(path.join(lake.stateDir, 'catalog.db'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cleanup.push(() => lake.close());
  cleanup.push(() => store.close());
  const sink: CollectorSink = ({ logSource, table, input }) =>
    ingestFiles({ lake, lakeDir, logSource, inputs: [input], table, workers: 1 });
  return { root, lakeDir, lake, store, sink };
}

/** A collector over a fixed list of pages; the cursor is the index of the next page. */
function fakeCollector(pages: { records: unknown[] }[]): Collector {
  return {
    type: 'FAKE',
    async *pull(cursor) {
      for (let i = (cursor as number | undefined) ?? 0; i < pages.length; i++)
        yield { table: 'default', records: pages[i]!.records, cursor: i + 1 } satisfies PulledPage;
    },
  };
}

const rec = (n: number) => ({ n, message: `event ${n} — ünïcode`, event: { id: `id-${n}` } });

async function rows(lake: Lake): Promise<number[]> {
  return (await readTableRecords(lake, 'fake'))
    .map((j) => (JSON.parse(j) as { n: number }).n)
    .sort((a, b) => a - b);
}

describe('runCollector', () => {
  it('ingests each page, saves its cursor, deletes the staged file; empty pages only move the cursor', async () => {
    const { lake, store, sink } = await setup();
    const pages = [{ records: [rec(1), rec(2)] }, { records: [] }, { records: [rec(3)] }];
    const ctx = testContext({ collector: 'FAKE' });
    const seen: number[] = [];
    const sinkCalls: string[] = [];
    const result = await runCollector({
      logSource: 'fake',
      collector: fakeCollector(pages),
      ctx,
      store,
      stateDir: lake.stateDir,
      sink: async (args) => {
        sinkCalls.push(args.input.identity!);
        expect(args.table).toBe('default');
        expect(args.input.path.startsWith(collectDir(lake.stateDir, 'fake'))).toBe(true);
        return sink(args);
      },
      onPage: (r) => seen.push(r.pages),
    });
    expect(result).toMatchObject({
      pages: 3,
      records: 3,
      committed: 3,
      deadLettered: 0,
      skippedPages: 0,
      cursor: 3,
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(sinkCalls).toHaveLength(2);
    expect(sinkCalls[0]).toMatch(/^fake:collector:default:[0-9a-f]{64}$/);
    expect(store.get('fake')).toMatchObject({ collector: 'FAKE', cursor: 3 });
    expect(readdirSync(collectDir(lake.stateDir, 'fake'))).toEqual([]);
    expect(await rows(lake)).toEqual([1, 2, 3]);

    // next run: nothing new
    const again = await runCollector({
      logSource: 'fake',
      collector: fakeCollector(pages),
      ctx,
      store,
      sink,
      stateDir: lake.stateDir,
    });
    expect(again).toMatchObject({ pages: 0, records: 0, cursor: 3 });
  });

  it('a crash between the commit and the cursor save re-pulls the page, which the ledger skips', async () => {
    const { lake, store, sink } = await setup();
    const pages = [{ records: [rec(1)] }, { records: [rec(2), rec(3)] }, { records: [rec(4)] }];
    const ctx = testContext({ collector: 'FAKE' });
    let saves = 0;
    const crashing: CursorStore = {
      ...store,
      save(logSource, collector, cursor) {
        if (++saves === 2) throw new Error('killed before the cursor was saved');
        store.save(logSource, collector, cursor);
      },
    };
    await expect(
      runCollector({
        logSource: 'fake',
        collector: fakeCollector(pages),
        ctx,
        store: crashing,
        sink,
        stateDir: lake.stateDir,
      }),
    ).rejects.toThrow('killed');
    expect(store.get('fake')!.cursor).toBe(1);
    expect(await rows(lake)).toEqual([1, 2, 3]);
    // a leftover staged file (as a killed process would leave it) is removed by the next run
    writeFileSync(path.join(collectDir(lake.stateDir, 'fake'), 'default-1-00000.ndjson'), '{"n": 99}\n');

    const result = await runCollector({
      logSource: 'fake',
      collector: fakeCollector(pages),
      ctx,
      store,
      sink,
      stateDir: lake.stateDir,
    });
    expect(result).toMatchObject({ pages: 2, records: 3, committed: 1, skippedPages: 1, cursor: 3 });
    expect(await rows(lake)).toEqual([1, 2, 3, 4]);
    expect(readdirSync(collectDir(lake.stateDir, 'fake'))).toEqual([]);
  });

  it("ignores another collector type's cursor", async () => {
    const { lake, store, sink } = await setup();
    store.save('fake', 'OTHER', 2);
    const ctx = testContext({ collector: 'FAKE' });
    const result = await runCollector({
      logSource: 'fake',
      collector: fakeCollector([{ records: [rec(1)] }, { records: [rec(2)] }]),
      ctx,
      store,
      sink,
      stateDir: lake.stateDir,
    });
    expect(result.records).toBe(2);
    expect(ctx.logs[0]).toContain("the saved cursor is a OTHER collector's");
  });

  it('a record the pipeline rejects is dead-lettered, the rest commits', async () => {
    const { lake, store, sink } = await setup();
    const ctx = testContext({ collector: 'FAKE' });
    const result = await runCollector({
      logSource: 'fake',
      collector: fakeCollector([{ records: [rec(1), 'not an object', rec(2)] }]),
      ctx,
      store,
      sink,
      stateDir: lake.stateDir,
    });
    expect(result).toMatchObject({ records: 3, committed: 2, deadLettered: 1 });
  });
});

describe('stopping', () => {
  it('an aborted signal stops between pages; the pages committed so far keep their cursor', async () => {
    const { lake, store, sink } = await setup();
    const controller = new AbortController();
    const ctx = { ...testContext({ collector: 'FAKE' }), signal: controller.signal };
    const pages = [{ records: [rec(1)] }, { records: [rec(2)] }, { records: [rec(3)] }];
    const err = await runCollector({
      logSource: 'fake',
      collector: fakeCollector(pages),
      ctx,
      store,
      stateDir: lake.stateDir,
      sink: async (args) => {
        const s = await sink(args);
        if (args.input.path && (await rows(lake)).length === 2)
          controller.abort(new Error('service stopping'));
        return s;
      },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('service stopping');
    expect(store.get('fake')!.cursor).toBe(2);
    expect(await rows(lake)).toEqual([1, 2]);
    // the lease was released: the next run goes on
    const next = await runCollector({
      logSource: 'fake',
      collector: fakeCollector(pages),
      ctx: testContext({ collector: 'FAKE' }),
      store,
      sink,
      stateDir: lake.stateDir,
    });
    expect(next.records).toBe(1);
  });
});

describe('pull leases', () => {
  it('one process pulls a log source at a time; a lease of an exited process or an expired one is taken over', async () => {
    const { lake, store, sink } = await setup();
    const ctx = testContext({ collector: 'FAKE' });
    const other = `${hostname()}:${process.pid}:other`;
    expect(store.acquire('fake', other, 60_000)).toEqual({ ok: true });
    const run = () =>
      runCollector({
        logSource: 'fake',
        collector: fakeCollector([{ records: [rec(1)] }]),
        ctx,
        store,
        sink,
        stateDir: lake.stateDir,
      });
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorBusyError);
    expect((err as Error).message).toContain(
      `log source "fake" is being pulled by another process (${other}`,
    );
    // expired
    expect(store.renew('fake', other, -1)).toBe(true);
    expect((await run()).records).toBe(1);
    // released after the run
    const mine = leaseOwner();
    expect(store.acquire('fake', mine, 60_000)).toEqual({ ok: true });
    store.release('fake', mine);
    // held by a process of this host that has exited (no pid is that high: pid_max ≤ 2^22)
    expect(store.acquire('fake2', `${hostname()}:4194999:dead`, 60_000)).toEqual({ ok: true });
    expect(store.acquire('fake2', leaseOwner(), 60_000)).toEqual({ ok: true });
    // a live one of another host is respected
    expect(store.acquire('fake3', 'elsewhere.example:1:abc', 60_000)).toEqual({ ok: true });
    expect(store.acquire('fake3', leaseOwner(), 60_000)).toMatchObject({
      ok: false,
      holder: { owner: 'elsewhere.example:1:abc' },
    });
  });
});

describe('openCursorStore', () => {
  it('keeps one JSON cursor per log source', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lw-cursors-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'catalog.db');
    let t = 1000;
    const store = openCursorStore(file, () => t);
    expect(store.get('okta')).toBeUndefined();
    store.save('okta', 'OKTA', { next: 'https://example.okta.com/api/v1/logs?after=1', seen: { a: 1 } });
    t = 2000;
    store.save('duo', 'DUO', { auth: { from: 1 } });
    store.save('okta', 'OKTA', { next: 'https://example.okta.com/api/v1/logs?after=2', seen: {} });
    store.close();

    const db = new Database(file);
    cleanup.push(() => {
      db.close();
    });
    const again = openCursorStore(db);
    expect(again.get('okta')).toEqual({
      collector: 'OKTA',
      cursor: { next: 'https://example.okta.com/api/v1/logs?after=2', seen: {} },
      updatedAt: 2000,
    });
    expect(again.list().map((c) => c.logSource)).toEqual(['duo', 'okta']);
    expect(again.reset('duo')).toBe(true);
    expect(again.reset('duo')).toBe(false);
    const cols = db.prepare(`PRAGMA table_info(lakewatch_collector_cursors)`).all() as {
      name: string;
      pk: number;
    }[];
    expect(cols.map((c) => c.name)).toEqual(['log_source', 'collector', 'cursor', 'updated_at']);
    expect(cols.find((c) => c.pk)!.name).toBe('log_source');
  });
});
