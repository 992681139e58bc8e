import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DetectionConfig, Severity } from '../../config/types.js';
import { parseJsonText } from '../remotecache/json.js';
import { packageRoot } from '../../util/package-root.js';
import { PoolCore, PoolWorker, type Job } from '../pool/core.js';
import type { DetectionLoadError, DetectionResult } from '../pool/types.js';
import type { WireResult } from '../pool/wire.js';

// the result types live in ../pool/types.ts; the script worker still imports these two from here
export type { DetectionErrorInfo, DetectionLoadError } from '../pool/types.js';

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

/** A batch as the worker reads it: the record lines, newline-terminated, and their UTF-8 size. */
interface PythonBatch {
  body: string;
  bytes: number;
}

type Message = { t: string; id?: number; d?: string; r?: WireResult[]; errors?: DetectionLoadError[] };

class Worker extends PoolWorker<PythonBatch> {
  proc: ChildProcess;
  private buf = '';

  constructor(
    pool: Pool,
    private readonly interpreter: string,
    script: string,
    init: string,
  ) {
    super(pool);
    this.proc = spawn(interpreter, [script], {
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
    this.proc.stderr!.on('data', (chunk: string) => this.output(chunk));
    this.proc.stdin!.on('error', () => {
      /* EPIPE when the worker died; its exit handler reports it */
    });
    this.proc.on('error', (err) => this.onExit(null, null, err));
    this.proc.on('exit', (code, signal) => this.onExit(code, signal));
    this.proc.stdin!.write(init);
    this.watchStartup();
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
    let msg: Message;
    try {
      msg = JSON.parse(line);
    } catch {
      this.kill();
      this.pool.interrupted(
        this,
        'WorkerExited',
        `unreadable message from the Python worker: ${line.slice(0, 200)}`,
      );
      return;
    }
    if (msg.t === 'ready') this.readied(msg.errors ?? []);
    else if (msg.t === 'loading') this.loadingDetection(msg.d);
    else if (msg.t === 'chunk')
      this.chunk(
        msg.id,
        msg.d,
        msg.r ?? [],
        () => `unexpected message from the Python worker: ${line.slice(0, 200)}`,
      );
  }

  protected write(job: Job<PythonBatch>, id: number): void {
    const header = JSON.stringify({ id, detections: job.remaining, n: job.count, bytes: job.batch.bytes });
    this.proc.stdin!.write(header + '\n' + job.batch.body);
  }

  protected terminate(): void {
    this.proc.kill('SIGKILL');
  }

  /** EOF on stdin: the worker exits by itself. */
  protected askToExit(): void {
    this.proc.stdin!.end();
  }

  protected whenExited(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) resolve();
      // 'close' comes after stdout and stderr are drained, so onOutput has seen everything
      this.proc.once('close', () => resolve());
    });
  }

  protected whenDead(): Promise<void> {
    return Promise.resolve();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, err?: Error): void {
    this.exited(
      err
        ? `could not start ${JSON.stringify(this.interpreter)}: ${err.message}`
        : `exited with ${signal ? `signal ${signal}` : `code ${code}`}`,
    );
  }
}

class Pool extends PoolCore<PythonBatch> implements PythonPool {
  readonly interpreter: string;
  private readonly script: string;
  private init = '';
  private readonly python: PythonInit;

  constructor(opts: PythonPoolOptions) {
    super(
      opts,
      { pool: 'Python detection pool', worker: 'Python worker', replaced: 'killed' },
      opts.detections.filter((d) => d.enabled && d.code.language === 'python'),
      false,
    );
    this.interpreter = opts.python ?? 'python3';
    this.script = workerScriptPath();
    const paths = new Set<string>();
    // detections/<dir>/detect.py: the detections folder holds shared helper modules
    for (const d of this.detections) paths.add(path.dirname(path.dirname(d.code.path)));
    for (const p of opts.pythonPath ?? []) paths.add(path.resolve(p));
    this.python = {
      paths: [...paths],
      remotecache_sqlite: opts.remoteCache ? path.resolve(opts.remoteCache.sqlitePath) : null,
      enrichment: opts.enrichment ?? null,
      detections: this.detections.map((d) => ({
        name: d.name,
        path: d.code.path,
        display_name: d.displayName ?? null,
        severity: d.alert.severity,
      })),
    };
    this.init = JSON.stringify(this.python) + '\n';
    for (let i = 0; i < this.workerCount; i++) this.spawn();
  }

  protected createWorker(): Worker {
    return new Worker(this, this.interpreter, this.script, this.init);
  }

  protected makeBatch(records: string[]): PythonBatch {
    let body = '';
    for (const r of records) body += (r.includes('\n') ? r.replace(/\n/g, ' ') : r) + '\n';
    return { body, bytes: Buffer.byteLength(body, 'utf8') };
  }

  protected leaveOut(detection: string): void {
    this.python.detections = this.python.detections.filter((d) => d.name !== detection);
    this.init = JSON.stringify(this.python) + '\n';
  }

  protected parseAlertContext(json: string): unknown {
    // Python's json.dumps writes NaN / Infinity: parseJsonText reads them as null
    return parseJsonText(json);
  }
}

export function createPythonPool(opts: PythonPoolOptions): PythonPool {
  return new Pool(opts);
}
