import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { looksLikeZeekTsv } from '../sources/decode/format/zeek-tsv.js';

export interface InputFile {
  /** Absolute path. */
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * The input's one identity in the ingest ledger, when its producer has one (an HTTP request
   * spooled to a file: `<log_source>:http:<request id>`). Without it, inputs are identified by
   * location (path+size+mtime) and by content (sha256), so a file copied twice ingests once;
   * with it, equal bodies sent twice are two inputs.
   */
  identity?: string;
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

/** A piece of work for one executor: a whole input, or a slice of a big line-framed one. */
export interface WorkUnit {
  input: InputFile;
  /** Bytes [start, end) of the input, starting at line `line`, framed as `framing`. */
  slice?: { start: number; end: number; line: number; framing: 'json-lines' | 'text' };
}

/**
 * How an input could be cut into slices at line boundaries: uncompressed JSON lines or text
 * (no BOM), else null. Compressed, CSV, JSON-array and pretty-JSON inputs are read whole.
 */
export async function lineFraming(
  input: InputFile,
  format: 'auto' | 'json' | 'csv' | 'text',
): Promise<'json-lines' | 'text' | null> {
  if (format === 'csv') return null;
  const handle = await open(input.path, 'r');
  try {
    const head = Buffer.alloc(Math.min(input.size, 1 << 20));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const buf = head.subarray(0, bytesRead);
    if (buf.length < 4 || buf[0] === 0x1f || buf.readUInt32BE(0) === 0x28b52ffd || buf[0] === 0xef)
      return null;
    if (format === 'text') return 'text';
    let p = 0;
    while (p < buf.length && (buf[p] === 0x20 || buf[p] === 0x0a || buf[p] === 0x0d || buf[p] === 0x09)) p++;
    // Zeek TSV: every line depends on the #fields header above it, so the file is read whole
    if (format === 'auto' && looksLikeZeekTsv(buf, p)) return null;
    if (buf[p] !== 0x7b) return format === 'auto' && buf[p] !== 0x5b ? 'text' : null;
    const nl = buf.indexOf(0x0a, p);
    if (nl === -1) return null;
    try {
      const first: unknown = JSON.parse(buf.subarray(p, nl).toString('utf8'));
      return first !== null && typeof first === 'object' && !Array.isArray(first) ? 'json-lines' : null;
    } catch {
      return null;
    }
  } finally {
    await handle.close();
  }
}

/** Cuts an input into slices of about `sliceBytes`, each starting right after a newline. */
export async function sliceInput(
  input: InputFile,
  framing: 'json-lines' | 'text',
  sliceBytes: number,
): Promise<WorkUnit[]> {
  const points: { offset: number; line: number }[] = [{ offset: 0, line: 1 }];
  let target = sliceBytes;
  let pos = 0;
  let line = 1;
  for await (const chunk of createReadStream(input.path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
      line++;
      const next = pos + i + 1;
      if (next >= target && next < input.size) {
        points.push({ offset: next, line });
        target = next + sliceBytes;
      }
    }
    pos += buf.length;
  }
  return points.map((p, k) => ({
    input,
    slice: { start: p.offset, end: points[k + 1]?.offset ?? input.size, line: p.line, framing },
  }));
}
