import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface InputFile {
  /** Absolute path. */
  path: string;
  size: number;
  mtimeMs: number;
}

export class InputNotFoundError extends Error {
  constructor(readonly spec: string) {
    super(`no input matches "${spec}" (not a file, a directory or a glob with matches)`);
    this.name = 'InputNotFoundError';
  }
}

/**
 * Expands files, directories (recursively; hidden files skipped) and globs into a sorted,
 * de-duplicated list of regular files. A spec that matches nothing is an error.
 */
export async function expandInputs(specs: string[], cwd = process.cwd()): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();
  for (const spec of specs) {
    const before = found.size;
    const absolute = path.resolve(cwd, spec);
    const info = isDynamicPattern(spec) ? null : await stat(absolute).catch(() => null);
    let paths: string[];
    if (info?.isFile()) paths = [absolute];
    else if (info?.isDirectory()) paths = await glob('**/*', { cwd: absolute, absolute: true, dot: false });
    else paths = await glob(spec, { cwd, absolute: true, dot: false });
    for (const p of paths.sort()) {
      if (found.has(p)) continue;
      const s = await stat(p);
      if (s.isFile()) found.set(p, { path: p, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) });
    }
    if (found.size === before && !paths.some((p) => found.has(p))) throw new InputNotFoundError(spec);
  }
  return [...found.values()];
}

/** Identity of an input by location: path + size + mtime. Cheap; checked before reading. */
export function locationKey(logSource: string, input: InputFile): string {
  return `${logSource}:file:${input.path}:${input.size}:${input.mtimeMs}`;
}

/** Identity of an input by content: the same bytes under another name are the same input. */
export function contentKey(logSource: string, sha256: string): string {
  return `${logSource}:sha256:${sha256}`;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
