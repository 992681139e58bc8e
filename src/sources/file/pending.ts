/**
 * The files seen in one drop folder and not yet taken, with what the watcher knows of each:
 * since when its size and mtime have not changed (the settle clock runs from the watcher's
 * own observations, not from the mtime, so a file moved in with an old mtime still waits),
 * whether its compressed stream was found incomplete, and its failed attempts.
 */
import type { Completeness } from './complete.js';
import type { FoundFile } from './scan.js';

export interface PendingFile extends FoundFile {
  /** When the current size+mtime was first seen (ms since the epoch). */
  stableSince: number;
  /** Result of the completeness check of the current size+mtime, once run. */
  completeness?: Completeness & { at: number };
  /** Failed attempts (ingest, or archiving after a commit) and when to try again. */
  failures: number;
  retryAt: number;
  lastError?: string;
}

export class PendingFiles {
  private readonly files = new Map<string, PendingFile>();

  get size(): number {
    return this.files.size;
  }

  /** Takes a new listing of the folder: new files start settling, changed ones start over, gone ones are forgotten. */
  observe(found: FoundFile[], now: number): void {
    const seen = new Set<string>();
    for (const f of found) {
      seen.add(f.path);
      const known = this.files.get(f.path);
      if (known && known.size === f.size && known.mtimeMs === f.mtimeMs) continue;
      // A new version of a file is a new input: earlier checks and failures do not apply to it.
      this.files.set(f.path, { ...f, stableSince: now, failures: 0, retryAt: 0 });
    }
    for (const p of this.files.keys()) if (!seen.has(p)) this.files.delete(p);
  }

  /**
   * Files unchanged for `settleMs` (empty ones for `emptySettleMs`: writers often create a file
   * and fill it later) and not waiting out a backoff, oldest first.
   */
  settled(now: number, settleMs: number, emptySettleMs = settleMs): PendingFile[] {
    return [...this.files.values()]
      .filter((f) => now - f.stableSince >= (f.size === 0 ? emptySettleMs : settleMs) && f.retryAt <= now)
      .sort((a, b) => a.stableSince - b.stableSince || (a.path < b.path ? -1 : 1));
  }

  /** Records a failed attempt; the next one waits `baseMs` doubled per failure, at most `maxMs`. */
  failed(file: PendingFile, now: number, error: string, baseMs: number, maxMs: number): number {
    file.failures++;
    file.lastError = error;
    const wait = Math.min(maxMs, baseMs * 2 ** Math.min(file.failures - 1, 30));
    file.retryAt = now + wait;
    return wait;
  }

  forget(file: PendingFile): void {
    this.files.delete(file.path);
  }

  /** The error of the most recent failed file still waiting, with its path; null when none failed. */
  lastError(): string | null {
    let latest: PendingFile | undefined;
    for (const f of this.files.values())
      if (f.lastError && (!latest || f.retryAt > latest.retryAt)) latest = f;
    return latest ? `${latest.path}: ${latest.lastError}` : null;
  }
}
