/**
 * What the Python and the script pools share: batching, dispatch to workers, resolving results
 * by Matano's rules, ordering, and what happens when a worker hangs, dies or cannot start. A
 * runtime supplies how a worker is started, how a batch reaches it and how its messages and
 * exit come back (a `PoolWorker` subclass), plus what its batches and init hold (a
 * `PoolCore` subclass).
 */
import os from 'node:os';
import type { DetectionConfig } from '../../config/types.js';
import type { DetectionLoadError, DetectionMatch, DetectionResult } from './types.js';
import type { WireResult } from './wire.js';

/** How a runtime names itself in error messages. */
export interface PoolLabels {
  /** e.g. `Python detection pool` → "the Python detection pool is closed". */
  pool: string;
  /** e.g. `Python worker` → "the Python worker exited with code 1". */
  worker: string;
  /** What happens to a worker over its time limit: `killed`, `terminated`. */
  replaced: string;
}

export interface PoolCoreOptions {
  /** Per-batch time limit; default 30 s. */
  timeoutMs?: number;
  /** Import budget of a starting worker; default 60 s, or `timeoutMs` when longer. */
  startupTimeoutMs?: number;
  /** Records per batch; default 1000. */
  batchSize?: number;
  /** Worker count; default `os.availableParallelism()`. */
  workers?: number;
  /** Receives what detections print. */
  onOutput?: (text: string) => void;
}

export interface RunState {
  table: string;
  results: DetectionResult[];
  pendingJobs: number;
  resolve: (r: DetectionResult[]) => void;
  reject: (e: Error) => void;
  order: Map<string, number>;
}

/** A batch of records of one run, with `B` the runtime's form of the records. */
export interface Job<B> {
  run: RunState;
  /** Index of the batch's first record in the run's records. */
  offset: number;
  count: number;
  batch: B;
  /** Detections still to run on this batch, in order. */
  remaining: string[];
}

const OUTPUT_TAIL = 8192;
/** Batches sent ahead to a worker, so it never waits for the next one. */
const PIPELINE_DEPTH = 2;

/**
 * One worker's state as the pool sees it: batches in flight (the head is running), the batch
 * time limit and the startup time limit. Subclasses start the process or thread, parse its
 * messages and call `readied`, `loadingDetection`, `chunk` and `exited`.
 */
export abstract class PoolWorker<B> {
  ready = false;
  dead = false;
  killedByUs = false;
  /** Batches sent to the worker, oldest (the running one) first. */
  inflight: { job: Job<B>; id: number }[] = [];
  /** The detection being imported while starting. */
  loading: string | undefined;
  /** The last of what the worker printed, for crash reports. */
  outputTail = '';
  private timer: NodeJS.Timeout | undefined;
  private startTimer_: NodeJS.Timeout | undefined;

  constructor(protected readonly pool: PoolCore<B>) {}

  /** Sends a batch to the worker. */
  protected abstract write(job: Job<B>, id: number): void;
  /** Ends the worker now. */
  protected abstract terminate(): void;
  /** Asks an idle worker to exit by itself. */
  protected abstract askToExit(): void;
  /** Resolves when the worker has ended (and its output is drained). */
  protected abstract whenExited(): Promise<void>;
  /** What `close` waits for when the worker is already dead. */
  protected abstract whenDead(): Promise<void>;

  /** Starts the startup time limit; subclasses call it once the worker is started. */
  protected watchStartup(): void {
    this.startTimer_ = setTimeout(() => {
      this.kill();
      this.pool.importFailed(this, 'ImportTimeout', `did not finish within ${this.pool.startupTimeoutMs} ms`);
    }, this.pool.startupTimeoutMs);
  }

  protected output(chunk: string): void {
    this.outputTail = (this.outputTail + chunk).slice(-OUTPUT_TAIL);
    this.pool.opts.onOutput?.(chunk);
  }

  protected readied(errors: DetectionLoadError[]): void {
    this.ready = true;
    clearTimeout(this.startTimer_);
    this.pool.onReady(this, errors);
  }

  protected loadingDetection(name: string | undefined): void {
    this.loading = name;
  }

  /**
   * One detection's results on the running batch. `unexpected` describes the message when it
   * is not the one awaited (the worker is then ended as broken).
   */
  protected chunk(
    id: number | undefined,
    d: string | undefined,
    r: WireResult[],
    unexpected: () => string,
  ): void {
    const head = this.inflight[0];
    const job = head?.job;
    if (!head || !job || id !== head.id || job.remaining[0] !== d) {
      this.kill();
      this.pool.interrupted(this, 'WorkerExited', unexpected());
      return;
    }
    job.remaining.shift();
    this.pool.collect(job, d!, r);
    if (job.remaining.length === 0) {
      clearTimeout(this.timer);
      this.inflight.shift();
      if (this.inflight.length > 0) this.startTimer();
      this.pool.jobDone(job);
      this.pool.dispatch();
    }
  }

  /** Sends a batch; the worker takes it as soon as it finishes the one before (pipelining). */
  send(job: Job<B>, id: number): void {
    this.inflight.push({ job, id });
    this.write(job, id);
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

  /** Ends the worker: asks it to exit when idle, ends it when busy or slow to exit. */
  shutdown(): Promise<void> {
    if (this.dead) return this.whenDead();
    const exited = this.whenExited();
    if (this.inflight.length > 0 || !this.ready) {
      this.kill();
    } else {
      this.killedByUs = true;
      this.dead = true;
      this.askToExit();
      const t = setTimeout(() => this.terminate(), 2000);
      void exited.then(() => clearTimeout(t));
    }
    return exited;
  }

  kill(): void {
    if (this.dead) return;
    this.killedByUs = true;
    this.dead = true;
    this.clearTimers();
    this.terminate();
  }

  protected clearTimers(): void {
    clearTimeout(this.timer);
    clearTimeout(this.startTimer_);
  }

  /** The worker ended; `why` says how ("exited with code 1"). Ignored when the pool ended it. */
  protected exited(why: string): void {
    this.clearTimers();
    if (this.killedByUs || this.dead) return;
    this.dead = true;
    const tail = this.outputTail.trim();
    const reason = `the ${this.pool.labels.worker} ${why}${tail ? `; its last output:\n${tail}` : ''}`;
    if (!this.ready && this.loading !== undefined)
      this.pool.importFailed(this, 'ImportCrashed', `made the worker exit: ${reason}`);
    else if (!this.ready) this.pool.startupFailed(this, reason);
    else this.pool.interrupted(this, 'WorkerExited', reason);
  }
}

/**
 * The pool: queues batches, keeps each worker `PIPELINE_DEPTH` batches ahead, resolves results
 * and recovers from workers that hang or die. Subclasses create workers (`createWorker`),
 * turn records into a batch (`makeBatch`), drop a detection from the workers' init
 * (`leaveOut`) and parse alert_context JSON (`parseAlertContext`); they start the workers.
 */
export abstract class PoolCore<B> {
  readonly startupTimeoutMs: number;
  readonly timeoutMs: number;
  protected readonly batchSize: number;
  protected readonly workerCount: number;
  protected readonly byTable = new Map<string, DetectionConfig[]>();
  protected readonly byName = new Map<string, DetectionConfig>();
  protected readonly workers = new Set<PoolWorker<B>>();
  private readonly queue: Job<B>[] = [];
  private readonly runs = new Set<RunState>();
  protected readonly failed = new Set<string>();
  /** Load errors found before a worker was ready: build errors, imports that hung or crashed. */
  protected readonly earlyErrors: DetectionLoadError[] = [];
  private nextJobId = 1;
  protected closed = false;
  protected broken: Error | undefined;
  private loaded: DetectionLoadError[] | undefined;
  private readonly loadWaiters: { resolve: (e: DetectionLoadError[]) => void; reject: (e: Error) => void }[] =
    [];
  private startFailures = 0;

  /**
   * @param detections the runtime's enabled detections, in order
   * @param sortLoadErrors list load errors in detection order (else early ones first, then the worker's)
   */
  constructor(
    readonly opts: PoolCoreOptions,
    readonly labels: PoolLabels,
    protected readonly detections: DetectionConfig[],
    private readonly sortLoadErrors: boolean,
  ) {
    this.startupTimeoutMs = opts.startupTimeoutMs ?? Math.max(60_000, opts.timeoutMs ?? 0);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.batchSize = Math.max(1, opts.batchSize ?? 1000);
    this.workerCount = Math.max(1, opts.workers ?? os.availableParallelism());
    for (const d of detections) {
      this.byName.set(d.name, d);
      for (const t of d.tables) {
        const list = this.byTable.get(t) ?? [];
        list.push(d);
        this.byTable.set(t, list);
      }
    }
  }

  /** A new worker, or undefined when it cannot be started yet. */
  protected abstract createWorker(): PoolWorker<B> | undefined;
  /** The records of one batch in the form the runtime's worker takes. */
  protected abstract makeBatch(records: string[]): B;
  /** Leaves a detection out of the init of workers started from now on. */
  protected abstract leaveOut(detection: string): void;
  protected abstract parseAlertContext(json: string): unknown;

  protected spawn(): void {
    if (this.closed || this.broken) return;
    const w = this.createWorker();
    if (w) this.workers.add(w);
  }

  protected setLoaded(workerErrors: DetectionLoadError[]): void {
    if (this.loaded) return;
    const all = [...this.earlyErrors, ...workerErrors];
    for (const e of all) this.failed.add(e.detection);
    if (this.sortLoadErrors) {
      const order = new Map(this.detections.map((d, i) => [d.name, i]));
      all.sort((a, b) => (order.get(a.detection) ?? 0) - (order.get(b.detection) ?? 0));
    }
    this.loaded = all;
    for (const w of this.loadWaiters.splice(0)) w.resolve(all);
  }

  /** A worker hung or died while importing a detection: leave it out, restart without it. */
  importFailed(w: PoolWorker<B>, type: string, what: string): void {
    this.workers.delete(w);
    this.queue.unshift(...w.inflight.splice(0).map((x) => x.job));
    const name = w.loading;
    if (name === undefined) return this.startupFailed(w, `the ${this.labels.worker} ${what}`);
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
    this.leaveOut(name);
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

  onReady(_w: PoolWorker<B>, errors: DetectionLoadError[]): void {
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
    if (this.closed) throw new Error(`the ${this.labels.pool} is closed`);
    await this.loadErrors();
    if (this.closed) throw new Error(`the ${this.labels.pool} is closed`);
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
        const batch = this.makeBatch(records);
        this.queue.push({ run: state, offset: off, count: records.length, batch, remaining: [...names] });
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

  collect(job: Job<B>, detection: string, results: WireResult[]): void {
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
        match.alertContext = this.parseAlertContext(m.alert_context);
      }
      if (m.warnings) match.warnings = m.warnings;
      out.push(match);
    }
  }

  jobDone(job: Job<B>): void {
    const run = job.run;
    if (--run.pendingJobs > 0) return;
    this.runs.delete(run);
    run.results.sort(
      (a, b) => a.recordIndex - b.recordIndex || run.order.get(a.detection)! - run.order.get(b.detection)!,
    );
    run.resolve(run.results);
  }

  /** The worker was ended (timeout, protocol error) or died: blame the detection it was running. */
  interrupted(w: PoolWorker<B>, type: string, reason: string): void {
    this.workers.delete(w);
    const [head, ...notStarted] = w.inflight.splice(0);
    // batches sent behind the interrupted one had not started: they go back to the queue
    this.queue.unshift(...notStarted.map((x) => x.job));
    const job = head?.job;
    if (job && job.remaining.length > 0) {
      const culprit = job.remaining.shift()!;
      const message =
        type === 'DetectionTimeout'
          ? `detection ${JSON.stringify(culprit)} ${reason} on a batch of ${job.count} record(s); its worker was ${this.labels.replaced} and replaced`
          : `${reason} while running detection ${JSON.stringify(culprit)} on a batch of ${job.count} record(s)`;
      for (let i = 0; i < job.count; i++) {
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

  startupFailed(w: PoolWorker<B>, reason: string): void {
    this.workers.delete(w);
    this.queue.unshift(...w.inflight.splice(0).map((x) => x.job));
    // a worker that never came up is not worth retrying unless others did: the runtime is broken
    if (++this.startFailures <= 3 && [...this.workers].some((x) => x.ready && !x.dead)) {
      this.spawn();
      return;
    }
    this.broken = new Error(reason);
    for (const x of this.workers) x.kill();
    this.workers.clear();
    this.failAll(this.broken);
  }

  protected failAll(err: Error): void {
    this.queue.length = 0;
    for (const r of this.runs) r.reject(err);
    this.runs.clear();
    for (const w of this.loadWaiters.splice(0)) w.reject(err);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exits: Promise<void>[] = [];
    for (const w of this.workers) exits.push(w.shutdown());
    this.workers.clear();
    this.failAll(new Error(`the ${this.labels.pool} was closed`));
    await Promise.all(exits);
  }
}
