/**
 * `lakewatch up` without the CLI: wires the spool, the batcher, the one ingest queue, drop
 * folders, schedules and the HTTP app (API, ingest, console) around an open lake, and shuts
 * them down in the order that loses nothing.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { LakeDirectory } from '../config/index.js';
import { openStateDb, stateDbPath, type Realtime } from '../detect/realtime.js';
import { purgeExpired as purgeExpiredRemoteCache } from '../detect/remotecache/index.js';
import type { Lake } from '../lake/index.js';
import { ingestFiles, type IngestSummary, type InputFile } from '../pipeline/index.js';
import { createApp, openTokenStore } from '../server/index.js';
import { startDropWatcher } from '../sources/file/index.js';
import { ingestRoutes } from '../sources/http/index.js';
import { LakewatchMetrics } from '../telemetry/index.js';
import { Batcher } from './batcher.js';
import { SerialIngestQueue } from './queue.js';
import {
  collectorJobs,
  openCursorStore,
  pullSources,
  type HttpClientOptions,
} from '../sources/collectors/index.js';
import { startSchedules } from './schedule.js';
import { Spool, type SpoolEntry } from './spool.js';
import {
  batchRequestId,
  ServiceUnavailableError,
  type AcceptFn,
  type IngestOrigin,
  type IngestQueue,
  type ServiceStatus,
  type SourceStatus,
} from './types.js';

export interface ServiceOptions {
  lake: Lake;
  lakeDir: LakeDirectory;
  /** Realtime detections and delivery (absent when the lake has no detections). */
  realtime?: Realtime;
  host?: string;
  port?: number;
  /** Built console to serve at `/`. */
  webDir?: string;
  version?: string;
  log?: (line: string) => void;
  metrics?: LakewatchMetrics;
  /** Environment the pull collectors read their secrets from; default `process.env`. */
  collectorEnv?: NodeJS.ProcessEnv;
  /** Pull collectors' HTTP retry settings (tests shorten the backoff). */
  collectorHttp?: Partial<HttpClientOptions>;
}

export interface RunningService {
  /** `http://host:port`. */
  readonly url: string;
  readonly metrics: LakewatchMetrics;
  status(): ServiceStatus;
  /** Stops accepting, commits what was accepted, stops watchers and schedules. */
  stop(): Promise<void>;
}

/** Inputs larger than this (in total) get the pipeline's worker threads; smaller run inline. */
const PARALLEL_INGEST_BYTES = 32 * 1024 * 1024;
/** Failed deliveries and undetected snapshots are retried this often when nothing is ingested. */
const CATCH_UP_MS = 30_000;
const REMOTECACHE_PURGE_MS = 3_600_000;
/** Pull collectors first run this long after start-up (then every `poll_interval`). */
const COLLECTOR_FIRST_RUN_MS = 2_000;

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { lake, lakeDir, realtime } = opts;
  const settings = lakeDir.project.service;
  const log = opts.log ?? ((line: string) => process.stderr.write(`lakewatch: ${line}\n`));
  const metrics = opts.metrics ?? new LakewatchMetrics();
  const startedAt = new Date().toISOString();
  let state: ServiceStatus['state'] = 'running';

  const runIngest = async (
    logSource: string,
    inputs: InputFile[],
    origin: IngestOrigin,
    table?: string,
  ): Promise<IngestSummary> => {
    const end = metrics.ingestBatchSeconds.startTimer({ log_source: logSource });
    const bytes = inputs.reduce((n, i) => n + i.size, 0);
    const summary = await ingestFiles({
      lake,
      lakeDir,
      logSource,
      inputs,
      ...(table !== undefined ? { table } : {}),
      realtime,
      workers: bytes > PARALLEL_INGEST_BYTES ? undefined : 1,
    });
    end();
    countIngest(metrics, logSource, origin, summary);
    return summary;
  };
  const queue = new SerialIngestQueue(runIngest);

  // the spool first: requests a previous run accepted are committed before new ones
  const spool = await Spool.open(path.join(lake.stateDir, 'spool'));
  const batcher = new Batcher({
    spool,
    queue,
    flushIntervalMs: settings.ingest.flushIntervalMs,
    flushBytes: settings.ingest.flushBytes,
    ack: settings.ingest.ack,
    committed: (identity) => lake.ledgerHas(identity),
    log,
  });
  const known = new Set(lakeDir.logSources.map((s) => s.name));
  for (const entry of await spool.pending()) {
    if (known.has(entry.logSource)) void batcher.add(entry, { waiter: false });
    else
      log(
        `spool: ${entry.input.path} belongs to log source "${entry.logSource}", which no longer exists; left in place`,
      );
  }

  const accept: AcceptFn = async (batches, meta) => {
    if (state !== 'running') throw new ServiceUnavailableError();
    const entries: SpoolEntry[] = [];
    try {
      for (const [i, b] of batches.entries())
        entries.push(
          await spool.append(
            b.logSource,
            batchRequestId(meta.requestId, i, batches.length),
            b.lines,
            b.events,
          ),
        );
    } catch (err) {
      await spool.remove(entries); // none of the request is kept, none was answered
      throw err;
    }
    await Promise.all(entries.map((e) => batcher.add(e)));
  };

  const drop = settings.drop.enabled
    ? startDropWatcher({
        root: settings.drop.path,
        logSources: [...known],
        settleMs: settings.drop.settleMs,
        afterIngest: settings.drop.afterIngest,
        archivePath: settings.drop.archivePath,
        queue,
        metrics,
        log,
      })
    : null;

  // pull collectors (a bad setting stops the start, naming the source and the setting)
  const cursors = pullSources(lakeDir).length > 0 ? openCursorStore(stateDbPath(lake)) : undefined;
  const pullJobs = !cursors
    ? []
    : collectorJobs({
        lakeDir,
        stateDir: lake.stateDir,
        store: cursors,
        sinkFor: (ctx) => (page) => ctx.queue.ingest(page.logSource, [page.input], 'collector', page.table),
        log,
        ...(opts.collectorEnv ? { env: opts.collectorEnv } : {}),
        ...(opts.collectorHttp ? { http: opts.collectorHttp } : {}),
      }).map((job) => ({ ...job, firstRunMs: COLLECTOR_FIRST_RUN_MS }));
  const schedules = startSchedules({
    lake,
    lakeDir,
    queue,
    schedules: settings.schedules,
    metrics,
    log,
    jobs: [
      // pull collectors: each pulled log source's API every poll_interval, pages through the queue
      ...pullJobs,
      // remotecache rows past their TTL (reads ignore them already; this frees the space)
      {
        name: 'remotecache_purge',
        everyMs: REMOTECACHE_PURGE_MS,
        run: (ctx) =>
          ctx.exclusive('remotecache_purge', async () => {
            const db = openStateDb(lake);
            try {
              const n = purgeExpiredRemoteCache(db);
              return n ? `removed ${n} expired remotecache entries` : undefined;
            } finally {
              db.close();
            }
          }),
      },
      ...(realtime
        ? [
            {
              name: 'detection_catch_up',
              everyMs: CATCH_UP_MS,
              run: (ctx: { exclusive: IngestQueue['exclusive'] }) =>
                ctx.exclusive('detection_catch_up', () => realtime.catchUp()),
            },
          ]
        : []),
    ],
  });

  const tokens = openTokenStore(stateDbPath(lake));
  const status = (): ServiceStatus => ({
    startedAt,
    version: opts.version ?? '0.0.0',
    state,
    queueDepth: queue.depth,
    sources: sourceStatuses(lakeDir, batcher, drop),
    schedules: schedules.status(),
  });
  const app = createApp({
    lake,
    lakeDir,
    metrics,
    tokens,
    ingestRoutes: ingestRoutes({
      lakeDir,
      limits: {
        maxBodyBytes: settings.ingest.maxBodyBytes,
        maxDecodedBodyBytes: settings.ingest.maxDecodedBodyBytes,
      },
      accept,
      metrics,
    }),
    ...(opts.webDir ? { webDir: opts.webDir } : {}),
    status,
    log,
  });

  const server = await listen(
    app.fetch,
    opts.host ?? settings.host,
    opts.port ?? settings.port,
    settings.ingest.maxBodyBytes,
  );
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    metrics,
    status,
    stop() {
      stopping ??= (async () => {
        state = 'stopping';
        // no new requests; requests in flight finish (their bodies reach the spool)
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as Server).closeIdleConnections?.();
        });
        await drop?.stop();
        await schedules.stop();
        await batcher.flushAll();
        await queue.drain();
        tokens.close();
        cursors?.close();
      })();
      return stopping;
    },
  };
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  hostname: string,
  port: number,
  maxBodyBytes: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
    // `Expect: 100-continue` (curl above 1 MB, many shippers): refuse a body over the limit
    // before the client sends it, instead of Node's automatic 100 Continue
    server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > maxBodyBytes) {
        const message = `request body of ${length} bytes is over the limit of ${maxBodyBytes} bytes (service.ingest.max_body)`;
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: { message, status: 413 } }));
        return;
      }
      res.writeContinue();
      server.emit('request', req, res);
    });
  });
}

function sourceStatuses(
  lakeDir: LakeDirectory,
  batcher: Batcher,
  drop: ReturnType<typeof startDropWatcher> | null,
): SourceStatus[] {
  const spooled = new Map(batcher.status().map((s) => [s.logSource, s]));
  const dropped = new Map((drop?.status() ?? []).map((d) => [d.logSource, d]));
  return lakeDir.logSources.map((s) => {
    const b = spooled.get(s.name);
    const d = dropped.get(s.name);
    return {
      logSource: s.name,
      spoolPending: b?.spoolPending ?? 0,
      spoolPendingBytes: b?.spoolPendingBytes ?? 0,
      oldestPendingMs: b?.oldestPendingMs ?? null,
      lastCommitAt: b?.lastCommitAt ?? null,
      lastCommitEvents: b?.lastCommitEvents ?? 0,
      lastError: b?.lastError ?? d?.lastError ?? null,
      dropFolder: d?.dropFolder ?? null,
    };
  });
}

function countIngest(
  metrics: LakewatchMetrics,
  logSource: string,
  origin: IngestOrigin,
  s: IngestSummary,
): void {
  metrics.ingestInputs.inc({ log_source: logSource, origin }, s.inputs - s.skipped);
  metrics.ingestEvents.inc({ log_source: logSource, outcome: 'committed' }, s.committed);
  if (s.deadLettered)
    metrics.ingestEvents.inc({ log_source: logSource, outcome: 'dead_lettered' }, s.deadLettered);
  if (s.filtered) metrics.ingestEvents.inc({ log_source: logSource, outcome: 'dropped' }, s.filtered);
  for (const table of Object.keys(s.tables)) metrics.commits.inc({ table });
  const d = s.detections;
  if (!d) return;
  metrics.detectionRecords.inc(d.records);
  if (d.records) metrics.detectionSeconds.observe(d.detectMs / 1000);
  if (d.deliveries.sent || d.deliveries.failed) metrics.deliverySeconds.observe(d.deliverMs / 1000);
  for (const [name, st] of Object.entries(d.byDetection)) {
    if (st.matches) metrics.detectionMatches.inc({ detection: name }, st.matches);
    if (st.errors) metrics.detectionErrors.inc({ detection: name }, st.errors);
  }
  if (d.alertsOpened) metrics.alertsChanged.inc({ change: 'opened' }, d.alertsOpened);
  if (d.alertsActivated) metrics.alertsChanged.inc({ change: 'activated' }, d.alertsActivated);
  if (d.alertsUpdated) metrics.alertsChanged.inc({ change: 'updated' }, d.alertsUpdated);
  if (d.deliveries.sent) metrics.deliveries.inc({ outcome: 'sent' }, d.deliveries.sent);
  if (d.deliveries.failed) metrics.deliveries.inc({ outcome: 'failed' }, d.deliveries.failed);
}
