/**
 * Runs one collector once: pages are pulled after the saved cursor; each page's records are
 * written as NDJSON to `<stateDir>/collect/<log_source>/`, handed to the sink (the ingest path)
 * with the ledger identity `<log_source>:collector:<table>:<sha256 of the file>`, then the page's
 * cursor is saved and the file deleted. A crash between the commit and the cursor save re-pulls
 * the same page on the next run; its bytes hash the same, so the ingest ledger skips it. A page
 * without records only saves its cursor.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputFile } from '../../pipeline/inputs.js';
import type { IngestSummary } from '../../pipeline/summary.js';
import { leaseOwner, type CursorStore, type LeaseHolder } from './state.js';
import type { Collector, CollectorContext } from './types.js';

export interface CollectorSinkArgs {
  logSource: string;
  /** Short table name of the managed source (the page's `table`). */
  table: string;
  input: InputFile;
}

/** Ingests one page file; returns the ingest summary when it has one (the CLI's `ingestFiles`). */
export type CollectorSink = (args: CollectorSinkArgs) => Promise<IngestSummary | void>;

export interface CollectorRunResult {
  logSource: string;
  collector: string;
  /** Pages pulled (with or without records). */
  pages: number;
  records: number;
  /** From the sink's summaries, when it returns them. */
  committed: number;
  deadLettered: number;
  filtered: number;
  /** Pages the ingest ledger had already (re-pulled after a crash). */
  skippedPages: number;
  /** The cursor saved last (the one in the store after the run). */
  cursor: unknown;
  durationMs: number;
}

export interface RunCollectorOptions {
  logSource: string;
  collector: Collector;
  ctx: CollectorContext;
  store: CursorStore;
  sink: CollectorSink;
  /** The lake's state directory (`lake.stateDir`, `<lake>/.lakewatch`): pages go to `collect/<log_source>/` under it. */
  stateDir: string;
  /** Called after each page is committed and its cursor saved (progress, partial counts when a later page fails). */
  onPage?: (result: CollectorRunResult) => void;
  /** This process's lease owner id (default: a new one per run, see `leaseOwner`). */
  owner?: string;
  /** Lease length, renewed after each page; default 15 minutes. */
  leaseMs?: number;
}

/** Another process is pulling this log source (it holds the lease). */
export class CollectorBusyError extends Error {
  override readonly name = 'CollectorBusyError';
  constructor(
    readonly logSource: string,
    readonly holder: LeaseHolder,
  ) {
    super(
      `log source "${logSource}" is being pulled by another process (${holder.owner}, lease until ${new Date(holder.expiresAt).toISOString()})`,
    );
  }
}

/** `<log_source>:collector:<table>:<sha256>`: the page's identity in the ingest ledger. */
export function pageIdentity(logSource: string, table: string, sha256: string): string {
  return `${logSource}:collector:${table}:${sha256}`;
}

export function collectDir(stateDir: string, logSource: string): string {
  return path.join(stateDir, 'collect', logSource);
}

/** Serializes records as NDJSON (one JSON object per line). */
export function toNdjson(records: unknown[]): Buffer {
  return Buffer.from(records.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8');
}

export async function runCollector(opts: RunCollectorOptions): Promise<CollectorRunResult> {
  const { logSource, store } = opts;
  const owner = opts.owner ?? leaseOwner();
  const leaseMs = opts.leaseMs ?? 15 * 60_000;
  const lease = store.acquire(logSource, owner, leaseMs);
  if (!lease.ok) throw new CollectorBusyError(logSource, lease.holder);
  try {
    return await pullAndIngest(opts, () => {
      if (!store.renew(logSource, owner, leaseMs))
        throw new Error(
          `log source "${logSource}": the pull lease was taken over by another process; stopping`,
        );
    });
  } finally {
    store.release(logSource, owner);
  }
}

async function pullAndIngest(opts: RunCollectorOptions, renew: () => void): Promise<CollectorRunResult> {
  const started = Date.now();
  const { logSource, collector, ctx, store } = opts;
  const dir = collectDir(opts.stateDir, logSource);
  await mkdir(dir, { recursive: true });
  // Files left by a run that stopped before saving their cursor: that page is pulled again.
  for (const name of await readdir(dir))
    if (name.endsWith('.ndjson')) await rm(path.join(dir, name), { force: true });

  const saved = store.get(logSource);
  let cursor: unknown = undefined;
  if (saved && saved.collector === collector.type) cursor = saved.cursor;
  else if (saved)
    ctx.log(
      `${logSource}: the saved cursor is a ${saved.collector} collector's; starting ${collector.type} from the beginning`,
    );

  const result: CollectorRunResult = {
    logSource,
    collector: collector.type,
    pages: 0,
    records: 0,
    committed: 0,
    deadLettered: 0,
    filtered: 0,
    skippedPages: 0,
    cursor,
    durationMs: 0,
  };
  let seq = 0;
  for await (const page of collector.pull(cursor, ctx)) {
    ctx.signal.throwIfAborted();
    renew();
    result.pages++;
    if (page.records.length > 0) {
      const bytes = toNdjson(page.records);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const file = path.join(
        dir,
        `${safeName(page.table)}-${Date.now()}-${String(seq++).padStart(5, '0')}.ndjson`,
      );
      await writeFile(file, bytes);
      try {
        const info = await stat(file);
        const input: InputFile = {
          path: file,
          size: info.size,
          mtimeMs: Math.trunc(info.mtimeMs),
          identity: pageIdentity(logSource, page.table, sha),
        };
        const summary = await opts.sink({ logSource, table: page.table, input });
        if (summary) {
          result.committed += summary.committed;
          result.deadLettered += summary.deadLettered;
          result.filtered += summary.filtered;
          result.skippedPages += summary.skipped;
        }
        result.records += page.records.length;
        store.save(logSource, collector.type, page.cursor);
      } finally {
        await rm(file, { force: true });
      }
    } else {
      store.save(logSource, collector.type, page.cursor);
    }
    result.cursor = page.cursor;
    result.durationMs = Date.now() - started;
    opts.onPage?.({ ...result });
  }
  result.durationMs = Date.now() - started;
  return result;
}

function safeName(table: string): string {
  return table.replace(/[^A-Za-z0-9_.-]/g, '_');
}
