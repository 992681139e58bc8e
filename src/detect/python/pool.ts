import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DetectionConfig, Severity } from '../../config/types.js';
import { parseJson } from '../../lake/iceberg/json.js';
import { packageRoot } from '../../util/package-root.js';

/** A record a detection matched, with the alert fields resolved by Matano's rules. */
export interface DetectionMatch {
  kind: 'match';
  detection: string;
  table: string;
  /** Index of the record in the `recordsJson` array given to `run`. */
  recordIndex: number;
  /** `title()`, else the detection's display_name, else its name. */
  title: string;
  /** `dedupe()`, else the title. */
  dedupe: string;
  /** `severity()` when it returns a known severity, else `alert.severity` from the YAML. */
  severity: Severity;
  /** `description()`, else the YAML description. */
  description?: string;
  /** `runbook()`, else the YAML runbook. */
  runbook?: string;
  /** `reference()`, else the first YAML reference. */
  reference?: string;
  /** `destinations()`, else `alert.destinations`. */
  destinations: string[];
  /** `alert_context()`, parsed; integers beyond 2^53 are `bigint`. */
  alertContext?: unknown;
  /** `alert_context()` as the JSON text Python wrote (exact). */
  alertContextJson?: string;
  /** Problems that did not stop the match, e.g. an unknown severity. */
  warnings?: string[];
}

export interface DetectionErrorInfo {
  /** Python exception type, or `DetectionTimeout`, `WorkerExited`, `InvalidRecord`. */
  type: string;
  message: string;
  traceback: string;
  /** The detection function that raised (`detect`, `title`, …), when known. */
  function?: string;
}

/** A detection that failed on a record (raised, timed out, or its worker died). */
export interface DetectionError {
  kind: 'error';
  detection: string;
  table: string;
  recordIndex: number;
  error: DetectionErrorInfo;
}

export type DetectionResult = DetectionMatch | DetectionError;

/** A detect.py that could not be imported (syntax error, import error, no detect()). */
export interface DetectionLoadError {
  detection: string;
  file: string;
  line?: number;
  type: string;
  message: string;
  traceback: string;
}

export interface PythonPoolOptions {
  /** Python detections; disabled ones and other languages are ignored. */
  detections: DetectionConfig[];
  /** Interpreter command; default `python3`. */
  python?: string;
  /** Worker processes; default `os.availableParallelism()`. */
  workers?: number;
  /** Per-batch time limit; the worker is killed and replaced when exceeded. Default 30 s. */
  timeoutMs?: number;
  /** Records per batch sent to one worker; default 1000. */
  batchSize?: number;
  /** Extra directories put on the workers' `sys.path` (the detections folders always are). */
  pythonPath?: string[];
  /** Receives what detections print (their stdout and stderr). Default: kept only for crash reports. */
  onOutput?: (text: string) => void;
  /**
   * Storage of `detection.remotecache`: an SQLite file shared by all workers (created if
   * missing). Without it, remotecache methods raise NotImplementedError.
   */
  remoteCache?: { sqlitePath: string };
  /**
   * Enrichment rows for `from detection.enrichment import <table>`: `{ table: { key: row } }`
   * (test fixtures; enrichment tables come later). A table not given raises when looked up.
   */
  enrichment?: Record<string, Record<string, unknown>>;
  /**
   * Time for a worker to import every detect.py; a detection whose import exceeds it is left
   * out (an `ImportTimeout` load error). Default: 60 s, or `timeoutMs` when longer.
   */
  startupTimeoutMs?: number;
}

interface PythonInit {
  paths: string[];
  remotecache_sqlite: string | null;
  enrichment: Record<string, Record<string, unknown>> | null;
  detections: { name: string; path: string; display_name: string | null; severity: Severity }[];
}

export interface PythonPool {
  /** Runs every python detection on `table` over the records (each a JSON object text). */
  run(table: string, recordsJson: string[]): Promise<DetectionResult[]>;
  /** Detections that failed to import (they are skipped by `run`). Resolves when a worker is up. */
  loadErrors(): Promise<DetectionLoadError[]>;
  close(): Promise<void>;
}

/** Where worker.py lives: beside this module (src), or in the package's src/ when built to dist/. */
export function workerScriptPath(): string {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.py');
  if (existsSync(here)) return here;
  return path.join(packageRoot(), 'src', 'detect', 'python', 'worker.py');
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
  count: number;
  /** The record lines, newline-terminated. */
  body: string;
  /** UTF-8 size of `body`. */
  bytes: number;
  /** Detections still to run on this batch, in order. */
  remaining: string[];
}

interface WireError {
  type: string;
  message: string;
  traceback: string;
  function?: string;
}

interface WireMatch {
  title: string;
  dedupe: string;
  severity: Severity;
  description?: string;
  runbook?: string;
  reference?: string;
  destinations?: string[];
  alert_context?: string;
  warnings?: string[];
}

type WireResult = [number, { m?: WireMatch; e?: WireError }];

const STDERR_TAIL = 8192;
/** Batches written ahead to a worker, so it never waits for the next one. */
const PIPELINE_DEPTH = 2;

class Worker {
  proc: ChildProcess;
  ready = false;
  dead = false;
  killedByUs = false;
  /** Batches written to the worker, oldest (the running one) first. */
  inflight: { job: Job; id: number }[] = [];
  timer: NodeJS.Timeout | undefined;
  /** The detection being imported while starting. */
  loading: string | undefined;
  private startTimer_: NodeJS.Timeout | undefined;
  private buf = '';
  stderrTail = '';

  constructor(
    private pool: Pool,
    python: string,
    script: string,
    init: string,
  ) {
    this.proc = spawn(python, [script], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PYTHONIOENCODING: 'utf-8:backslashreplace',
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONUNBUFFERED: '1',
      },
    });
    this.proc.stdout!.setEncoding('utf8');
    this.proc.stdout!.on('data', (chunk: string) => this.onData(chunk));
    this.proc.stderr!.setEncoding('utf8');
    this.proc.stderr!.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
      this.pool.opts.onOutput?.(chunk);
    });
    this.proc.stdin!.on('error', () => {
      /* EPIPE when the worker died; its exit handler reports it */
    });
    this.proc.on('error', (err) => this.onExit(null, null, err));
    this.proc.on('exit', (code, signal) => this.onExit(code, signal));
    this.proc.stdin!.write(init);
    this.startTimer_ = setTimeout(() => {
      this.kill();
      this.pool.importFailed(this, 'ImportTimeout', `did not finish within ${this.pool.startupTimeoutMs} ms`);
    }, this.pool.startupTimeoutMs);
  }

  private onData(chunk: string): void {
    if (this.dead) return;
    this.buf += chunk;
    let nl = this.buf.indexOf('\n');
    while (nl >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      if (line.length > 0) this.onMessage(line);
      if (this.dead) return;
      nl = this.buf.indexOf('\n');
    }
  }

  private onMessage(line: string): void {
    let msg: { t: string; id?: number; d?: string; r?: WireResult[]; errors?: DetectionLoadError[] };
    try {
      msg = JSON.parse(line);
    } catch {
      this.fail(`unreadable message from the Python worker: ${line.slice(0, 200)}`);
      return;
    }
    if (msg.t === 'ready') {
      this.ready = true;
      clearTimeout(this.startTimer_);
      this.pool.onReady(this, msg.errors ?? []);
    } else if (msg.t === 'loading') {
      this.loading = msg.d;
    } else if (msg.t === 'chunk') {
      const head = this.inflight[0];
      const job = head?.job;
      if (!head || !job || msg.id !== head.id || job.remaining[0] !== msg.d) {
        this.fail(`unexpected message from the Python worker: ${line.slice(0, 200)}`);
        return;
      }
      job.remaining.shift();
      this.pool.collect(job, msg.d!, msg.r ?? []);
      if (job.remaining.length === 0) {
        clearTimeout(this.timer);
        this.inflight.shift();
        if (this.inflight.length > 0) this.startTimer();
        this.pool.jobDone(job);
        this.pool.dispatch();
      }
    }
  }

  /** Writes a batch; the worker reads it as soon as it finishes the one before (pipelining). */
  send(job: Job, id: number): void {
    const header = JSON.stringify({ id, detections: job.remaining, n: job.count, bytes: job.bytes });
    this.inflight.push({ job, id });
    this.proc.stdin!.write(header + '\n' + job.body);
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

  private fail(reason: string): void {
    this.kill();
    this.pool.interrupted(this, 'WorkerExited', reason);
  }

  /** Ends the worker: EOF when idle (it exits by itself), SIGKILL when busy or slow to exit. */
  shutdown(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) resolve();
      // 'close' comes after stdout and stderr are drained, so onOutput has seen everything
      this.proc.once('close', () => resolve());
    });
    if (this.inflight.length > 0 || !this.ready) {
      this.kill();
    } else {
      this.killedByUs = true;
      this.dead = true;
      this.proc.stdin!.end();
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 2000);
      void closed.then(() => clearTimeout(t));
    }
    return closed;
  }

  kill(): void {
    if (this.dead) return;
    this.killedByUs = true;
    this.dead = true;
    clearTimeout(this.timer);
    clearTimeout(this.startTimer_);
    this.proc.kill('SIGKILL');
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, err?: Error): void {
    clearTimeout(this.timer);
    clearTimeout(this.startTimer_);
    if (this.killedByUs) return;
    const wasDead = this.dead;
    this.dead = true;
    if (wasDead) return;
    const why = err
      ? `could not start ${JSON.stringify(this.pool.interpreter)}: ${err.message}`
      : `exited with ${signal ? `signal ${signal}` : `code ${code}`}`;
    const tail = this.stderrTail.trim();
    const reason = `the Python worker ${why}${tail ? `; its last output:\n${tail}` : ''}`;
    if (!this.ready && this.loading !== undefined)
      this.pool.importFailed(this, 'ImportCrashed', `made the worker exit: ${reason}`);
    else if (!this.ready) this.pool.startupFailed(this, reason);
    else this.pool.interrupted(this, 'WorkerExited', reason);
  }
}

class Pool implements PythonPool {
  readonly interpreter: string;
  private readonly script: string;
  private init = '';
  private readonly python: PythonInit;
  readonly startupTimeoutMs: number;
  /** Detections whose import hung: left out of the workers' init, reported as load errors. */
  private readonly hungImports: DetectionLoadError[] = [];
  private readonly byTable = new Map<string, DetectionConfig[]>();
  private readonly byName = new Map<string, DetectionConfig>();
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  readonly timeoutMs: number;
  private readonly batchSize: number;
  private nextJobId = 1;
  private closed = false;
  private broken: Error | undefined;
  private readonly runs = new Set<RunState>();
  private loaded: DetectionLoadError[] | undefined;
  private readonly loadWaiters: { resolve: (e: DetectionLoadError[]) => void; reject: (e: Error) => void }[] =
    [];
  private failed = new Set<string>();
  private startFailures = 0;

  constructor(readonly opts: PythonPoolOptions) {
    this.interpreter = opts.python ?? 'python3';
    this.startupTimeoutMs = opts.startupTimeoutMs ?? Math.max(60_000, opts.timeoutMs ?? 0);
    this.script = workerScriptPath();
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.batchSize = Math.max(1, opts.batchSize ?? 1000);
    const dets = opts.detections.filter((d) => d.enabled && d.code.language === 'python');
    const paths = new Set<string>();
    for (const d of dets) {
      this.byName.set(d.name, d);
      for (const t of d.tables) {
        const list = this.byTable.get(t) ?? [];
        list.push(d);
        this.byTable.set(t, list);
      }
      // detections/<dir>/detect.py: the detections folder holds shared helper modules
      paths.add(path.dirname(path.dirname(d.code.path)));
    }
    for (const p of opts.pythonPath ?? []) paths.add(path.resolve(p));
    this.python = {
      paths: [...paths],
      remotecache_sqlite: opts.remoteCache ? path.resolve(opts.remoteCache.sqlitePath) : null,
      enrichment: opts.enrichment ?? null,
      detections: dets.map((d) => ({
        name: d.name,
        path: d.code.path,
        display_name: d.displayName ?? null,
        severity: d.alert.severity,
      })),
    };
    this.init = JSON.stringify(this.python) + '\n';
    const n = Math.max(1, opts.workers ?? os.availableParallelism());
    for (let i = 0; i < n; i++) this.spawn();
  }

  private spawn(): void {
    if (this.closed || this.broken) return;
    this.workers.add(new Worker(this, this.interpreter, this.script, this.init));
  }

  /**
   * A worker hung or died while importing a detect.py: leave that detection out (a load error)
   * and start workers without it.
   */
  importFailed(w: Worker, type: string, what: string): void {
    this.workers.delete(w);
    this.queue.unshift(...w.inflight.splice(0).map((x) => x.job));
    const name = w.loading;
    if (name === undefined) return this.startupFailed(w, `the Python worker ${what}`);
    if (this.hungImports.some((e) => e.detection === name)) {
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
    this.hungImports.push(error);
    this.failed.add(name);
    if (this.loaded) this.loaded.push(error);
    this.python.detections = this.python.detections.filter((d) => d.name !== name);
    this.init = JSON.stringify(this.python) + '\n';
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

  onReady(_w: Worker, errors: DetectionLoadError[]): void {
    this.startFailures = 0;
    if (this.loaded === undefined) {
      errors = [...this.hungImports, ...errors];
      this.loaded = errors;
      for (const e of errors) this.failed.add(e.detection);
      for (const w of this.loadWaiters.splice(0)) w.resolve(errors);
    }
    this.dispatch();
  }

  loadErrors(): Promise<DetectionLoadError[]> {
    if (this.loaded) return Promise.resolve(this.loaded);
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => this.loadWaiters.push({ resolve, reject }));
  }

  async run(table: string, recordsJson: string[]): Promise<DetectionResult[]> {
    if (this.closed) throw new Error('the Python detection pool is closed');
    await this.loadErrors();
    if (this.closed) throw new Error('the Python detection pool is closed');
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
        const slice = recordsJson.slice(off, off + this.batchSize);
        let body = '';
        for (const r of slice) body += (r.includes('\n') ? r.replace(/\n/g, ' ') : r) + '\n';
        const bytes = Buffer.byteLength(body, 'utf8');
        this.queue.push({ run: state, offset: off, count: slice.length, body, bytes, remaining: [...names] });
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
        match.alertContext = /\d{16}/.test(m.alert_context)
          ? parseJson(m.alert_context)
          : JSON.parse(m.alert_context);
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

  /** The worker was killed (timeout, protocol error) or died: blame the detection it was running. */
  interrupted(w: Worker, type: string, reason: string): void {
    this.workers.delete(w);
    const [head, ...notStarted] = w.inflight.splice(0);
    // batches written behind the interrupted one had not started: they go back to the queue
    this.queue.unshift(...notStarted.map((x) => x.job));
    const job = head?.job;
    if (job && job.remaining.length > 0) {
      const culprit = job.remaining.shift()!;
      const message =
        type === 'DetectionTimeout'
          ? `detection ${JSON.stringify(culprit)} ${reason} on a batch of ${job.count} record(s); its worker was killed and replaced`
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

  startupFailed(w: Worker, reason: string): void {
    this.workers.delete(w);
    this.queue.unshift(...w.inflight.splice(0).map((x) => x.job));
    // a worker that never came up is not worth retrying: the interpreter or worker.py is broken
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
    for (const w of this.workers) {
      if (w.dead) continue;
      exits.push(w.shutdown());
    }
    this.workers.clear();
    this.failAll(new Error('the Python detection pool was closed'));
    await Promise.all(exits);
  }
}

export function createPythonPool(opts: PythonPoolOptions): PythonPool {
  return new Pool(opts);
}
