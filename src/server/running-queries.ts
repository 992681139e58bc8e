/** Queries in flight by id, so `DELETE /api/query/:queryId` can cancel one. */
import { randomUUID } from 'node:crypto';

export class RunningQueries {
  private readonly running = new Map<string, { controller: AbortController; startedAt: number }>();

  /**
   * Registers a query (a fresh id unless the client chose one) and returns its signal, which
   * aborts on `cancel(id)` or when `also` aborts (client gone). Call `done(id)` when it ends.
   */
  start(id: string | undefined, also?: AbortSignal): { id: string; signal: AbortSignal } | undefined {
    const queryId = id ?? randomUUID();
    if (this.running.has(queryId)) return undefined;
    const controller = new AbortController();
    this.running.set(queryId, { controller, startedAt: Date.now() });
    const signal = also ? AbortSignal.any([controller.signal, also]) : controller.signal;
    return { id: queryId, signal };
  }

  /** Aborts a running query; false when none has that id. */
  cancel(id: string): boolean {
    const query = this.running.get(id);
    if (!query) return false;
    query.controller.abort();
    return true;
  }

  /** When the query started (epoch ms), undefined when none with that id runs. */
  startedAt(id: string): number | undefined {
    return this.running.get(id)?.startedAt;
  }

  done(id: string): void {
    this.running.delete(id);
  }

  get size(): number {
    return this.running.size;
  }
}
