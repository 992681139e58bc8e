/**
 * Drop folders against a real lake: files go through `ingestFiles` (the ingest ledger included)
 * behind a tiny serial queue, rows are read back with SQL.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLakeDirectory, type LakeDirectory } from '../../config/index.js';
import { openLake, type Lake } from '../../lake/index.js';
import { ingestFiles, type InputFile, type IngestSummary } from '../../pipeline/index.js';
import type { IngestQueue } from '../../service/types.js';
import { openQuerySession } from '../../query/index.js';
import { LakewatchMetrics } from '../../telemetry/metrics.js';
import { startDropWatcher, type DropWatcher, type DropWatcherOptions } from './watcher.js';

const APP_SOURCE = `
name: app
ingest:
  format: json
schema:
  ecs_field_names: [event.action, message]
  fields:
    - name: n
      type: long
`;

const SETTLE_MS = 200;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

interface Harness {
  dir: string;
  lake: Lake;
  lakeDir: LakeDirectory;
  drop: string;
  archive: string;
  /** Paths handed to each `ingest` call. */
  calls: string[][];
  logs: string[];
  metrics: LakewatchMetrics;
  /** Runs before each ingest (may throw, or wait). */
  before: { hook?: (inputs: InputFile[]) => Promise<void> | void };
  start(overrides?: Partial<DropWatcherOptions>): DropWatcher;
  count(): Promise<number>;
}

async function queryRows(lake: Lake, sql: string): Promise<Record<string, unknown>[]> {
  const session = await openQuerySession(lake);
  try {
    const result = await session.query(sql);
    return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
  } finally {
    await session.close();
  }
}

async function setup(): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lakewatch-drop-'));
  writeFileSync(path.join(dir, 'lakewatch.config.yml'), 'name: test\n');
  mkdirSync(path.join(dir, 'log_sources', 'app'), { recursive: true });
  writeFileSync(path.join(dir, 'log_sources', 'app', 'log_source.yml'), APP_SOURCE);
  const lakeDir = loadLakeDirectory(dir);
  const lake = await openLake({ root: dir });
  cleanup.push(() => lake.close());
  const calls: string[][] = [];
  const logs: string[] = [];
  const before: Harness['before'] = {};
  // The service's queue runs one job at a time; this one does the same with the real pipeline.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job);
    tail = result.catch(() => undefined);
    return result;
  };
  const queue: IngestQueue = {
    ingest: (logSource, inputs) =>
      serial(async (): Promise<IngestSummary> => {
        calls.push(inputs.map((i) => i.path));
        await before.hook?.(inputs);
        return ingestFiles({ lake, lakeDir, logSource, inputs, workers: 1 });
      }),
    exclusive: (_name, job) => serial(job),
  };
  const metrics = new LakewatchMetrics({ defaultMetrics: false });
  const drop = path.join(dir, 'drop');
  const archive = path.join(dir, 'drop', '.archive');
  return {
    dir,
    lake,
    lakeDir,
    drop,
    archive,
    calls,
    logs,
    metrics,
    before,
    start(overrides = {}) {
      const watcher = startDropWatcher({
        root: drop,
        logSources: ['app'],
        settleMs: SETTLE_MS,
        afterIngest: 'archive',
        archivePath: archive,
        queue,
        metrics,
        log: (line) => logs.push(line),
        ...overrides,
      });
      cleanup.push(() => watcher.stop());
      return watcher;
    },
    async count() {
      const tables = await lake.listTables();
      if (!tables.includes('app')) return 0;
      const [row] = await queryRows(lake, 'SELECT count(*)::INTEGER AS n FROM app');
      return row!.n as number;
    },
  };
}

const lines = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) =>
    JSON.stringify({ n: from + i, message: `line ${from + i}` }),
  ).join('\n') + '\n';

/** Every file below `dir`, relative, sorted. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

async function dropFileCounts(metrics: LakewatchMetrics): Promise<Record<string, number>> {
  const { values } = await metrics.dropFiles.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
}

const today = () => new Date().toISOString().slice(0, 10);

describe('drop watcher', () => {
  it('ingests a dropped file once, archives it under <log_source>/<day>/<relative path>', async () => {
    const h = await setup();
    const watcher = h.start();
    mkdirSync(path.join(h.drop, 'app', 'sub'), { recursive: true });
    writeFileSync(path.join(h.drop, 'app', 'sub', 'a.jsonl'), lines(0, 3));
    writeFileSync(path.join(h.drop, 'app', 'b.jsonl'), lines(3, 5));
    await vi.waitFor(() => expect(filesBelow(path.join(h.drop, 'app'))).toEqual([]), { timeout: 30_000 });
    expect(await h.count()).toBe(5);
    expect(
      (await queryRows(h.lake, 'SELECT n, message FROM app ORDER BY n')).map((r) => Number(r.n)),
    ).toEqual([0, 1, 2, 3, 4]);
    // Each file went in once (together when they settled in the same poll).
    expect(h.calls.flat().sort()).toEqual([
      path.join(h.drop, 'app', 'b.jsonl'),
      path.join(h.drop, 'app', 'sub', 'a.jsonl'),
    ]);
    const day = filesBelow(path.join(h.archive, 'app'))[0]!.split(path.sep)[0]!;
    expect([today(), new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)]).toContain(day);
    expect(filesBelow(path.join(h.archive, 'app'))).toEqual([`${day}/b.jsonl`, `${day}/sub/a.jsonl`]);
    expect(await dropFileCounts(h.metrics)).toEqual({ ingested: 2 });
    const [status] = watcher.status();
    expect(status).toMatchObject({
      logSource: 'app',
      dropFolder: path.join(h.drop, 'app'),
      pendingFiles: 0,
      lastError: null,
    });
    expect(status!.lastIngestAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('deletes the file after the commit in delete mode', async () => {
    const h = await setup();
    h.start({ afterIngest: 'delete' });
    writeFileSync(path.join(h.drop, 'app', 'a.jsonl'), lines(0, 4));
    await vi.waitFor(() => expect(filesBelow(path.join(h.drop, 'app'))).toEqual([]), { timeout: 30_000 });
    expect(await h.count()).toBe(4);
    expect(existsSync(h.archive)).toBe(false);
  });

  it('waits for a file written slowly, in appends with pauses shorter than the settle time', async () => {
    const h = await setup();
    const settleMs = 1500;
    h.start({ settleMs });
    const file = path.join(h.drop, 'app', 'slow.jsonl');
    writeFileSync(file, lines(0, 10));
    for (let k = 1; k < 6; k++) {
      await new Promise((r) => setTimeout(r, settleMs / 10));
      appendFileSync(file, lines(k * 10, k * 10 + 10));
    }
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    expect(h.calls).toEqual([[file]]);
    expect(await h.count()).toBe(60);
  });

  it('does not take a gzip file whose stream has no end yet, then takes it whole', async () => {
    const h = await setup();
    const watcher = h.start();
    const gz = gzipSync(Buffer.from(lines(0, 2000)));
    const file = path.join(h.drop, 'app', 'big.jsonl.gz');
    writeFileSync(file, gz.subarray(0, gz.length >> 1));
    await vi.waitFor(
      () => expect(h.logs.join('\n')).toMatch(/big\.jsonl\.gz: gzip stream has no end yet; waiting/),
      {
        timeout: 30_000,
      },
    );
    expect(h.calls).toEqual([]);
    expect(watcher.status()[0]!.pendingFiles).toBe(1);
    appendFileSync(file, gz.subarray(gz.length >> 1));
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    expect(h.calls).toEqual([[file]]);
    expect(await h.count()).toBe(2000);
    const [dl] = await queryRows(h.lake, 'SELECT count(*)::INTEGER AS n FROM lakewatch_dead_letters').catch(
      () => [{ n: 0 }],
    );
    expect(dl!.n).toBe(0);
  });

  it('an empty file waits longer: a writer that creates it, pauses, then fills it loses nothing', async () => {
    const h = await setup();
    const watcher = h.start();
    const file = path.join(h.drop, 'app', 'later.jsonl');
    writeFileSync(file, '');
    await vi.waitFor(() => expect(watcher.status()[0]!.pendingFiles).toBe(1), { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 3 * SETTLE_MS)); // the writer's pause, longer than settleMs
    writeFileSync(file, lines(0, 5));
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    expect(h.calls).toEqual([[file]]);
    expect(await h.count()).toBe(5);
  });

  it('a gzip file left truncated is ingested as it is after incompleteTimeoutMs (never stuck)', async () => {
    const h = await setup();
    h.start({ incompleteTimeoutMs: 300 });
    const gz = gzipSync(Buffer.from(lines(0, 2000)));
    const file = path.join(h.drop, 'app', 'abandoned.jsonl.gz');
    writeFileSync(file, gz.subarray(0, gz.length >> 1));
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    expect(h.logs.join('\n')).toMatch(
      /abandoned\.jsonl\.gz: unchanged for \d+ s and still gzip stream has no end yet; ingesting it as it is/,
    );
    const committed = await h.count();
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(2000);
    const dead = await queryRows(h.lake, 'SELECT reason FROM lakewatch_dead_letters');
    expect(dead.map((r) => r.reason)).toContainEqual(expect.stringMatching(/gzip stream is truncated/));
  });

  it('keeps a file whose ingest fails, retries it, and ingests it once', async () => {
    const h = await setup();
    let failures = 2;
    h.before.hook = () => {
      if (failures-- > 0) throw new Error('lake unavailable');
    };
    const watcher = h.start();
    const file = path.join(h.drop, 'app', 'retry.jsonl');
    writeFileSync(file, lines(0, 7));
    await vi.waitFor(
      () => expect(watcher.status()[0]!.lastError).toMatch(/retry\.jsonl: ingest failed: lake unavailable/),
      {
        timeout: 30_000,
      },
    );
    expect(existsSync(file)).toBe(true);
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    expect(h.calls).toEqual([[file], [file], [file]]);
    expect(await h.count()).toBe(7);
    expect(await dropFileCounts(h.metrics)).toEqual({ failed: 2, ingested: 1 });
    expect(h.logs.filter((l) => l.includes('ingest failed'))).toEqual([
      expect.stringMatching(/retry\.jsonl: ingest failed: lake unavailable \(attempt 1\); kept, retrying in/),
      expect.stringMatching(/\(attempt 2\)/),
    ]);
    expect(watcher.status()[0]).toMatchObject({ pendingFiles: 0, lastError: null });
  });

  it('a file failing inside a batch is retried alone, so it cannot hold back the others', async () => {
    const h = await setup();
    h.before.hook = (inputs) => {
      if (inputs.some((i) => i.path.endsWith('poison.jsonl'))) throw new Error('cannot read poison');
    };
    h.start({ maxBackoffMs: 100 });
    writeFileSync(path.join(h.drop, 'app', 'good.jsonl'), lines(0, 2));
    writeFileSync(path.join(h.drop, 'app', 'poison.jsonl'), lines(2, 3));
    await vi.waitFor(() => expect(filesBelow(path.join(h.drop, 'app'))).toEqual(['poison.jsonl']), {
      timeout: 30_000,
    });
    expect(await h.count()).toBe(2);
  });

  it('after a restart, a file committed but not yet archived is archived without duplicate rows', async () => {
    const h = await setup();
    const file = path.join(h.drop, 'app', 'crash.jsonl');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, lines(0, 6));
    // The earlier process committed it, then died before moving it.
    const s = statSync(file);
    await ingestFiles({
      lake: h.lake,
      lakeDir: h.lakeDir,
      logSource: 'app',
      inputs: [{ path: file, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) }],
      workers: 1,
    });
    expect(await h.count()).toBe(6);
    h.start();
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    expect(await h.count()).toBe(6);
    expect(h.logs.join('\n')).toMatch(/1 file\(s\) committed: 0 events, 0 dead-lettered, 1 already ingested/);
    expect(filesBelow(path.join(h.archive, 'app'))).toHaveLength(1);
  });

  it('stop() waits for the ingest in flight; a new watcher resumes with files already there', async () => {
    const h = await setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    h.before.hook = () => gate;
    const first = h.start();
    const a = path.join(h.drop, 'app', 'a.jsonl');
    writeFileSync(a, lines(0, 3));
    await vi.waitFor(() => expect(h.calls).toHaveLength(1), { timeout: 30_000 });
    let stopped = false;
    const stopping = first.stop().then(() => (stopped = true));
    const b = path.join(h.drop, 'app', 'b.jsonl');
    writeFileSync(b, lines(3, 5));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    // The commit in flight finished and its file was archived; nothing else was taken.
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(true);
    expect(await h.count()).toBe(3);
    h.before.hook = undefined;
    h.start();
    await vi.waitFor(() => expect(existsSync(b)).toBe(false), { timeout: 30_000 });
    expect(await h.count()).toBe(5);
    expect(h.calls).toEqual([[a], [b]]);
  });

  it('ignores hidden and in-progress names; takes a file renamed into place', async () => {
    const h = await setup();
    h.start();
    const app = path.join(h.drop, 'app');
    mkdirSync(path.join(app, '.staging'), { recursive: true });
    const ignored = [
      '.hidden.jsonl',
      '.staging/x.jsonl',
      'y.jsonl.tmp',
      'z.part',
      'w.partial',
      'v.crdownload',
      'u.jsonl~',
    ];
    for (const name of ignored) writeFileSync(path.join(app, name), lines(100, 101));
    writeFileSync(path.join(app, 'r.jsonl.tmp'), lines(0, 4));
    renameSync(path.join(app, 'r.jsonl.tmp'), path.join(app, 'r.jsonl'));
    await vi.waitFor(() => expect(existsSync(path.join(app, 'r.jsonl'))).toBe(false), { timeout: 30_000 });
    expect(h.calls).toEqual([[path.join(app, 'r.jsonl')]]);
    expect(await h.count()).toBe(4);
    expect(filesBelow(app)).toEqual(ignored.map((n) => n.replace('/', path.sep)).sort());
  });

  it('a file whose lines are all bad still commits (to the dead letters) and is archived', async () => {
    const h = await setup();
    h.start();
    const file = path.join(h.drop, 'app', 'bad.jsonl');
    writeFileSync(file, 'not json\nnor this\n');
    await vi.waitFor(() => expect(existsSync(file)).toBe(false), { timeout: 30_000 });
    const dead = await queryRows(h.lake, 'SELECT input, line FROM lakewatch_dead_letters ORDER BY line');
    expect(dead.map((r) => [r.input, Number(r.line)])).toEqual([
      [file, 1],
      [file, 2],
    ]);
    expect(filesBelow(path.join(h.archive, 'app'))).toHaveLength(1);
  });

  it('creates a folder per log source and says once about folders that are no log source', async () => {
    const h = await setup();
    mkdirSync(path.join(h.drop, 'nosuchsource'), { recursive: true });
    writeFileSync(path.join(h.drop, 'stray.jsonl'), lines(0, 1));
    h.start();
    expect(existsSync(path.join(h.drop, 'app'))).toBe(true);
    await vi.waitFor(() => expect(h.logs.filter((l) => l.includes('not'))).toHaveLength(2), {
      timeout: 30_000,
    });
    expect(h.logs.join('\n')).toMatch(/nosuchsource is not a log source's folder/);
    expect(h.logs.join('\n')).toMatch(/stray\.jsonl is not inside a log source's folder/);
  });
});
