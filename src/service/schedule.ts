/**
 * Jobs the service runs every so often: compaction, snapshot expiry and retention (the same
 * steps as `lakewatch maintain`, which calls the step functions below), and later pull
 * collectors, enrichment refresh and scheduled detections, which only need to be a
 * `ScheduledJob` passed in `jobs`.
 *
 * Each job waits its interval (plus a small random jitter, so jobs of equal interval and
 * several services do not fire together) before its first run and after the end of each run:
 * a slow run delays the next one rather than piling up. Maintenance works one table at a time,
 * each through `queue.exclusive`, so it never races an ingest commit and never holds ingest
 * back for longer than one table. Errors are logged and counted
 * (`lakewatch_maintenance_runs_total{outcome="failed"}`); the job runs again at its next turn.
 */
import type { LakeDirectory, ServiceConfig } from '../config/index.js';
import { INGEST_HISTORY_MAX_AGE_MS, type Lake } from '../lake/index.js';
import type { LakewatchMetrics } from '../telemetry/metrics.js';
import type { IngestQueue, ServiceStatus } from './types.js';

// ---------------------------------------------------------------------------------------------
// Maintenance steps, shared with `lakewatch maintain` (src/cli/commands/maintenance.ts).

/** Files younger than this may belong to an ingest still running; orphan cleanup leaves them. */
export const ORPHAN_MIN_AGE_MS = 24 * 3_600_000;

/** `key=value` pairs of a maintenance result's scalar fields (arrays as their length). */
export function describeResult(result: object): string {
  return Object.entries(result)
    .filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v) || Array.isArray(v))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.length : String(v)}`)
    .join(' ');
}

/** Applies the table's configured `retention`; null when it has none. */
export async function retentionStep(
  lake: Lake,
  lakeDir: LakeDirectory,
  table: string,
): Promise<string | null> {
  const retention = lakeDir.tables.find((t) => t.name === table)?.retention;
  if (!retention) return null;
  const result = await lake.applyRetention(table, { retentionMs: retention.ms });
  return `retention(${retention.text}): ${describeResult(result)}`;
}

export async function compactStep(lake: Lake, table: string): Promise<string> {
  return `compact: ${describeResult(await lake.compact(table))}`;
}

/**
 * Expires snapshots older than `snapshotAgeMs` (keeping the newest), then removes files no
 * snapshot references that are older than a day (left by an ingest that crashed).
 */
export async function expiryStep(lake: Lake, table: string, snapshotAgeMs: number): Promise<string[]> {
  const now = Date.now();
  const expired = await lake.expireSnapshots(table, { beforeMs: now - snapshotAgeMs, retainLast: 1 });
  const orphans = await lake.removeOrphanFiles(table, { beforeMs: now - ORPHAN_MIN_AGE_MS });
  return [`expire: ${describeResult(expired)}`, `orphans: ${describeResult(orphans)}`];
}

// ---------------------------------------------------------------------------------------------
// Scheduling.

export interface JobContext {
  /** Runs one piece of the job between ingests (`queue.exclusive`); `label` names it in the queue. */
  exclusive<T>(label: string, piece: () => Promise<T>): Promise<T>;
  /** For jobs that bring data in (pull collectors): `queue.ingest`. Never call it inside `exclusive`. */
  queue: IngestQueue;
  /** Aborted when the service stops: a long job should return between pieces. */
  signal: AbortSignal;
}

export interface ScheduledJob {
  /** Shown in status, logs and the `job` label of the metric. */
  name: string;
  everyMs: number;
  /** Delay before the first run (plus jitter); default `everyMs`. Pull collectors start soon after start-up. */
  firstRunMs?: number;
  /** Does the work; may return a one-line summary for the log. */
  run(ctx: JobContext): Promise<string | void>;
}

export interface ScheduleOptions {
  lake: Lake;
  lakeDir: LakeDirectory;
  queue: IngestQueue;
  schedules: ServiceConfig['schedules'];
  metrics: LakewatchMetrics;
  log: (line: string) => void;
  /** More jobs (pull collectors, enrichment refresh, scheduled detections). */
  jobs?: ScheduledJob[];
  /** Largest random delay added to each wait; default 10 % of the interval, at most 30 s. */
  maxJitterMs?: (everyMs: number) => number;
}

export interface Schedules {
  /** Clears the timers and waits for the jobs running now. */
  stop(): Promise<void>;
  status(): ServiceStatus['schedules'];
}

/** The maintenance jobs `service.schedules` turns on (an interval of null leaves a job out). */
export function maintenanceJobs(
  lake: Lake,
  lakeDir: LakeDirectory,
  schedules: ServiceConfig['schedules'],
): ScheduledJob[] {
  const perTable =
    (
      name: string,
      step: (table: string) => Promise<string | string[] | null>,
      tables: () => Promise<string[]>,
    ) =>
    async (ctx: JobContext): Promise<string> => {
      const done: string[] = [];
      const failed: string[] = [];
      for (const table of await tables()) {
        if (ctx.signal.aborted) break;
        try {
          const result = await ctx.exclusive(`${name}:${table}`, () => step(table));
          if (result !== null) done.push(`${table}: ${[result].flat().join(', ')}`);
        } catch (e) {
          failed.push(`${table}: ${(e as Error).message}`);
        }
      }
      if (failed.length) throw new Error(failed.join('; '));
      return done.join('; ') || 'nothing to do';
    };
  const allTables = () => lake.listTables();
  const jobs: ScheduledJob[] = [];
  if (schedules.compaction !== null)
    jobs.push({
      name: 'compaction',
      everyMs: schedules.compaction,
      run: perTable('compaction', (t) => compactStep(lake, t), allTables),
    });
  if (schedules.expireSnapshots !== null) {
    // Snapshots younger than `service.snapshot_max_age` stay (and always the newest); volume
    // history lives on in the lake's ingest history, pruned here once it is over 400 days old.
    const expire = perTable(
      'expire_snapshots',
      (t) => expiryStep(lake, t, lakeDir.project.service.snapshotMaxAgeMs),
      allTables,
    );
    jobs.push({
      name: 'expire_snapshots',
      everyMs: schedules.expireSnapshots,
      run: async (ctx) => {
        const pruned = await ctx.exclusive('expire_snapshots:ingest_history', () =>
          lake.pruneIngestHistory({ beforeMs: Date.now() - INGEST_HISTORY_MAX_AGE_MS }),
        );
        const summary = await expire(ctx);
        return pruned ? `${summary}; ingest history: pruned=${pruned}` : summary;
      },
    });
  }
  if (schedules.retention !== null)
    jobs.push({
      name: 'retention',
      everyMs: schedules.retention,
      run: perTable(
        'retention',
        (t) => retentionStep(lake, lakeDir, t),
        async () => {
          const existing = new Set(await lake.listTables());
          return lakeDir.tables.filter((t) => t.retention && existing.has(t.name)).map((t) => t.name);
        },
      ),
    });
  return jobs;
}

interface JobState {
  job: ScheduledJob;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  lastRunAt: string | null;
  lastOutcome: string | null;
  nextRunAt: number | null;
}

export function startSchedules(opts: ScheduleOptions): Schedules {
  const jobs = [...maintenanceJobs(opts.lake, opts.lakeDir, opts.schedules), ...(opts.jobs ?? [])];
  for (const job of jobs)
    if (!(Number.isFinite(job.everyMs) && job.everyMs > 0))
      throw new Error(`schedule "${job.name}": interval must be a positive number of ms, got ${job.everyMs}`);
  const maxJitter = opts.maxJitterMs ?? ((every: number) => Math.min(every * 0.1, 30_000));
  const stopping = new AbortController();
  const ctx: JobContext = {
    exclusive: (label, piece) => opts.queue.exclusive(label, piece),
    queue: opts.queue,
    signal: stopping.signal,
  };
  const states: JobState[] = jobs.map((job) => ({
    job,
    lastRunAt: null,
    lastOutcome: null,
    nextRunAt: null,
  }));

  const arm = (s: JobState, first = false) => {
    if (stopping.signal.aborted) return;
    const base = first ? (s.job.firstRunMs ?? s.job.everyMs) : s.job.everyMs;
    const wait = base + Math.random() * Math.max(0, maxJitter(base));
    s.nextRunAt = Date.now() + wait;
    s.timer = setTimeout(() => {
      s.nextRunAt = null;
      s.running = runOnce(s).finally(() => {
        s.running = undefined;
        arm(s);
      });
    }, wait);
    s.timer.unref();
  };

  const runOnce = async (s: JobState): Promise<void> => {
    const started = Date.now();
    s.lastRunAt = new Date(started).toISOString();
    try {
      const summary = await s.job.run(ctx);
      s.lastOutcome = 'ok';
      opts.metrics.maintenanceRuns.inc({ job: s.job.name, outcome: 'ok' });
      opts.log(`schedule: ${s.job.name} ok in ${Date.now() - started} ms${summary ? `: ${summary}` : ''}`);
    } catch (e) {
      const message = (e as Error)?.message ?? String(e);
      s.lastOutcome = `failed: ${message}`;
      opts.metrics.maintenanceRuns.inc({ job: s.job.name, outcome: 'failed' });
      opts.log(
        `schedule: ${s.job.name} failed (next run in about ${Math.round(s.job.everyMs / 1000)} s): ${message}`,
      );
    }
  };

  for (const s of states) arm(s, true);

  return {
    async stop() {
      stopping.abort();
      for (const s of states) clearTimeout(s.timer);
      await Promise.all(states.map((s) => s.running));
    },
    status() {
      return states.map((s) => ({
        job: s.job.name,
        everyMs: s.job.everyMs,
        lastRunAt: s.lastRunAt,
        lastOutcome: s.lastOutcome,
        nextRunAt: s.nextRunAt === null ? null : new Date(s.nextRunAt).toISOString(),
      }));
    },
  };
}
