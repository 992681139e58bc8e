/**
 * The script pool: TypeScript and JavaScript detections in worker threads, with the same
 * results, resolution rules, batching and timeout handling as the Python pool.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DetectionConfig } from '../../config/types.js';
import type { DetectionLoadError, DetectionMatch, DetectionResult } from '../python/pool.js';
import { parseJsonText } from '../remotecache/json.js';
import { bundleDetection, bundleWorker } from './bundle.js';
import type { FromWorker, ToWorker, WireResult, WorkerDetection, WorkerInit } from './protocol.js';

export interface ScriptPoolOptions {
  /** Detections; only enabled TypeScript / JavaScript ones are used. */
  detections: DetectionConfig[];
  /** Worker threads; default `os.availableParallelism()`. */
  workers?: number;
  /** Per-batch time limit; the worker is terminated and replaced when exceeded. Default 30 s. */
  timeoutMs?: number;
  /** Records per batch sent to one worker; default 1000. */
  batchSize?: number;
  /** Storage of `remotecache` (the SQLite file the Python pool uses too). Without it, its methods throw. */
  remoteCache?: { sqlitePath: string };
  /** Enrichment fixtures: table → key → row, for `enrichment(table).get(key)`. */
  enrichment?: Record<string, Record<string, unknown>>;
  /** Receives what detections print (console.log, process.stdout/stderr). */
  onOutput?: (text: string) => void;
  /** Time for a worker to import every detection; default 60 s, or `timeoutMs` when longer. */
  startupTimeoutMs?: number;
  /** Python pool options (one options object serves both pools): ignored here. */
  python?: string;
  pythonPath?: string[];
}

export interface ScriptPool {
  /** Runs every TypeScript/JavaScript detection on `table` over the records (each a JSON object text). */
  run(table: string, recordsJson: string[]): Promise<DetectionResult[]>;
  /** Detections that failed to build or import (they are skipped by `run`). */
  loadErrors(): Promise<DetectionLoadError[]>;
  close(): Promise<void>;
}

interface RunState {
  table: string;
  results: DetectionResult[];
  pendingJobs: number;
  resolve: (r: DetectionResult[]) => void;
  reject: (e: Error) => void;
  order: Map<string, number>;
}

interface Job {
  run: RunState;
  /** Index of the batch's first record in the run's records. */
  offset: number;
  records: string[];
  /** Detections still to run on this batch, in order. */
  remaining: string[];
}

const OUTPUT_TAIL = 8192;
/** Batches posted ahead to a worker, so it never waits for the next one. */
const PIPELINE_DEPTH = 2;

class ScriptWorker {
  readonly thread: Worker;
  ready = false;
  dead = false;
  killedByUs = false;
  /** Batches posted to the worker, oldest (the running one) first. */
  inflight: { job: Job; id: number }[] = [];
  /** The detection being imported while starting. */
  loading: string | undefined;
  outputTail = '';
  private timer: NodeJS.Timeout | undefined;
  private startTimer_: NodeJS.Timeout | undefined;
  private fatal: string | undefined;
  readonly exited: Promise<void>;

  constructor(
    private readonly pool: Pool,
    url: URL,
    init: WorkerInit,
  ) {
    this.thread = new Worker(url, { workerData: init, stdout: true, stderr: true });
    for (const stream of [this.thread.stdout, this.thread.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        this.outputTail = (this.outputTail + chunk).slice(-OUTPUT_TAIL);
        this.pool.opts.onOutput?.(chunk);
      });
    }
    this.exited = new Promise((resolve) => this.thread.once('exit', () => resolve()));
    this.thread.on('message', (msg: FromWorker) => this.onMessage(msg));
    this.thread.on('error', (err) => {
      this.fatal ??= err.stack ?? err.message;
    });
    this.thread.on('exit', (code) => this.onExit(code));
    this.startTimer_ = setTimeout(() => {
      this.kill();
      this.pool.importFailed(this, 'ImportTimeout', `did not finish within ${this.pool.startupTimeoutMs} ms`);
    }, this.pool.startupTimeoutMs);
  }

  private onMessage(msg: FromWorker): void {
    if (this.dead) return;
    if (msg.t === 'ready') {
      this.ready = true;
      clearTimeout(this.startTimer_);
      this.pool.onReady(this, msg.errors);
    } else if (msg.t === 'loading') {
      this.loading = msg.d;
    } else if (msg.t === 'fatal') {
      this.fatal = msg.message;
      this.kill();
      if (this.ready) this.pool.interrupted(this, 'WorkerExited', msg.message);
      else this.pool.startupFailed(this, msg.message);
    } else if (msg.t === 'chunk') {
      const head = this.inflight[0];
      const job = head?.job;
      if (!head || !job || msg.id !== head.id || job.remaining[0] !== msg.d) {
        this.kill();
        this.pool.interrupted(
          this,
          'WorkerExited',
          `unexpected message from the detection worker (batch ${msg.id}, ${msg.d})`,
        );
        return;
      }
      job.remaining.shift();
      this.pool.collect(job, msg.d, msg.r);
      if (job.remaining.length === 0) {
        clearTimeout(this.timer);
        this.inflight.shift();
        if (this.inflight.length > 0) this.startTimer();
        this.pool.jobDone(job);
        this.pool.dispatch();
      }
    }
  }

  send(job: Job, id: number): void {
    this.inflight.push({ job, id });
    const msg: ToWorker = { t: 'batch', id, detections: [...job.remaining], records: job.records };
    this.thread.postMessage(msg);
    if (this.inflight.length === 1) this.startTimer();
  }

  /** The time limit of the batch the worker is on now. */
  private startTimer(): void {
    const timeoutMs = this.pool.timeoutMs;
    this.timer = setTimeout(() => {
      this.kill();
      this.pool.interrupted(this, 'DetectionTimeout', `exceeded the ${timeoutMs} ms time limit`);
    }, timeoutMs);
  }

  /** Ends the worker: asks it to exit when idle, terminates it when busy or slow to exit. */
  shutdown(): Promise<void> {
    if (this.inflight.length > 0 || !this.ready) {
      this.kill();
    } else {
      this.killedByUs = true;
      this.dead = true;
      this.thread.postMessage({ t: 'close' } satisfies ToWorker);
      const t = setTimeout(() => void this.thread.terminate(), 2000);
      void this.exited.then(() => clearTimeout(t));
    }
    return this.exited;
  }

  kill(): void {
    if (this.dead) return;
    this.killedByUs = true;
    this.dead = true;
    clearTimeout(this.timer);
    clearTimeout(this.startTimer_);
    void this.thread.terminate();
  }

  private onExit(code: number): void {
    clearTimeout(this.timer);
    clearTimeout(this.startTimer_);
    if (this.killedByUs || this.dead) return;
    this.dead = true;
    const tail = this.outputTail.trim();
    const why = this.fatal ? `failed: ${this.fatal}` : `exited with code ${code}`;
    const reason = `the detection worker ${why}${tail ? `; its last output:\n${tail}` : ''}`;
    if (!this.ready && this.loading !== undefined)
      this.pool.importFailed(this, 'ImportCrashed', `made the worker exit: ${reason}`);
    else if (!this.ready) this.pool.startupFailed(this, reason);
    else this.pool.interrupted(this, 'WorkerExited', reason);
  }
}

class Pool implements ScriptPool {
  readonly startupTimeoutMs: number;
  readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly workerCount: number;
  private readonly dets: DetectionConfig[];
  private readonly byTable = new Map<string, DetectionConfig[]>();
  private readonly byName = new Map<string, DetectionConfig>();
  private readonly workers = new Set<ScriptWorker>();
  private readonly queue: Job[] = [];
  private readonly runs = new Set<RunState>();
  private readonly failed = new Set<string>();
  /** Build errors, and imports that hung or crashed (left out of the workers' init). */
  private readonly earlyErrors: DetectionLoadError[] = [];
  private init: WorkerInit | undefined;
  private workerUrl: URL | undefined;
  private nextJobId = 1;
  private closed = false;
  private broken: Error | undefined;
  private loaded: DetectionLoadError[] | undefined;
  private readonly loadWaiters: { resolve: (e: DetectionLoadError[]) => void; reject: (e: Error) => void }[] =
    [];
  private startFailures = 0;

  constructor(readonly opts: ScriptPoolOptions) {
    this.startupTimeoutMs = opts.startupTimeoutMs ?? Math.max(60_000, opts.timeoutMs ?? 0);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.batchSize = Math.max(1, opts.batchSize ?? 1000);
    this.workerCount = Math.max(1, opts.workers ?? os.availableParallelism());
    this.dets = opts.detections.filter(
      (d) => d.enabled && (d.code.language === 'typescript' || d.code.language === 'javascript'),
    );
    for (const d of this.dets) {
      this.byName.set(d.name, d);
      for (const t of d.tables) {
        const list = this.byTable.get(t) ?? [];
        list.push(d);
        this.byTable.set(t, list);
      }
    }
    this.prepare().catch((err: unknown) => {
      this.broken = new Error(
        `the script detection pool could not start: ${(err as Error)?.message ?? String(err)}`,
      );
      this.failAll(this.broken);
    });
  }

  /** Bundles the detections (and the worker), then starts the workers. */
  private async prepare(): Promise<void> {
    if (this.dets.length === 0) return this.setLoaded([]);
    const [workerCode, bundles] = await Promise.all([
      bundleWorker(),
      Promise.all(this.dets.map((d) => bundleDetection(d.code.path))),
    ]);
    if (this.closed) return;
    const detections: WorkerDetection[] = [];
    this.dets.forEach((d, i) => {
      const b = bundles[i]!;
      if ('error' in b) {
        const e: DetectionLoadError = {
          detection: d.name,
          file: b.error.file || d.code.path,
          type: b.error.type,
          message: b.error.message,
          traceback: b.error.traceback,
        };
        if (b.error.line !== undefined) e.line = b.error.line;
        this.earlyErrors.push(e);
        this.failed.add(d.name);
      } else {
        detections.push({
          name: d.name,
          file: d.code.path,
          code: b.bundle.code,
          map: b.bundle.map,
          dir: b.bundle.dir,
          displayName: d.displayName ?? null,
          severity: d.alert.severity,
        });
      }
    });
    this.init = {
      detections,
      remoteCacheSqlite: this.opts.remoteCache ? path.resolve(this.opts.remoteCache.sqlitePath) : null,
      enrichment: this.opts.enrichment ?? null,
    };
    if (detections.length === 0) return this.setLoaded([]);
    this.workerUrl = new URL('data:text/javascript;base64,' + Buffer.from(workerCode).toString('base64'));
    for (let i = 0; i < this.workerCount; i++) this.spawn();
  }

  private spawn(): void {
    if (this.closed || this.broken || !this.init || !this.workerUrl) return;
    this.workers.add(new ScriptWorker(this, this.workerUrl, this.init));
  }

  private setLoaded(workerErrors: DetectionLoadError[]): void {
    if (this.loaded) return;
    for (const e of workerErrors) this.failed.add(e.detection);
    const order = new Map(this.dets.map((d, i) => [d.name, i]));
    const all = [...this.earlyErrors, ...workerErrors];
    all.sort((a, b) => (order.get(a.detection) ?? 0) - (order.get(b.detection) ?? 0));
    this.loaded = all;
    for (const w of this.loadWaiters.splice(0)) w.resolve(all);
  }

  /** A worker hung or died while importing a detection: leave it out, restart without it. */
  importFailed(w: ScriptWorker, type: string, what: string): void {
    this.workers.delete(w);
    this.queue.unshift(...w.inflight.splice(0).map((x) => x.job));
    const name = w.loading;
    if (name === undefined || !this.init) return this.startupFailed(w, `the detection worker ${what}`);
    if (this.earlyErrors.some((e) => e.detection === name)) {
      this.spawn();
      return;
    }
    const cfg = this.byName.get(name);
    const error: DetectionLoadError = {
      detection: name,
      file: cfg?.code.path ?? '',
      type,
      message: `importing ${cfg?.code.path ?? name} ${what}`,
      traceback: '',
    };
    this.earlyErrors.push(error);
    this.failed.add(name);
    if (this.loaded) this.loaded.push(error);
    this.init = { ...this.init, detections: this.init.detections.filter((d) => d.name !== name) };
    // the other workers still starting are stuck on the same import
    for (const x of [...this.workers]) {
      if (!x.ready) {
        this.workers.delete(x);
        x.kill();
        this.spawn();
      }
    }
    this.spawn();
  }

  onReady(_w: ScriptWorker, errors: DetectionLoadError[]): void {
    this.startFailures = 0;
    this.setLoaded(errors);
    this.dispatch();
  }

  loadErrors(): Promise<DetectionLoadError[]> {
    if (this.loaded) return Promise.resolve(this.loaded);
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => this.loadWaiters.push({ resolve, reject }));
  }

  async run(table: string, recordsJson: string[]): Promise<DetectionResult[]> {
    if (this.closed) throw new Error('the script detection pool is closed');
    await this.loadErrors();
    if (this.closed) throw new Error('the script detection pool is closed');
    if (this.broken) throw this.broken;
    const dets = (this.byTable.get(table) ?? []).filter((d) => !this.failed.has(d.name));
    if (dets.length === 0 || recordsJson.length === 0) return [];
    const names = dets.map((d) => d.name);
    return new Promise<DetectionResult[]>((resolve, reject) => {
      const state: RunState = {
        table,
        results: [],
        pendingJobs: 0,
        resolve,
        reject,
        order: new Map(names.map((n, i) => [n, i])),
      };
      this.runs.add(state);
      for (let off = 0; off < recordsJson.length; off += this.batchSize) {
        const records = recordsJson.slice(off, off + this.batchSize);
        this.queue.push({ run: state, offset: off, records, remaining: [...names] });
        state.pendingJobs++;
      }
      this.dispatch();
    });
  }

  dispatch(): void {
    for (const w of this.workers) {
      if (this.queue.length === 0) return;
      while (w.ready && !w.dead && w.inflight.length < PIPELINE_DEPTH && this.queue.length > 0) {
        w.send(this.queue.shift()!, this.nextJobId++);
      }
    }
  }

  collect(job: Job, detection: string, results: WireResult[]): void {
    const cfg = this.byName.get(detection);
    const table = job.run.table;
    const out = job.run.results;
    for (const [i, r] of results) {
      const recordIndex = job.offset + i;
      if (r.e) {
        out.push({ kind: 'error', detection, table, recordIndex, error: r.e });
        continue;
      }
      const m = r.m!;
      const match: DetectionMatch = {
        kind: 'match',
        detection,
        table,
        recordIndex,
        title: m.title,
        dedupe: m.dedupe,
        severity: m.severity,
        destinations: m.destinations ?? cfg?.alert.destinations ?? [],
      };
      const description = m.description ?? cfg?.description;
      if (description !== undefined) match.description = description;
      const runbook = m.runbook ?? cfg?.runbook;
      if (runbook !== undefined) match.runbook = runbook;
      const reference = m.reference ?? cfg?.references[0];
      if (reference !== undefined) match.reference = reference;
      if (m.alert_context !== undefined) {
        match.alertContextJson = m.alert_context;
        match.alertContext = parseJsonText(m.alert_context);
      }
      if (m.warnings) match.warnings = m.warnings;
      out.push(match);
    }
  }

  jobDone(job: Job): void {
    const run = job.run;
    if (--run.pendingJobs > 0) return;
    this.runs.delete(run);
    run.results.sort(
      (a, b) => a.recordIndex - b.recordIndex || run.order.get(a.detection)! - run.order.get(b.detection)!,
    );
    run.resolve(run.results);
  }

  /** The worker was terminated (timeout, protocol error) or died: blame the detection it was running. */
  interrupted(w: ScriptWorker, type: string, reason: string): void {
    this.workers.delete(w);
    const [head, ...notStarted] = w.inflight.splice(0);
    // batches posted behind the interrupted one had not started: they go back to the queue
    this.queue.unshift(...notStarted.map((x) => x.job));
    const job = head?.job;
    if (job && job.remaining.length > 0) {
      const culprit = job.remaining.shift()!;
      const count = job.records.length;
      const message =
        type === 'DetectionTimeout'
          ? `detection ${JSON.stringify(culprit)} ${reason} on a batch of ${count} record(s); its worker was terminated and replaced`
          : `${reason} while running detection ${JSON.stringify(culprit)} on a batch of ${count} record(s)`;
      for (let i = 0; i < count; i++) {
        job.run.results.push({
          kind: 'error',
          detection: culprit,
          table: job.run.table,
          recordIndex: job.offset + i,
          error: { type, message, traceback: '' },
        });
      }
      // the detections after it still run on the batch, on another worker
      if (job.remaining.length > 0) this.queue.unshift(job);
      else this.jobDone(job);
    }
    this.spawn();
    this.dispatch();
  }

  startupFailed(w: ScriptWorker, reason: string): void {
    this.workers.delete(w);
    this.queue.unshift(...w.inflight.splice(0).map((x) => x.job));
    // a worker that never came up is not worth retrying unless others did
    if (++this.startFailures <= 3 && [...this.workers].some((x) => x.ready && !x.dead)) {
      this.spawn();
      return;
    }
    this.broken = new Error(reason);
    for (const x of this.workers) x.kill();
    this.workers.clear();
    this.failAll(this.broken);
  }

  private failAll(err: Error): void {
    this.queue.length = 0;
    for (const r of this.runs) r.reject(err);
    this.runs.clear();
    for (const w of this.loadWaiters.splice(0)) w.reject(err);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exits: Promise<void>[] = [];
    for (const w of this.workers) exits.push(w.dead ? w.exited : w.shutdown());
    this.workers.clear();
    this.failAll(new Error('the script detection pool was closed'));
    await Promise.all(exits);
  }
}

export function createScriptPool(opts: ScriptPoolOptions): ScriptPool {
  return new Pool(opts);
}
