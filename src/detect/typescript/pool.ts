/**
 * The script pool: TypeScript and JavaScript detections in worker threads, with the same
 * results, resolution rules, batching and timeout handling as the Python pool.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DetectionConfig } from '../../config/types.js';
import { PoolCore, PoolWorker, type Job } from '../pool/core.js';
import type { DetectionLoadError, DetectionResult } from '../pool/types.js';
import { parseJsonText } from '../remotecache/json.js';
import { bundleDetection, bundleWorker } from './bundle.js';
import type { FromWorker, ToWorker, WorkerDetection, WorkerInit } from './protocol.js';

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

class ScriptWorker extends PoolWorker<string[]> {
  readonly thread: Worker;
  private fatal: string | undefined;
  private readonly exitedP: Promise<void>;

  constructor(pool: Pool, url: URL, init: WorkerInit) {
    super(pool);
    this.thread = new Worker(url, { workerData: init, stdout: true, stderr: true });
    for (const stream of [this.thread.stdout, this.thread.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.output(chunk));
    }
    this.exitedP = new Promise((resolve) => this.thread.once('exit', () => resolve()));
    this.thread.on('message', (msg: FromWorker) => this.onMessage(msg));
    this.thread.on('error', (err) => {
      this.fatal ??= err.stack ?? err.message;
    });
    this.thread.on('exit', (code) => this.onExit(code));
    this.watchStartup();
  }

  private onMessage(msg: FromWorker): void {
    if (this.dead) return;
    if (msg.t === 'ready') {
      this.readied(msg.errors);
    } else if (msg.t === 'loading') {
      this.loadingDetection(msg.d);
    } else if (msg.t === 'fatal') {
      this.fatal = msg.message;
      this.kill();
      if (this.ready) this.pool.interrupted(this, 'WorkerExited', msg.message);
      else this.pool.startupFailed(this, msg.message);
    } else if (msg.t === 'chunk') {
      this.chunk(
        msg.id,
        msg.d,
        msg.r,
        () => `unexpected message from the detection worker (batch ${msg.id}, ${msg.d})`,
      );
    }
  }

  protected write(job: Job<string[]>, id: number): void {
    const msg: ToWorker = { t: 'batch', id, detections: [...job.remaining], records: job.batch };
    this.thread.postMessage(msg);
  }

  protected terminate(): void {
    void this.thread.terminate();
  }

  protected askToExit(): void {
    this.thread.postMessage({ t: 'close' } satisfies ToWorker);
  }

  protected whenExited(): Promise<void> {
    return this.exitedP;
  }

  protected whenDead(): Promise<void> {
    return this.exitedP;
  }

  private onExit(code: number): void {
    this.exited(this.fatal ? `failed: ${this.fatal}` : `exited with code ${code}`);
  }
}

class Pool extends PoolCore<string[]> implements ScriptPool {
  private init: WorkerInit | undefined;
  private workerUrl: URL | undefined;

  constructor(override readonly opts: ScriptPoolOptions) {
    super(
      opts,
      { pool: 'script detection pool', worker: 'detection worker', replaced: 'terminated' },
      opts.detections.filter(
        (d) => d.enabled && (d.code.language === 'typescript' || d.code.language === 'javascript'),
      ),
      true,
    );
    this.prepare().catch((err: unknown) => {
      this.broken = new Error(
        `the script detection pool could not start: ${(err as Error)?.message ?? String(err)}`,
      );
      this.failAll(this.broken);
    });
  }

  /** Bundles the detections (and the worker), then starts the workers. */
  private async prepare(): Promise<void> {
    if (this.detections.length === 0) return this.setLoaded([]);
    const [workerCode, bundles] = await Promise.all([
      bundleWorker(),
      Promise.all(this.detections.map((d) => bundleDetection(d.code.path))),
    ]);
    if (this.closed) return;
    const detections: WorkerDetection[] = [];
    this.detections.forEach((d, i) => {
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

  protected createWorker(): ScriptWorker | undefined {
    if (!this.init || !this.workerUrl) return undefined;
    return new ScriptWorker(this, this.workerUrl, this.init);
  }

  protected makeBatch(records: string[]): string[] {
    return records;
  }

  protected leaveOut(detection: string): void {
    if (this.init)
      this.init = { ...this.init, detections: this.init.detections.filter((d) => d.name !== detection) };
  }

  protected parseAlertContext(json: string): unknown {
    return parseJsonText(json);
  }
}

export function createScriptPool(opts: ScriptPoolOptions): ScriptPool {
  return new Pool(opts);
}
