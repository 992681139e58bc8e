/**
 * Drop folders: `<root>/<log_source>/` for every log source. A file that appears there is
 * ingested once it is complete, then archived or deleted.
 *
 * Watching is a poller (every `settleMs / 2`, between 25 ms and 1 s), not fs events: a file
 * is taken only after its size and mtime have been seen unchanged for `settleMs`, so an event
 * would only start that clock a little earlier, and polling also works where inotify misses
 * changes (NFS, SMB, bind mounts into containers). A drop folder holds only the files not yet
 * taken, so a poll is a few `readdir` + `stat` calls.
 *
 * An empty file waits longer (`emptySettleMs`), since writers often create a file and fill it
 * later; once moved to the archive, later writes through an open handle would be lost.
 *
 * Once settled, a gzip or zstd file must also be a complete stream (see complete.ts); one
 * still truncated waits for its writer, and is ingested as it is (the pipeline keeps what is
 * readable and dead-letters the cut) only after `incompleteTimeoutMs` without any change.
 *
 * Settled files of a source go to `queue.ingest` together (up to `maxBatchFiles` /
 * `maxBatchBytes`). After the commit, each file is archived or deleted. Exactly once holds
 * across crashes because the ingest ledger knows every committed input by path+size+mtime and
 * by sha256: a file committed but not yet archived when the process died is skipped by the
 * next ingest, then archived. A failed ingest leaves the files where they are; they are
 * retried with exponential backoff, alone (so one bad file cannot hold back others).
 */
import { mkdirSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputFile, IngestSummary } from '../../pipeline/index.js';
import { ServiceUnavailableError, type IngestQueue } from '../../service/types.js';
import type { LakewatchMetrics } from '../../telemetry/metrics.js';
import { archiveFile, deleteFile } from './after-ingest.js';
import { checkComplete } from './complete.js';
import { PendingFiles, type PendingFile } from './pending.js';
import { isIgnoredName, scanFolder } from './scan.js';

export interface DropWatcherOptions {
  /** `service.drop.path`: holds one folder per log source. */
  root: string;
  logSources: string[];
  /** How long a file's size and mtime must stay unchanged before it is taken. */
  settleMs: number;
  afterIngest: 'archive' | 'delete';
  archivePath: string;
  queue: IngestQueue;
  metrics: LakewatchMetrics;
  log: (line: string) => void;
  /** Time between polls; default `settleMs / 2`, between 25 ms and 1 s. */
  pollMs?: number;
  /** A compressed file still truncated and unchanged after this long is ingested as it is. Default 1 h. */
  incompleteTimeoutMs?: number;
  /** Settle time of an empty file (created now, filled later?). Default 10 × settleMs, at least 30 s. */
  emptySettleMs?: number;
  /** Longest wait between retries of a failed file. Default 5 min. */
  maxBackoffMs?: number;
  /** Most files / input bytes handed to one `ingest` call. Defaults 100 files, 256 MiB. */
  maxBatchFiles?: number;
  maxBatchBytes?: number;
}

export interface DropSourceStatus {
  logSource: string;
  /** Absolute path of the source's drop folder. */
  dropFolder: string;
  /** Files in the folder not yet ingested (settling, waiting for a retry, or queued). */
  pendingFiles: number;
  /** Last successful ingest of a drop file (ISO 8601). */
  lastIngestAt: string | null;
  /** Error of the most recent failed file still waiting, or of listing the folder. */
  lastError: string | null;
}

export interface DropWatcher {
  /** Stops polling and waits for the ingest (and archiving) in flight. */
  stop(): Promise<void>;
  status(): DropSourceStatus[];
}

interface SourceState {
  name: string;
  folder: string;
  pending: PendingFiles;
  lastIngestAt: string | null;
  listError: string | null;
}

export function startDropWatcher(opts: DropWatcherOptions): DropWatcher {
  const root = path.resolve(opts.root);
  const archivePath = path.resolve(opts.archivePath);
  const pollMs = opts.pollMs ?? Math.min(1000, Math.max(25, Math.round(opts.settleMs / 2)));
  const incompleteTimeoutMs = opts.incompleteTimeoutMs ?? 3_600_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 300_000;
  const emptySettleMs = opts.emptySettleMs ?? Math.max(10 * opts.settleMs, 30_000);
  const backoffMs = Math.max(100, opts.settleMs);
  const maxBatchFiles = opts.maxBatchFiles ?? 100;
  const maxBatchBytes = opts.maxBatchBytes ?? 256 * 1024 * 1024;
  const skipDirs = new Set([archivePath]);
  const { log, metrics } = opts;

  const sources: SourceState[] = opts.logSources.map((name) => {
    const folder = path.join(root, name);
    try {
      mkdirSync(folder, { recursive: true });
    } catch (e) {
      throw new Error(`drop folder ${folder} for log source "${name}": ${(e as Error).message}`, {
        cause: e,
      });
    }
    return { name, folder, pending: new PendingFiles(), lastIngestAt: null, listError: null };
  });

  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const warned = new Set<string>();
  const warnOnce = (key: string, line: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    log(line);
  };

  const poll = () => {
    running = tick()
      .catch((e: unknown) => {
        const message = (e as Error).message;
        warnOnce(`poll:${message}`, `drop: poll failed: ${message}`);
      })
      .finally(() => {
        running = undefined;
        if (!stopping) {
          timer = setTimeout(poll, pollMs);
          timer.unref();
        }
      });
  };

  async function tick(): Promise<void> {
    await checkRoot();
    for (const src of sources) {
      if (stopping) return;
      try {
        await mkdir(src.folder, { recursive: true }); // a folder removed while running comes back
        src.pending.observe(await scanFolder(src.folder, skipDirs), Date.now());
        src.listError = null;
      } catch (e) {
        src.listError = `cannot list ${src.folder}: ${(e as Error).message}`;
        warnOnce(`list:${src.listError}`, `drop: ${src.name}: ${src.listError}`);
        continue;
      }
      await takeSettled(src);
    }
  }

  /** Says once about folders and files in the root that no log source will take. */
  async function checkRoot(): Promise<void> {
    const names = new Set(opts.logSources);
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (isIgnoredName(e.name) || names.has(e.name) || path.join(root, e.name) === archivePath) continue;
      if (e.isDirectory())
        warnOnce(
          `dir:${e.name}`,
          `drop: ${path.join(root, e.name)} is not a log source's folder; it is not watched`,
        );
      else
        warnOnce(
          `file:${e.name}`,
          `drop: ${path.join(root, e.name)} is not inside a log source's folder (${root}/<log_source>/); it is not ingested`,
        );
    }
  }

  async function takeSettled(src: SourceState): Promise<void> {
    const now = Date.now();
    const ready: PendingFile[] = [];
    for (const file of src.pending.settled(now, opts.settleMs, emptySettleMs)) {
      if (stopping) return;
      if (!(await isComplete(src, file, now))) continue;
      ready.push(file);
    }
    for (const batch of batches(ready)) {
      if (stopping) return;
      await ingestBatch(src, batch);
    }
  }

  async function isComplete(src: SourceState, file: PendingFile, now: number): Promise<boolean> {
    if (!file.completeness) {
      try {
        file.completeness = { ...(await checkComplete(file.path)), at: now };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') src.pending.forget(file);
        else fail(src, [file], `cannot read: ${(e as Error).message}`);
        return false;
      }
      if (file.completeness.state === 'truncated')
        log(`drop: ${src.name}: ${file.path}: ${file.completeness.reason}; waiting for its writer`);
    }
    const c = file.completeness;
    if (c.state !== 'truncated') return true;
    if (now - c.at < incompleteTimeoutMs) return false;
    warnOnce(
      `incomplete:${file.path}:${file.size}:${file.mtimeMs}`,
      `drop: ${src.name}: ${file.path}: unchanged for ${Math.round((now - c.at) / 1000)} s and still ${c.reason}; ingesting it as it is`,
    );
    return true;
  }

  /** Files that failed before go alone; the others in groups up to the batch limits. */
  function batches(files: PendingFile[]): PendingFile[][] {
    const out: PendingFile[][] = [];
    let current: PendingFile[] = [];
    let bytes = 0;
    for (const f of files) {
      if (f.failures > 0) {
        out.push([f]);
        continue;
      }
      if (current.length > 0 && (current.length >= maxBatchFiles || bytes + f.size > maxBatchBytes)) {
        out.push(current);
        current = [];
        bytes = 0;
      }
      current.push(f);
      bytes += f.size;
    }
    if (current.length) out.push(current);
    return out;
  }

  async function ingestBatch(src: SourceState, batch: PendingFile[]): Promise<void> {
    // Only the version that settled goes in: a file changed since then starts settling again.
    const files: PendingFile[] = [];
    for (const f of batch) {
      try {
        const now = await currentVersion(f.path);
        if (now === null) src.pending.forget(f);
        else if (now.size === f.size && now.mtimeMs === f.mtimeMs) files.push(f);
      } catch (e) {
        fail(src, [f], `cannot read: ${(e as Error).message}`);
      }
    }
    if (files.length === 0) return;
    const inputs: InputFile[] = files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs }));
    let summary: IngestSummary;
    try {
      summary = await opts.queue.ingest(src.name, inputs, 'drop');
    } catch (e) {
      if (stopping && e instanceof ServiceUnavailableError) return;
      fail(src, files, `ingest failed: ${(e as Error).message}`);
      metrics.dropFiles.inc({ log_source: src.name, outcome: 'failed' }, files.length);
      return;
    }
    src.lastIngestAt = new Date().toISOString();
    metrics.dropFiles.inc({ log_source: src.name, outcome: 'ingested' }, files.length);
    log(
      `drop: ${src.name}: ${files.length} file(s) committed: ${summary.committed} events, ` +
        `${summary.deadLettered} dead-lettered, ${summary.skipped} already ingested`,
    );
    for (const f of files) await settle(src, f);
  }

  /** Archives or deletes a committed file; a file changed during its ingest is left for another round. */
  async function settle(src: SourceState, file: PendingFile): Promise<void> {
    try {
      const now = await currentVersion(file.path);
      if (now === null) {
        src.pending.forget(file);
        return;
      }
      if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
        log(
          `drop: ${src.name}: ${file.path} changed while it was ingested; its new version will be ingested ` +
            `as a new input (records of the earlier version may repeat)`,
        );
        return;
      }
      if (opts.afterIngest === 'delete') await deleteFile(file.path);
      else
        await archiveFile(file.path, {
          archivePath,
          logSource: src.name,
          relative: file.relative,
          now: new Date(),
        });
      src.pending.forget(file);
    } catch (e) {
      fail(src, [file], `committed, but could not ${opts.afterIngest} it: ${(e as Error).message}`);
    }
  }

  function fail(src: SourceState, files: PendingFile[], error: string): void {
    const now = Date.now();
    let wait = 0;
    for (const f of files) wait = src.pending.failed(f, now, error, backoffMs, maxBackoffMs);
    const attempts = files.length === 1 ? ` (attempt ${files[0]!.failures})` : '';
    log(
      `drop: ${src.name}: ${files.map((f) => f.path).join(', ')}: ${error}${attempts}; ` +
        `kept, retrying in ${Math.ceil(wait / 1000)} s`,
    );
  }

  poll();

  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      while (running) await running;
    },
    status() {
      return sources.map((s) => ({
        logSource: s.name,
        dropFolder: s.folder,
        pendingFiles: s.pending.size,
        lastIngestAt: s.lastIngestAt,
        lastError: s.listError ?? s.pending.lastError(),
      }));
    },
  };
}

async function currentVersion(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(file);
    return { size: s.size, mtimeMs: Math.trunc(s.mtimeMs) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
