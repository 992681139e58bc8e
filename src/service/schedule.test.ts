import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLakeDirectory, type LakeDirectory, type ServiceConfig } from '../config/index.js';
import { openLake, type Lake } from '../lake/index.js';
import { ingestFiles } from '../pipeline/index.js';
import { openQuerySession } from '../query/index.js';
import { LakewatchMetrics } from '../telemetry/metrics.js';
import { startSchedules, type ScheduleOptions, type Schedules } from './schedule.js';
import type { IngestQueue } from './types.js';

const APP_SOURCE = `
name: app
retention: 30d
ingest:
  format: json
schema:
  ecs_field_names: [message]
`;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function count(lake: Lake): Promise<number> {
  const session = await openQuerySession(lake);
  try {
    return Number((await session.query('SELECT count(*) AS n FROM app')).rows[0]![0]);
  } finally {
    await session.close();
  }
}

/** A lake whose `app` table got four small commits: two of events from 2020, two recent. */
async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lakewatch-schedule-'));
  writeFileSync(path.join(dir, 'lakewatch.config.yml'), 'name: test\n');
  mkdirSync(path.join(dir, 'log_sources', 'app'), { recursive: true });
  writeFileSync(path.join(dir, 'log_sources', 'app', 'log_source.yml'), APP_SOURCE);
  const lakeDir: LakeDirectory = loadLakeDirectory(dir);
  const lake = await openLake({ root: dir });
  cleanup.push(() => lake.close());
  const recent = new Date().toISOString();
  for (const [k, ts] of ['2020-01-01T00:00:00Z', '2020-01-01T01:00:00Z', recent, recent].entries()) {
    const file = path.join(dir, `in-${k}.jsonl`);
    writeFileSync(file, `{"@timestamp":"${ts}","message":"m${k}"}\n`);
    await ingestFiles({
      lake,
      lakeDir,
      logSource: 'app',
      inputs: [{ path: file, size: statSync(file).size, mtimeMs: Math.trunc(statSync(file).mtimeMs) }],
      workers: 1,
    });
  }
  // The service's queue: one job at a time; this one records what ran exclusively.
  const exclusive: string[] = [];
  const hooks: { exclusive?: (name: string) => void } = {};
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job);
    tail = result.catch(() => undefined);
    return result;
  };
  const queue: IngestQueue = {
    ingest: () => Promise.reject(new Error('no ingest in this test')),
    exclusive: (name, job) =>
      serial(async () => {
        exclusive.push(name);
        hooks.exclusive?.(name);
        return job();
      }),
  };
  const metrics = new LakewatchMetrics({ defaultMetrics: false });
  const logs: string[] = [];
  const start = (schedules: ServiceConfig['schedules'], more: Partial<ScheduleOptions> = {}): Schedules => {
    const s = startSchedules({
      lake,
      lakeDir,
      queue,
      schedules,
      metrics,
      log: (l) => logs.push(l),
      maxJitterMs: () => 5,
      ...more,
    });
    cleanup.push(() => s.stop());
    return s;
  };
  return { lake, lakeDir, exclusive, hooks, metrics, logs, start };
}

async function runs(metrics: LakewatchMetrics): Promise<Record<string, number>> {
  const { values } = await metrics.maintenanceRuns.get();
  return Object.fromEntries(values.map((v) => [`${v.labels.job}:${v.labels.outcome}`, v.value]));
}

describe('startSchedules', () => {
  it('runs compaction, snapshot expiry and retention after their interval, each table through exclusive', async () => {
    const h = await setup();
    expect(await count(h.lake)).toBe(4);
    const s = h.start({ compaction: 40, expireSnapshots: 50, retention: 60 });
    // Nothing runs at start.
    expect(h.exclusive).toEqual([]);
    expect(s.status().map((j) => [j.job, j.everyMs, j.lastRunAt, j.lastOutcome])).toEqual([
      ['compaction', 40, null, null],
      ['expire_snapshots', 50, null, null],
      ['retention', 60, null, null],
    ]);
    expect(s.status().every((j) => j.nextRunAt !== null && Date.parse(j.nextRunAt) > 0)).toBe(true);
    await vi.waitFor(() => expect(s.status().map((j) => j.lastOutcome)).toEqual(['ok', 'ok', 'ok']), {
      timeout: 60_000,
    });
    expect(new Set(h.exclusive)).toEqual(
      new Set([
        'compaction:app',
        'compaction:lakewatch_dead_letters',
        'compaction:lakewatch_conform_warnings',
        'expire_snapshots:app',
        'expire_snapshots:lakewatch_dead_letters',
        'expire_snapshots:lakewatch_conform_warnings',
        'expire_snapshots:ingest_history',
        'retention:app',
      ]),
    );
    // Retention (30d) dropped the 2020 files; compaction and expiry kept every recent row.
    await vi.waitFor(async () => expect(await count(h.lake)).toBe(2), { timeout: 60_000 });
    const logs = h.logs.join('\n');
    expect(logs).toMatch(/schedule: compaction ok in \d+ ms: app: compact: /);
    expect(logs).toMatch(/schedule: expire_snapshots ok in \d+ ms: app: expire: .*, orphans: /);
    expect(logs).toMatch(/schedule: retention ok in \d+ ms: app: retention\(30d\): .*deletedFiles=2/);
    const counted = await runs(h.metrics);
    expect(counted['compaction:ok']).toBeGreaterThanOrEqual(1);
    expect(counted['retention:ok']).toBeGreaterThanOrEqual(1);
  });

  it('snapshot expiry keeps the snapshots younger than service.snapshot_max_age', async () => {
    const h = await setup();
    const snapshots = async () => (await h.lake.describeTable('app')).snapshots.length;
    expect(h.lakeDir.project.service.snapshotMaxAgeMs).toBe(30 * 60_000);
    expect(await snapshots()).toBe(4);
    const onlyExpiry = { compaction: null, expireSnapshots: 20, retention: null };
    // Default (30m): the four commits of a moment ago all stay.
    const kept = h.start(onlyExpiry);
    await vi.waitFor(() => expect(kept.status()[0]!.lastOutcome).toBe('ok'), { timeout: 60_000 });
    await kept.stop();
    expect(await snapshots()).toBe(4);
    // snapshot_max_age of 1 ms: only the newest stays; the ingest history keeps all four commits.
    const service = { ...h.lakeDir.project.service, snapshotMaxAgeMs: 1 };
    const lakeDir = { ...h.lakeDir, project: { ...h.lakeDir.project, service } };
    const short = h.start(onlyExpiry, { lakeDir });
    await vi.waitFor(() => expect(short.status()[0]!.lastOutcome).toBe('ok'), { timeout: 60_000 });
    await short.stop();
    expect(await snapshots()).toBe(1);
    expect(await h.lake.ingestHistory({ sinceMs: 0, tables: ['app'] })).toHaveLength(4);
    expect(h.logs.join('\n')).toMatch(/expire_snapshots ok in \d+ ms: app: expire: expiredSnapshots=3/);
  });

  it('a job whose interval is null is off', async () => {
    const h = await setup();
    const s = h.start({ compaction: null, expireSnapshots: null, retention: 30 });
    expect(s.status().map((j) => j.job)).toEqual(['retention']);
    await vi.waitFor(() => expect(s.status()[0]!.lastOutcome).toBe('ok'), { timeout: 60_000 });
    expect(new Set(h.exclusive)).toEqual(new Set(['retention:app']));
  });

  it('counts and logs a failed run, and runs the job again at its next turn', async () => {
    const h = await setup();
    let failures = 1;
    h.hooks.exclusive = (name) => {
      if (name === 'compaction:app' && failures-- > 0) throw new Error('catalog is locked');
    };
    const s = h.start({ compaction: 30, expireSnapshots: null, retention: null });
    await vi.waitFor(() => expect(s.status()[0]!.lastOutcome).toBe('failed: app: catalog is locked'), {
      timeout: 60_000,
    });
    expect(h.logs.join('\n')).toMatch(
      /schedule: compaction failed \(next run in about 0 s\): app: catalog is locked/,
    );
    await vi.waitFor(() => expect(s.status()[0]!.lastOutcome).toBe('ok'), { timeout: 60_000 });
    const counted = await runs(h.metrics);
    expect(counted['compaction:failed']).toBe(1);
    expect(counted['compaction:ok']).toBeGreaterThanOrEqual(1);
  });

  it('runs jobs passed in `jobs`; stop() waits for the running one and nothing runs after', async () => {
    const h = await setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    let finished = 0;
    const s = h.start(
      { compaction: null, expireSnapshots: null, retention: null },
      {
        jobs: [
          {
            name: 'pull_okta',
            everyMs: 20,
            run: async (ctx) => {
              started++;
              expect(ctx.signal.aborted).toBe(false);
              await gate;
              finished++;
              return 'pulled 0 records';
            },
          },
        ],
      },
    );
    await vi.waitFor(() => expect(started).toBe(1), { timeout: 60_000 });
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(1);
    expect(s.status()[0]).toMatchObject({ job: 'pull_okta', lastOutcome: 'ok', nextRunAt: null });
    expect(h.logs).toContainEqual(
      expect.stringMatching(/schedule: pull_okta ok in \d+ ms: pulled 0 records/),
    );
    expect(started).toBe(1);
  });

  it('rejects an interval that is not a positive number', async () => {
    const h = await setup();
    expect(() =>
      h.start(
        { compaction: null, expireSnapshots: null, retention: null },
        { jobs: [{ name: 'bad', everyMs: 0, run: async () => undefined }] },
      ),
    ).toThrow(/schedule "bad": interval must be a positive number of ms, got 0/);
  });
});
