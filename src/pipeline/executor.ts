/**
 * Where a commit group's records are processed: in this thread (LocalExecutor) or in an ingest
 * worker thread (WorkerExecutor, one per core), behind one interface so the orchestrator does
 * not care. Workers each open the lake themselves (own DuckDB, same catalog) and write their
 * own Parquet files; only the orchestrator commits.
 */
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { LakeDirectory, LogSource } from '../config/index.js';
import type { Lake } from '../lake/index.js';
import { packageRoot } from '../util/index.js';
import { GroupWriter, type GroupResult } from './group-writer.js';
import type { WorkUnit } from './inputs.js';
import type { RecordTransform } from './transform.js';

export interface GroupExecutor {
  ingest(unit: WorkUnit, ingestTs: number): Promise<void>;
  finish(): Promise<GroupResult>;
  abort(): Promise<void>;
  close(): Promise<void>;
}

export type ProgressSink = (bytes: number, records: number) => void;

export class LocalExecutor implements GroupExecutor {
  private readonly writer: GroupWriter;
  constructor(
    lake: Lake,
    source: LogSource,
    defaultTable: string,
    transform: RecordTransform,
    onProgress: ProgressSink,
  ) {
    this.writer = new GroupWriter({ lake, source, defaultTable, transform, onProgress });
  }
  ingest(unit: WorkUnit, ingestTs: number): Promise<void> {
    return this.writer.ingestInput(unit, ingestTs);
  }
  finish(): Promise<GroupResult> {
    return this.writer.finish();
  }
  abort(): Promise<void> {
    return this.writer.abort();
  }
  async close(): Promise<void> {}
}

/** What a worker needs to rebuild the same ingest on its side. */
export interface WorkerInit {
  lakeRoot: string;
  stateDir: string;
  namespace: string;
  lakeDirPath: string;
  logSource: string;
  table?: string;
  defaultTable: string;
}

export type WorkerRequest =
  | { type: 'ingest'; id: number; unit: WorkUnit; ingestTs: number }
  | { type: 'finish'; id: number }
  | { type: 'abort'; id: number }
  | { type: 'close'; id: number };

export type WorkerReply =
  | { type: 'progress'; bytes: number; records: number }
  | { type: 'done'; id: number; result?: GroupResult }
  | { type: 'error'; id: number; message: string };

export class WorkerExecutor implements GroupExecutor {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r?: GroupResult) => void; reject: (e: Error) => void }
  >();
  private failure: Error | null = null;

  constructor(init: WorkerInit, onProgress: ProgressSink) {
    this.worker = new Worker(path.join(packageRoot(), 'dist', 'pipeline', 'worker.js'), { workerData: init });
    this.worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'progress') return onProgress(msg.bytes, msg.records);
      const waiter = this.waiting.get(msg.id);
      if (!waiter) return;
      this.waiting.delete(msg.id);
      if (msg.type === 'done') waiter.resolve(msg.result);
      else waiter.reject(new Error(msg.message));
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`ingest worker exited (code ${code})`)));
  }

  private request(
    msg: { type: WorkerRequest['type'] } & Partial<WorkerRequest>,
  ): Promise<GroupResult | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  async ingest(unit: WorkUnit, ingestTs: number): Promise<void> {
    await this.request({ type: 'ingest', unit, ingestTs });
  }
  async finish(): Promise<GroupResult> {
    return (await this.request({ type: 'finish' }))!;
  }
  async abort(): Promise<void> {
    if (this.failure) return;
    await this.request({ type: 'abort' });
  }
  async close(): Promise<void> {
    if (!this.failure) await this.request({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}

export function workerInit(
  lake: Lake,
  lakeDir: LakeDirectory,
  logSource: string,
  defaultTable: string,
  table?: string,
): WorkerInit {
  return {
    lakeRoot: lake.root,
    stateDir: lake.stateDir,
    namespace: lake.namespace,
    lakeDirPath: lakeDir.dir,
    logSource,
    table,
    defaultTable,
  };
}
