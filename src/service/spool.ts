/**
 * The HTTP ingest spool: each accepted request body is one file, fsynced (file and folder)
 * before the request is answered, and removed once its batch is committed. Its ledger
 * identity is the request id, so a restart that finds a file already committed skips it:
 * every request is committed exactly once, whatever moment the process died at.
 *
 * Layout: `<dir>/<log_source>/<request id>.lines`; files being written are `.<id>.tmp`
 * (removed on open: their request was never answered).
 */
import { mkdirSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputFile } from '../pipeline/index.js';

export interface SpoolEntry {
  logSource: string;
  requestId: string;
  input: InputFile;
  events: number;
  /** When the request was accepted (ms since the epoch; the file's mtime after a restart). */
  receivedAt: number;
}

const SUFFIX = '.lines';

/** The ingest-ledger key of a spooled request. */
export function spoolIdentity(logSource: string, requestId: string): string {
  return `${logSource}:http:${requestId}`;
}

export class Spool {
  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<Spool> {
    mkdirSync(dir, { recursive: true });
    return new Spool(dir);
  }

  /** Writes `lines` durably; resolves once the file and its directory entry are on disk. */
  async append(logSource: string, requestId: string, lines: Buffer, events: number): Promise<SpoolEntry> {
    const folder = path.join(this.dir, logSource);
    mkdirSync(folder, { recursive: true });
    const tmp = path.join(folder, `.${requestId}.tmp`);
    const file = path.join(folder, requestId + SUFFIX);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(lines);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    await syncDir(folder);
    const s = await stat(file);
    return {
      logSource,
      requestId,
      events,
      receivedAt: Date.now(),
      input: {
        path: file,
        size: s.size,
        mtimeMs: Math.trunc(s.mtimeMs),
        identity: spoolIdentity(logSource, requestId),
      },
    };
  }

  /** Spooled requests left by a previous run, oldest first; half-written files are removed. */
  async pending(): Promise<SpoolEntry[]> {
    const out: SpoolEntry[] = [];
    for (const logSource of (await readdir(this.dir, { withFileTypes: true }).catch(() => []))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()) {
      const folder = path.join(this.dir, logSource);
      for (const name of (await readdir(folder)).sort()) {
        const file = path.join(folder, name);
        if (name.startsWith('.') && name.endsWith('.tmp')) {
          await rm(file, { force: true });
          continue;
        }
        if (!name.endsWith(SUFFIX)) continue;
        const requestId = name.slice(0, -SUFFIX.length);
        const s = await stat(file);
        out.push({
          logSource,
          requestId,
          events: 0,
          receivedAt: Math.trunc(s.mtimeMs),
          input: {
            path: file,
            size: s.size,
            mtimeMs: Math.trunc(s.mtimeMs),
            identity: spoolIdentity(logSource, requestId),
          },
        });
      }
    }
    return out.sort((a, b) => (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0));
  }

  /** Removes committed entries (a crash before this leaves files the ledger then skips). */
  async remove(entries: readonly SpoolEntry[]): Promise<void> {
    await Promise.all(entries.map((e) => rm(e.input.path, { force: true })));
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
