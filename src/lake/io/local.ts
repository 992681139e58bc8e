/** ObjectStore on the local filesystem. Locations are absolute paths (a `file:` prefix is accepted). */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ObjectInfo, ObjectStore } from './object-store.js';

export function toLocalPath(location: string): string {
  if (location.startsWith('file://')) return fileURLToPath(location);
  if (location.startsWith('file:')) return path.resolve(location.slice(5));
  return path.resolve(location);
}

export class LocalObjectStore implements ObjectStore {
  readonly scheme = 'file';

  async read(location: string): Promise<Buffer> {
    return fs.readFile(toLocalPath(location));
  }

  async write(location: string, data: Uint8Array | string): Promise<void> {
    const p = toLocalPath(location);
    await fs.mkdir(path.dirname(p), { recursive: true });
    const tmp = `${p}.${randomUUID()}.tmp`;
    try {
      const fh = await fs.open(tmp, 'wx');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, p);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  async delete(location: string): Promise<void> {
    await fs.rm(toLocalPath(location), { force: true });
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const root = toLocalPath(prefix);
    const out: ObjectInfo[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile()) {
          const st = await fs.stat(p);
          out.push({ path: p, size: st.size, lastModifiedMs: st.mtimeMs });
        }
      }
    };
    await walk(root);
    return out;
  }

  async exists(location: string): Promise<boolean> {
    try {
      await fs.access(toLocalPath(location));
      return true;
    } catch {
      return false;
    }
  }

  localPath(location: string): string {
    return toLocalPath(location);
  }
}
