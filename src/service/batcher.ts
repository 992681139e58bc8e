/**
 * Spooled requests become table batches: per log source, the waiting requests are ingested
 * together once `flushBytes` of them wait or the oldest has waited `flushIntervalMs`, so
 * realtime detections see events within about the flush interval while commits stay large
 * enough to keep the table healthy. A failed batch stays in the spool and is retried with
 * backoff; nothing is dropped.
 */
import type { IngestSummary } from '../pipeline/index.js';
import type { IngestQueue, SourceStatus } from './types.js';
import { Spool, type SpoolEntry } from './spool.js';

export interface BatcherOptions {
  spool: Spool;
  queue: IngestQueue;
  flushIntervalMs: number;
  flushBytes: number;
  /** `commit`: a request's `accepted` promise resolves only after its batch commits. */
  ack: 'spool' | 'commit';
  /** True when the ledger already has this identity (decides a failed batch's fate in commit mode). */
  committed: (identity: string) => Promise<boolean>;
  log: (line: string) => void;
  onCommitted?: (logSource: string, summary: IngestSummary, entries: SpoolEntry[]) => void;
}

interface Waiter {
  entry: SpoolEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface SourceBatch {
  waiting: SpoolEntry[];
  bytes: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  /** Commit-mode requests waiting for their batch. */
  waiters: Map<string, Waiter>;
  failures: number;
  lastCommitAt: string | null;
  lastCommitEvents: number;
  lastError: string | null;
}

const MAX_BACKOFF_MS = 30_000;

export class Batcher {
  private readonly sources = new Map<string, SourceBatch>();
  private stopping = false;

  constructor(private readonly opts: BatcherOptions) {}

  /**
   * Adds a spooled request; in commit mode the promise resolves when it is committed. A request
   * found in the spool at start (`waiter: false`) has no client waiting: it is only retried.
   */
  add(entry: SpoolEntry, opts: { waiter?: boolean } = {}): Promise<void> {
    const b = this.batch(entry.logSource);
    b.waiting.push(entry);
    b.bytes += entry.input.size;
    const done =
      this.opts.ack === 'commit' && opts.waiter !== false
        ? new Promise<void>((resolve, reject) => b.waiters.set(entry.requestId, { entry, resolve, reject }))
        : Promise.resolve();
    if (b.bytes >= this.opts.flushBytes) this.flushSoon(entry.logSource, 0);
    else if (!b.timer && !b.flushing) this.flushSoon(entry.logSource, this.opts.flushIntervalMs);
    return done;
  }

  /** Ingests everything waiting now (shutdown), retrying nothing. */
  async flushAll(): Promise<void> {
    this.stopping = true;
    for (const [name, b] of this.sources) {
      if (b.timer) clearTimeout(b.timer);
      b.timer = null;
      await b.flushing;
      if (b.waiting.length > 0) await this.flush(name);
    }
  }

  status(): Pick<
    SourceStatus,
    | 'logSource'
    | 'spoolPending'
    | 'spoolPendingBytes'
    | 'oldestPendingMs'
    | 'lastCommitAt'
    | 'lastCommitEvents'
    | 'lastError'
  >[] {
    const now = Date.now();
    return [...this.sources.entries()].map(([logSource, b]) => ({
      logSource,
      spoolPending: b.waiting.length,
      spoolPendingBytes: b.bytes,
      oldestPendingMs: b.waiting.length ? now - Math.min(...b.waiting.map((e) => e.receivedAt)) : null,
      lastCommitAt: b.lastCommitAt,
      lastCommitEvents: b.lastCommitEvents,
      lastError: b.lastError,
    }));
  }

  private batch(logSource: string): SourceBatch {
    let b = this.sources.get(logSource);
    if (!b) {
      b = {
        waiting: [],
        bytes: 0,
        timer: null,
        flushing: null,
        waiters: new Map(),
        failures: 0,
        lastCommitAt: null,
        lastCommitEvents: 0,
        lastError: null,
      };
      this.sources.set(logSource, b);
    }
    return b;
  }

  private flushSoon(logSource: string, delayMs: number): void {
    const b = this.batch(logSource);
    if (b.timer) clearTimeout(b.timer);
    b.timer = setTimeout(() => {
      b.timer = null;
      if (!b.flushing) void this.flush(logSource);
    }, delayMs);
  }

  private flush(logSource: string): Promise<void> {
    const b = this.batch(logSource);
    const entries = b.waiting;
    b.waiting = [];
    b.bytes = 0;
    const run = this.ingest(logSource, b, entries).finally(() => {
      b.flushing = null;
      if (this.stopping || b.waiting.length === 0) return;
      const backoff = b.failures ? Math.min(MAX_BACKOFF_MS, 500 * 2 ** (b.failures - 1)) : 0;
      const oldest = Math.min(...b.waiting.map((e) => e.receivedAt));
      const due = b.bytes >= this.opts.flushBytes ? 0 : oldest + this.opts.flushIntervalMs - Date.now();
      this.flushSoon(logSource, Math.max(backoff, due, 0));
    });
    b.flushing = run;
    return run;
  }

  private async ingest(logSource: string, b: SourceBatch, entries: SpoolEntry[]): Promise<void> {
    try {
      const summary = await this.opts.queue.ingest(
        logSource,
        entries.map((e) => e.input),
        'http',
      );
      b.failures = 0;
      b.lastError = null;
      b.lastCommitAt = new Date().toISOString();
      b.lastCommitEvents = summary.committed;
      await this.opts.spool.remove(entries);
      this.opts.onCommitted?.(logSource, summary, entries);
      for (const e of entries) this.settle(b, e, null);
    } catch (err) {
      b.failures++;
      b.lastError = err instanceof Error ? err.message : String(err);
      this.opts.log(
        `ingest of ${entries.length} spooled request(s) for log source "${logSource}" failed (attempt ${b.failures}, kept in the spool): ${b.lastError}`,
      );
      if (this.opts.ack === 'commit') {
        // a client waiting for the commit gets the error and may retry: its request must then
        // not be committed later too, unless the failure came after the commit
        const kept: SpoolEntry[] = [];
        for (const e of entries) {
          if (!b.waiters.has(e.requestId)) kept.push(e);
          else if (await this.opts.committed(e.input.identity!)) {
            await this.opts.spool.remove([e]);
            this.settle(b, e, null);
          } else {
            await this.opts.spool.remove([e]);
            this.settle(b, e, err);
          }
        }
        entries = kept;
      }
      b.waiting = [...entries, ...b.waiting];
      b.bytes += entries.reduce((n, e) => n + e.input.size, 0);
    }
  }

  private settle(b: SourceBatch, e: SpoolEntry, err: unknown): void {
    const w = b.waiters.get(e.requestId);
    if (!w) return;
    b.waiters.delete(e.requestId);
    if (err) w.reject(err);
    else w.resolve();
  }
}
