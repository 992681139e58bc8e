/**
 * Lists the files waiting in one drop folder, recursively.
 *
 * Skipped: hidden files and folders (`.name`), names that writers use while a file is still
 * being written (`*.tmp`, `*.part`, `*.partial`, `*.crdownload`, `*~`), symbolic links, and
 * the given folders (the archive, when it sits inside the drop root). A file renamed from a
 * skipped name into its final one is picked up under the final name.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** Path below the log source's drop folder, with `/` separators. */
  relative: string;
  size: number;
  /** Whole milliseconds, as the ingest ledger records them. */
  mtimeMs: number;
}

const IN_PROGRESS_SUFFIXES = ['.tmp', '.part', '.partial', '.crdownload', '~'];

/** Names the watcher never takes: hidden, or still being written by their producer. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return name.startsWith('.') || IN_PROGRESS_SUFFIXES.some((s) => lower.endsWith(s));
}

/** Files below `folder`, sorted by path. Entries that vanish while listing are left out. */
export async function scanFolder(
  folder: string,
  skipDirs: ReadonlySet<string> = new Set(),
): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (gone(e)) return;
      throw e;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const abs = path.join(dir, entry.name);
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skipDirs.has(abs)) await walk(abs, relative);
      } else if (entry.isFile()) {
        const s = await stat(abs).catch((e: unknown) => {
          if (gone(e)) return null;
          throw e;
        });
        if (s?.isFile()) found.push({ path: abs, relative, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) });
      }
    }
  }
  await walk(folder, '');
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function gone(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
