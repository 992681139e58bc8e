/**
 * The pull collectors by managed type, which log sources are pulled, and the scheduled jobs
 * `lakewatch up` runs for them (one per pulled log source, every `poll_interval`, default 5m).
 *
 * A log source is pulled when it is enabled, its `managed.type` has a collector, and its
 * `managed.properties` configure it (at least one setting besides the generic ones below) and do
 * not say `collect: false`. `lakewatch collect <name>` pulls a named source in any case.
 */
import type { LakeDirectory, LogSource } from '../../config/index.js';
import type { JobContext, ScheduledJob } from '../../service/schedule.js';
import { parseDuration } from '../../util/duration.js';
import { createHttpClient, type HttpClientOptions } from './http.js';
import { runCollector, type CollectorRunResult, type CollectorSink } from './runner.js';
import type { CursorStore } from './state.js';
import { secretEnvName, type Collector, type CollectorContext } from './types.js';
import { duoCollector } from './duo/index.js';
import { googleWorkspaceCollector } from './google_workspace/index.js';
import { msftCollector } from './msft/index.js';
import { oktaCollector } from './okta/index.js';
import { o365Collector } from './o365/index.js';
import { snykCollector } from './snyk/index.js';
import { onepasswordCollector } from './onepassword/index.js';
import { awsInspectorCollector } from './aws_inspector/index.js';

export * from './types.js';
export { createHttpClient, expectOk, type HttpClientOptions } from './http.js';
export {
  openCursorStore,
  leaseOwner,
  type CursorStore,
  type LeaseHolder,
  type SavedCursor,
} from './state.js';
export {
  runCollector,
  CollectorBusyError,
  collectDir,
  pageIdentity,
  type CollectorRunResult,
  type CollectorSink,
  type CollectorSinkArgs,
  type RunCollectorOptions,
} from './runner.js';

const COLLECTORS: Collector[] = [
  oktaCollector,
  duoCollector,
  googleWorkspaceCollector,
  msftCollector,
  o365Collector,
  snykCollector,
  onepasswordCollector,
  awsInspectorCollector,
];

/** The collector of a managed type (`OKTA`, `duo`…), or undefined when the type is not pulled. */
export function collectorFor(type: string): Collector | undefined {
  const wanted = type.trim().toUpperCase();
  return COLLECTORS.find((c) => c.type === wanted);
}

/** Managed types that have a pull collector, sorted. */
export function collectorTypes(): string[] {
  return COLLECTORS.map((c) => c.type).sort();
}

export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
/** Shortest `poll_interval` accepted. */
export const MIN_POLL_INTERVAL_MS = 10_000;

/** Properties every managed source may have; they alone do not make a source pulled. */
const GENERIC_PROPERTIES = new Set(['preserve_original_event', 'collect', 'poll_interval', 'start_time']);

export class CollectorConfigError extends Error {
  override readonly name = 'CollectorConfigError';
}

/** `managed.properties.poll_interval` (`5m`, `1h`; a number is ms) in ms; default 5 minutes. */
export function pollIntervalMs(source: LogSource): number {
  const value = source.managed?.properties?.poll_interval;
  if (value === undefined || value === null || value === '') return DEFAULT_POLL_INTERVAL_MS;
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    try {
      ms = parseDuration(value);
    } catch {
      throw new CollectorConfigError(
        `log source "${source.name}": managed.properties.poll_interval "${value}" is not a duration like 5m or 1h`,
      );
    }
  } else
    throw new CollectorConfigError(
      `log source "${source.name}": managed.properties.poll_interval must be a duration like 5m`,
    );
  if (!(ms >= MIN_POLL_INTERVAL_MS))
    throw new CollectorConfigError(
      `log source "${source.name}": managed.properties.poll_interval must be at least ${MIN_POLL_INTERVAL_MS / 1000}s`,
    );
  return ms;
}

/** Whether `lakewatch up` (and `lakewatch collect` without names) pulls this log source. */
export function isPullSource(source: LogSource): boolean {
  if (!source.enabled || !source.managed || !collectorFor(source.managed.type)) return false;
  const props = source.managed.properties ?? {};
  if (props.collect === false) return false;
  return Object.keys(props).some((k) => !GENERIC_PROPERTIES.has(k));
}

export interface PullSource {
  logSource: LogSource;
  collector: Collector;
  everyMs: number;
}

/**
 * The log sources to pull: the named ones (any managed source with a collector; an unknown
 * name or a type without collector is a CollectorConfigError), or every pulled source.
 */
export function pullSources(lakeDir: LakeDirectory, names: string[] = []): PullSource[] {
  const chosen: LogSource[] = [];
  if (names.length) {
    for (const name of names) {
      const source = lakeDir.logSources.find((s) => s.name === name);
      if (!source)
        throw new CollectorConfigError(
          `no log source named "${name}" (log sources: ${lakeDir.logSources.map((s) => s.name).join(', ') || 'none'})`,
        );
      if (!source.managed || !collectorFor(source.managed.type))
        throw new CollectorConfigError(
          `log source "${name}" has no pull collector (managed types with one: ${collectorTypes().join(', ')})`,
        );
      if (!chosen.includes(source)) chosen.push(source);
    }
  } else chosen.push(...lakeDir.logSources.filter(isPullSource));
  return chosen.map((logSource) => ({
    logSource,
    collector: collectorFor(logSource.managed!.type)!,
    everyMs: pollIntervalMs(logSource),
  }));
}

/** A CollectorContext for a log source: its properties, secrets from `env`, the real clock. */
export function collectorContext(opts: {
  logSource: LogSource;
  collector: Collector;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log?: (message: string) => void;
  now?: () => number;
  http?: Partial<HttpClientOptions>;
}): CollectorContext {
  const signal = opts.signal ?? new AbortController().signal;
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  return {
    properties: opts.logSource.managed?.properties ?? {},
    env: opts.env ?? process.env,
    http: createHttpClient({
      collector: opts.collector.type,
      signal,
      log,
      now,
      ...opts.collector.http,
      ...opts.http,
    }),
    now,
    signal,
    log,
    logSource: opts.logSource.name,
  };
}

export function describeRun(r: CollectorRunResult): string {
  return `pages=${r.pages} records=${r.records} committed=${r.committed} dead_lettered=${r.deadLettered}${
    r.skippedPages ? ` skipped_pages=${r.skippedPages}` : ''
  }`;
}

export interface CollectorJobsOptions {
  lakeDir: LakeDirectory;
  /** `lake.stateDir`: pages are staged in `collect/<log_source>/` under it. */
  stateDir: string;
  /** The cursor store, opened by the caller on the lake's state DB (`openCursorStore(stateDbPath(lake))`). */
  store: CursorStore;
  /** How a page reaches the ingest path in the service (the ingest queue, pinned to the page's table). */
  sinkFor(ctx: JobContext): CollectorSink;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  http?: Partial<HttpClientOptions>;
}

/** One ScheduledJob per pulled log source, named `collect:<log_source>`, every `poll_interval`. */
export function collectorJobs(opts: CollectorJobsOptions): ScheduledJob[] {
  return pullSources(opts.lakeDir).map(({ logSource, collector, everyMs }) => ({
    name: `collect:${logSource.name}`,
    everyMs,
    async run(jobCtx: JobContext): Promise<string> {
      const ctx = collectorContext({
        logSource,
        collector,
        env: opts.env,
        signal: jobCtx.signal,
        log: opts.log,
        http: opts.http,
      });
      const result = await runCollector({
        logSource: logSource.name,
        collector,
        ctx,
        store: opts.store,
        sink: opts.sinkFor(jobCtx),
        stateDir: opts.stateDir,
      });
      return describeRun(result);
    },
  }));
}

export interface PullSourceProblem {
  logSource: string;
  /** `error`: the collector cannot run; `warning`: it will fail unless the environment changes (secrets). */
  level: 'error' | 'warning';
  message: string;
}

/**
 * Checks the pulled log sources without calling any API: `poll_interval`, the properties the
 * collector requires, and (as warnings: the service's environment may differ) its secrets in `env`.
 */
export function checkPullSources(
  lakeDir: LakeDirectory,
  env: NodeJS.ProcessEnv = process.env,
): PullSourceProblem[] {
  const problems: PullSourceProblem[] = [];
  for (const source of lakeDir.logSources.filter(isPullSource)) {
    const collector = collectorFor(source.managed!.type)!;
    const props = source.managed!.properties ?? {};
    const add = (level: PullSourceProblem['level'], message: string) =>
      problems.push({ logSource: source.name, level, message });
    try {
      pollIntervalMs(source);
    } catch (e) {
      add('error', (e as Error).message);
    }
    for (const need of collector.requires?.properties ?? []) {
      const options = Array.isArray(need) ? need : [need];
      if (!options.some((k) => props[k] !== undefined && props[k] !== null && props[k] !== ''))
        add(
          'error',
          `log source "${source.name}" (${collector.type}): managed.properties.${options.join(' or managed.properties.')} is required to pull it`,
        );
    }
    for (const secret of collector.requires?.secrets ?? []) {
      const name = secretEnvName(source.name, secret);
      if (!env[name]?.trim())
        add(
          'warning',
          `log source "${source.name}" (${collector.type}): the environment variable ${name} is not set`,
        );
    }
  }
  return problems;
}
