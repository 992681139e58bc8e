/**
 * The service's one ingest queue: batches (from the spool and from drop folders) and
 * maintenance jobs run one at a time, in arrival order, so commits, realtime detection and
 * compaction never race each other on the catalog.
 */
import type { IngestSummary, InputFile } from '../pipeline/index.js';
import type { IngestOrigin, IngestQueue } from './types.js';

export type IngestRunner = (
  logSource: string,
  inputs: InputFile[],
  origin: IngestOrigin,
  table?: string,
) => Promise<IngestSummary>;

export class SerialIngestQueue implements IngestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly run: IngestRunner) {}

  /** Jobs queued or running. */
  get depth(): number {
    return this.waiting;
  }

  ingest(
    logSource: string,
    inputs: InputFile[],
    origin: IngestOrigin,
    table?: string,
  ): Promise<IngestSummary> {
    return this.enqueue(() => this.run(logSource, inputs, origin, table));
  }

  exclusive<T>(_name: string, job: () => Promise<T>): Promise<T> {
    return this.enqueue(job);
  }

  /** Resolves once every job queued so far has finished. */
  async drain(): Promise<void> {
    while (this.waiting > 0) await this.tail.catch(() => undefined);
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(job).finally(() => this.waiting--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
