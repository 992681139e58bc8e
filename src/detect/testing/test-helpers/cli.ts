/** Runs the CLI in-process (`main` from src/cli) and captures what it writes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../cli/index.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function lakewatch(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'lakewatch', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

export function tempDir(prefix = 'lakewatch-dtest-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A lake directory from `{ relativePath: text }` (lakewatch.config.yml added). */
export function writeLake(files: Record<string, string>, dir = tempDir()): string {
  for (const [rel, text] of Object.entries({ 'lakewatch.config.yml': 'name: test\n', ...files })) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}
