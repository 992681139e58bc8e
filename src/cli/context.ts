import { existsSync } from 'node:fs';
import path from 'node:path';
import { findLakeDir, loadLakeDirectory, type LakeDirectory } from '../config/index.js';
import { openLake, type Lake } from '../lake/index.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface GlobalOptions {
  dir?: string;
}

/** `--dir`, else the current directory or its nearest parent holding a config file. */
export function resolveLakeDir(opts: GlobalOptions): string {
  if (opts.dir) {
    const dir = path.resolve(opts.dir);
    if (!existsSync(dir)) throw new CliError(`--dir ${opts.dir}: no such directory`);
    const found = findLakeDir(dir);
    if (found !== dir) {
      throw new CliError(`--dir ${opts.dir}: no lakewatch.config.yml or matano.config.yml in ${dir}`);
    }
    return dir;
  }
  const found = findLakeDir(process.cwd());
  if (!found) {
    throw new CliError(
      `no lakewatch.config.yml (or matano.config.yml) in ${process.cwd()} or any parent directory; ` +
        'run `lakewatch init` to create a lake directory, or pass --dir',
    );
  }
  return found;
}

export function loadLake(opts: GlobalOptions): LakeDirectory {
  return loadLakeDirectory(resolveLakeDir(opts));
}

/** Opens the lake of a loaded directory, runs `fn`, and always closes it. */
export async function withLake<T>(lakeDir: LakeDirectory, fn: (lake: Lake) => Promise<T>): Promise<T> {
  const lake = await openLake({ root: lakeDir.dir, namespace: lakeDir.project.namespace });
  try {
    return await fn(lake);
  } finally {
    await lake.close();
  }
}
