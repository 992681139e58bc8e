/**
 * What happens to a drop file once its ingest is committed: moved into the archive
 * (`<archive>/<log_source>/<YYYY-MM-DD>/<relative path>`, UTC date of the ingest) or deleted.
 * An archive name already taken gets a counter before its extensions (`a.json.gz` →
 * `a.1.json.gz`). Across filesystems the move is a copy, then an unlink.
 */
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface ArchiveTarget {
  archivePath: string;
  logSource: string;
  /** Path below the drop folder, `/`-separated. */
  relative: string;
  now: Date;
}

/** Moves `file` into the archive; returns where it went. */
export async function archiveFile(file: string, target: ArchiveTarget): Promise<string> {
  const day = target.now.toISOString().slice(0, 10);
  const wanted = path.join(target.archivePath, target.logSource, day, ...target.relative.split('/'));
  await mkdir(path.dirname(wanted), { recursive: true });
  for (let n = 0; ; n++) {
    const dest = n === 0 ? wanted : numbered(wanted, n);
    if (await exists(dest)) continue;
    try {
      await rename(file, dest);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      try {
        await copyFile(file, dest, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
      await unlink(file);
    }
    return dest;
  }
}

export async function deleteFile(file: string): Promise<void> {
  await unlink(file).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  });
}

/** `dir/a.json.gz` → `dir/a.<n>.json.gz`; a leading dot is part of the stem. */
export function numbered(file: string, n: number): string {
  const base = path.basename(file);
  const dot = base.indexOf('.', 1);
  const name = dot === -1 ? `${base}.${n}` : `${base.slice(0, dot)}.${n}${base.slice(dot)}`;
  return path.join(path.dirname(file), name);
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
