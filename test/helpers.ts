import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lake } from '../src/lake/index.js';
import { openQuerySession } from '../src/query/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(repoRoot, 'bin', 'lakewatch.js');

export function tempDir(prefix = 'lakewatch-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a lake directory: `files` maps relative paths to contents. */
export function writeLake(files: Record<string, string>, dir = tempDir()): string {
  const all = { 'lakewatch.config.yml': 'name: test\n', ...files };
  for (const [rel, text] of Object.entries(all)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds first) as a user would. */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd: opts.cwd ?? repoRoot, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs read-only SQL over the lake; rows as objects keyed by column name. */
export async function queryRows(lake: Lake, sql: string): Promise<Record<string, unknown>[]> {
  const session = await openQuerySession(lake);
  try {
    const result = await session.query(sql);
    return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
  } finally {
    await session.close();
  }
}
