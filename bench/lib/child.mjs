// Shared by the benchmarks that time child processes (bench/ingest, bench/managed): run a node
// script and measure it, read the JSON summary it prints, and size its Parquet output.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** VmHWM and VmRSS of a process, bytes; null once it has exited (or without procfs). */
function readProcStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
      return m ? Number(m[1]) * 1024 : null;
    };
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null; // exited, or no procfs
  }
}

/**
 * Runs `node <args>` and measures it: wall clock, and the child's peak RSS sampled from
 * /proc/<pid>/status every 25 ms (VmHWM is the kernel's own high-water mark, so sampling
 * only risks missing growth in the last few ms before exit). stderr is forwarded live.
 */
export function runNode(args, { cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    let peakHwm = null;
    let peakRss = null;
    const sample = () => {
      const s = readProcStatus(child.pid);
      if (s?.hwm != null) peakHwm = Math.max(peakHwm ?? 0, s.hwm);
      if (s?.rss != null) peakRss = Math.max(peakRss ?? 0, s.rss);
    };
    const timer = setInterval(sample, 25);
    sample();
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d).slice(-4000);
    });
    child.on('error', (err) => {
      clearInterval(timer);
      resolve({ code: -1, error: err, stdout, stderrTail, wallMs: performance.now() - t0, peakHwm, peakRss });
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderrTail, wallMs: performance.now() - t0, peakHwm, peakRss });
    });
  });
}

/** The summary object printed with --json: the whole stdout, or its last JSON object. */
export function parseSummary(stdout) {
  const text = stdout.trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // fall through: find the last line that starts a JSON object and parse from there
  }
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].trimStart().startsWith('{')) continue;
    try {
      return JSON.parse(lines.slice(i).join('\n'));
    } catch {
      // keep looking
    }
  }
  return null;
}

/** Total bytes and count of the files under `dir` ending with `ext`. */
export async function treeStats(dir, ext) {
  let bytes = 0;
  let files = 0;
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return { bytes: 0, files: 0 };
  }
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith(ext)) continue;
    bytes += (await stat(path.join(e.parentPath ?? e.path, e.name))).size;
    files++;
  }
  return { bytes, files };
}
