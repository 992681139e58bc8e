/**
 * Commit loops: refresh → re-apply → compare-and-swap, with exponential backoff on
 * CommitFailedError (another writer won the race). Snapshot commits across several tables go
 * through ONE catalog transaction together with the ledger rows.
 */
import type {
  Catalog,
  IngestHistoryEntry,
  LedgerEntry,
  LoadedTable,
  TableIdentifier,
} from '../catalog/catalog.js';
import { CommitFailedError, CommitStateUnknownError } from '../errors.js';
import type { TableRequirement, TableUpdate } from '../iceberg/updates.js';
import type { SnapshotProducer } from './snapshot-producer.js';

export interface RetryOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function backoff(attempt: number, o: RetryOptions): number {
  const base = o.baseDelayMs ?? 10;
  const cap = o.maxDelayMs ?? 2_000;
  const d = Math.min(cap, base * 2 ** attempt);
  return d / 2 + Math.random() * (d / 2);
}

/**
 * `history`, given the bases of one attempt (in `items` order), returns the ingest-history rows
 * committed in the same transaction.
 */
export async function commitSnapshots(
  catalog: Catalog,
  items: { id: TableIdentifier; producer: SnapshotProducer }[],
  ledger: LedgerEntry[],
  retry: RetryOptions = {},
  history?: (bases: LoadedTable[]) => IngestHistoryEntry[],
): Promise<{ tables: LoadedTable[]; attempts: number }> {
  const max = retry.maxAttempts ?? 20;
  for (let attempt = 0; ; attempt++) {
    try {
      const commits = [];
      for (const { id, producer } of items) {
        const base = await catalog.loadTable(id);
        const { requirements, updates } = await producer.produce(base);
        commits.push({ identifier: id, base, requirements, updates });
      }
      const tables = await catalog.commitTransaction(commits, ledger, history?.(commits.map((c) => c.base)));
      return { tables, attempts: attempt + 1 };
    } catch (err) {
      if (err instanceof CommitFailedError && attempt + 1 < max) {
        for (const { producer } of items) await producer.discardAttempt();
        await sleep(backoff(attempt, retry));
        continue;
      }
      // Unknown outcome: the files may be referenced now, so keep them.
      if (!(err instanceof CommitStateUnknownError))
        for (const { producer } of items) await producer.discardAll();
      throw err;
    }
  }
}

/** Metadata-only change with retries; `build` returns null when nothing needs to change. */
export async function commitUpdates(
  catalog: Catalog,
  id: TableIdentifier,
  build: (base: LoadedTable) => { requirements: TableRequirement[]; updates: TableUpdate[] } | null,
  retry: RetryOptions = {},
): Promise<LoadedTable> {
  const max = retry.maxAttempts ?? 20;
  for (let attempt = 0; ; attempt++) {
    const base = await catalog.loadTable(id);
    const change = build(base);
    if (!change || change.updates.length === 0) return base;
    try {
      const [t] = await catalog.commitTransaction([{ identifier: id, base, ...change }]);
      return t!;
    } catch (err) {
      if (err instanceof CommitFailedError && attempt + 1 < max) {
        await sleep(backoff(attempt, retry));
        continue;
      }
      throw err;
    }
  }
}
