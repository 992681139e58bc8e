#!/usr/bin/env node
// Ingest benchmark: Lakewatch vs. a DuckDB baseline measured in the same run.
//
//   node bench/ingest/run.mjs                       # 1M events in 20 gzip files + a 2 GB file
//   node bench/ingest/run.mjs --events 100000 --big-bytes 200000000   # quick run
//
// 1. Generates the input (bench/ingest/generate.mjs) unless bench/out already holds it.
// 2. Lakewatch: copies bench/ingest/lake to a fresh temp dir and runs
//      node bin/lakewatch.js ingest cloudtrail <files…> --dir <tmp lake> --json
//    as a child process; times the wall clock and samples the child's VmHWM (peak RSS)
//    from /proc/<pid>/status as a cross-check of the summary the CLI prints.
// 3. DuckDB: runs bench/ingest/duckdb-baseline.mjs (read_json → zstd Parquet, same files,
//    --threads, default 2) as a child process, measured the same way.
// 4. Prints events/s, MB/s (compressed and uncompressed input), peak RSS and output bytes
//    for both, and the ratio Lakewatch/DuckDB.
// 5. Ingests one uncompressed NDJSON file of --big-bytes (default 2 GiB) into a fresh lake
//    and prints Lakewatch's peak RSS and events/s (--skip-big to skip).
//
// Timings are printed, never asserted: this is not part of the test suite.
// Results are also written to bench/out/ingest-<timestamp>.json.

import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseSummary, runNode, treeStats } from '../lib/child.mjs';
import { GENERATOR_VERSION, generateFiles, generateSingle } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const LAKE_TEMPLATE = path.join(HERE, 'lake');
const BASELINE = path.join(HERE, 'duckdb-baseline.mjs');

const USAGE = `usage: node bench/ingest/run.mjs [options]
  --events N            events in the multi-file input (default 1000000)
  --files N             number of gzip files (default 20)
  --seed N              generator seed (default 1)
  --add-timestamp       generate "@timestamp" (= eventTime) so Lakewatch partitions by event time
  --threads N           DuckDB threads (default 2)
  --big-bytes N         size of the single uncompressed file (default 2147483648)
  --skip-big            skip the single-file run
  --big-duckdb          also run the DuckDB baseline on the single file
  --skip-lakewatch      only run DuckDB (e.g. before the CLI is built)
  --skip-duckdb         only run Lakewatch
  --out DIR             where inputs and results go (default bench/out)
  --tmp DIR             where temp lakes go (default the OS temp dir)
  --repeat N            run each side N times, interleaved, and report the median run (default 1)
  --keep                keep the temp lakes and Parquet output
  --lakewatch-arg ARG   extra argument for \`lakewatch ingest\` (repeatable)
  --cli PATH            Lakewatch entry point (default bin/lakewatch.js; e.g. another checkout's)`;

const { values: opt } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    files: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'add-timestamp': { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    'big-bytes': { type: 'string', default: String(2 * 1024 ** 3) },
    'skip-big': { type: 'boolean', default: false },
    'big-duckdb': { type: 'boolean', default: false },
    'skip-lakewatch': { type: 'boolean', default: false },
    'skip-duckdb': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'out') },
    tmp: { type: 'string', default: os.tmpdir() },
    keep: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    'lakewatch-arg': { type: 'string', multiple: true, default: [] },
    cli: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}

const CLI = opt.cli ? path.resolve(opt.cli) : path.join(ROOT, 'bin', 'lakewatch.js');
// bin/lakewatch.js imports the compiled CLI; check for it up front for a clear message.
const CLI_BUILT = opt.cli ? CLI : path.join(ROOT, 'dist', 'cli', 'index.js');
const EVENTS = Number(opt.events);
const FILES = Number(opt.files);
const SEED = Number(opt.seed);
const BIG_BYTES = Number(opt['big-bytes']);
const ADD_TS = opt['add-timestamp'];
const REPEAT = Number(opt.repeat);
for (const [k, v] of Object.entries({
  repeat: REPEAT,
  events: EVENTS,
  files: FILES,
  seed: SEED,
  'big-bytes': BIG_BYTES,
  threads: Number(opt.threads),
})) {
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${k} must be a non-negative integer\n${USAGE}`);
    process.exit(2);
  }
}

/* ------------------------------------------------------------------ helpers */

const MB = 1e6;
const fmtInt = (n) => (n == null || Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const fmt = (n, d = 1) => (n == null || Number.isNaN(n) ? '-' : n.toFixed(d));
const fmtMiB = (b) => (b == null ? '-' : `${(b / 1024 ** 2).toFixed(0)} MiB`);
const log = (...a) => console.error(...a); // progress on stderr, results on stdout

async function readManifest(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

async function ensureFiles() {
  const dir = path.join(opt.out, `cloudtrail-${EVENTS}x${FILES}-s${SEED}${ADD_TS ? '-ts' : ''}`);
  let m = await readManifest(path.join(dir, '.manifest.json'));
  const ok =
    m &&
    m.generator === GENERATOR_VERSION &&
    m.seed === SEED &&
    m.events === EVENTS &&
    m.files.length === FILES &&
    m.addTimestamp === ADD_TS &&
    m.files.every((f) => existsSync(path.join(dir, f.name)));
  if (!ok) {
    log(`generating ${EVENTS} events in ${FILES} gzip files → ${path.relative(ROOT, dir)}`);
    const t0 = performance.now();
    m = await generateFiles({ events: EVENTS, files: FILES, out: dir, seed: SEED, addTimestamp: ADD_TS });
    log(`  done in ${fmt((performance.now() - t0) / 1000)} s`);
  }
  return { ...m, dir, paths: m.files.map((f) => path.join(dir, f.name)) };
}

async function ensureBig() {
  const file = path.join(opt.out, `big-${BIG_BYTES}-s${SEED}${ADD_TS ? '-ts' : ''}.jsonl`);
  let m = await readManifest(file + '.manifest.json');
  const ok =
    m &&
    m.generator === GENERATOR_VERSION &&
    m.seed === SEED &&
    m.requestedBytes === BIG_BYTES &&
    m.addTimestamp === ADD_TS &&
    existsSync(file);
  if (!ok) {
    log(`generating a single ${fmt(BIG_BYTES / MB, 0)} MB NDJSON file → ${path.relative(ROOT, file)}`);
    const t0 = performance.now();
    m = await generateSingle({ bytes: BIG_BYTES, out: file, seed: SEED, addTimestamp: ADD_TS });
    log(`  done in ${fmt((performance.now() - t0) / 1000)} s (${m.events} events)`);
  }
  return { ...m, paths: [file] };
}

async function freshDir(prefix) {
  await mkdir(opt.tmp, { recursive: true });
  return mkdtemp(path.join(opt.tmp, prefix));
}

/* ------------------------------------------------------------------ the two sides */

async function runLakewatch(input, label) {
  const lake = await freshDir('lakewatch-bench-');
  await cp(LAKE_TEMPLATE, lake, { recursive: true });
  const args = [
    CLI,
    'ingest',
    'cloudtrail',
    ...input.paths,
    '--dir',
    lake,
    '--json',
    ...opt['lakewatch-arg'],
  ];
  log(`\n[${label}] lakewatch ingest cloudtrail <${input.paths.length} file(s)> --dir ${lake} --json`);
  const r = await runNode(args);
  const summary = parseSummary(r.stdout);
  const out = await treeStats(path.join(lake, '.lakewatch', 'warehouse'), '.parquet');
  const res = {
    side: 'Lakewatch',
    ok: r.code === 0 && summary != null,
    exitCode: r.code,
    wallMs: r.wallMs,
    peakHwm: r.peakHwm,
    summary,
    rows: summary?.committed ?? null,
    read: summary?.read ?? null,
    deadLettered: summary?.deadLettered ?? null,
    innerMs: summary?.durationMs ?? null,
    reportedPeakRss: summary?.peakRssBytes ?? null,
    parquetBytes: out.bytes,
    parquetFiles: out.files,
    dir: lake,
  };
  if (r.code !== 0)
    log(`[${label}] lakewatch exited with ${r.code ?? r.signal}${r.error ? `: ${r.error.message}` : ''}`);
  else if (!summary)
    log(
      `[${label}] lakewatch printed no JSON summary on stdout (got: ${JSON.stringify(r.stdout.slice(0, 300))})`,
    );
  if (summary) {
    const problems = [];
    if (res.read !== input.events) problems.push(`read ${res.read} ≠ ${input.events} generated`);
    if (res.rows != null && res.deadLettered != null && res.rows + res.deadLettered !== res.read)
      problems.push(`committed ${res.rows} + dead-lettered ${res.deadLettered} ≠ read ${res.read}`);
    if (res.deadLettered)
      problems.push(
        `${res.deadLettered} events dead-lettered: ${JSON.stringify(summary.sampleErrors?.slice(0, 3) ?? [])}`,
      );
    if (summary.conformWarnings)
      problems.push(
        `${summary.conformWarnings} conform warnings (values set to null; see lakewatch_conform_warnings)`,
      );
    const dropped = Object.entries(summary.droppedFields ?? {}).filter(([name]) => name !== '@timestamp');
    if (dropped.length)
      problems.push(
        `fields not in the bench schema (dropped): ${dropped.map(([k, v]) => `${k}×${v}`).join(', ')}`,
      );
    for (const p of problems) log(`[${label}] WARNING: ${p}`);
    res.problems = problems;
  }
  if (!opt.keep) await rm(lake, { recursive: true, force: true });
  return res;
}

async function runDuckdb(input, label) {
  const dir = await freshDir('duckdb-bench-');
  const outFile = path.join(dir, 'out.parquet');
  log(
    `\n[${label}] duckdb read_json(<${input.paths.length} file(s)>) → zstd Parquet, threads=${opt.threads}`,
  );
  const r = await runNode([BASELINE, '--out', outFile, '--threads', opt.threads, ...input.paths]);
  const summary = parseSummary(r.stdout);
  if (r.code !== 0 || !summary) log(`[${label}] duckdb baseline failed (exit ${r.code ?? r.signal})`);
  else if (summary.rows !== input.events)
    log(`[${label}] WARNING: DuckDB wrote ${summary.rows} rows, ${input.events} generated`);
  const res = {
    side: `DuckDB ${summary?.duckdbVersion ?? ''}`.trim(),
    ok: r.code === 0 && summary != null,
    exitCode: r.code,
    wallMs: r.wallMs,
    peakHwm: r.peakHwm,
    summary,
    rows: summary?.rows ?? null,
    read: summary?.rows ?? null,
    innerMs: summary?.durationMs ?? null,
    parquetBytes: summary?.parquetBytes ?? null,
    parquetFiles: summary ? 1 : 0,
    dir,
  };
  if (!opt.keep) await rm(dir, { recursive: true, force: true });
  return res;
}

/* ------------------------------------------------------------------ report */

function rates(res, input) {
  if (!res?.ok) return null;
  const s = res.wallMs / 1000;
  const events = res.read ?? input.events;
  return {
    events,
    seconds: s,
    eps: events / s,
    mbsCompressed: input.compressedBytes / MB / s,
    mbsRaw: input.uncompressedBytes / MB / s,
  };
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, ri) => {
      const line = r
        .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
        .join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function report(title, input, results) {
  const head = [
    '',
    'events',
    'wall s',
    'events/s',
    'MB/s gz',
    'MB/s raw',
    'peak RSS',
    'Parquet MB',
    'files',
    'inner s',
  ];
  const rows = [head];
  for (const res of results) {
    if (!res) continue;
    const r = rates(res, input);
    rows.push(
      r
        ? [
            res.side,
            fmtInt(r.events),
            fmt(r.seconds, 2),
            fmtInt(r.eps),
            input.compressedBytes === input.uncompressedBytes ? '-' : fmt(r.mbsCompressed),
            fmt(r.mbsRaw),
            fmtMiB(res.peakHwm),
            fmt(res.parquetBytes / MB),
            fmtInt(res.parquetFiles),
            res.innerMs == null ? '-' : fmt(res.innerMs / 1000, 2),
          ]
        : [res.side, 'failed', '', '', '', '', '', '', '', ''],
    );
  }
  console.log(`\n${title}`);
  console.log(
    `input: ${fmtInt(input.events)} events, ${fmt(input.compressedBytes / MB)} MB on disk, ${fmt(input.uncompressedBytes / MB)} MB uncompressed, ${input.paths.length} file(s)`,
  );
  console.log(table(rows));
}

/* ------------------------------------------------------------------ main */

const env = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cpus: os.availableParallelism?.() ?? os.cpus().length,
  memGiB: Math.round(os.totalmem() / 1024 ** 3),
  commit: (() => {
    try {
      const head = readFileSync(path.join(ROOT, '.git', 'HEAD'), 'utf8').trim();
      return head.startsWith('ref: ')
        ? readFileSync(path.join(ROOT, '.git', head.slice(5)), 'utf8')
            .trim()
            .slice(0, 12)
        : head.slice(0, 12);
    } catch {
      return 'unknown';
    }
  })(),
};
console.log(
  `Lakewatch ingest benchmark — ${env.date}, node ${env.node}, ${env.cpus} × ${env.cpu}, ${env.memGiB} GiB RAM, commit ${env.commit}`,
);

let runLake = !opt['skip-lakewatch'];
if (runLake && !existsSync(CLI_BUILT)) {
  console.log(
    `NOTE: ${path.relative(ROOT, CLI_BUILT)} is missing — run \`npm run build\` first. Lakewatch rows are skipped.`,
  );
  runLake = false;
}

/** Runs each side REPEAT times, interleaved (so background load hits both alike); median run by wall time. */
async function measure(input, label, doLake, doDuck) {
  const runs = { lake: [], duck: [] };
  for (let i = 0; i < Math.max(1, REPEAT); i++) {
    const tag = REPEAT > 1 ? `${label} ${i + 1}/${REPEAT}` : label;
    if (doLake) runs.lake.push(await runLakewatch(input, tag));
    if (doDuck) runs.duck.push(await runDuckdb(input, tag));
  }
  const median = (list) => {
    if (list.length === 0) return null;
    const ok = list.filter((r) => r.ok).sort((a, b) => a.wallMs - b.wallMs);
    if (ok.length === 0) return list[0];
    return { ...ok[(ok.length - 1) >> 1], allWallMs: list.map((r) => (r.ok ? r.wallMs : null)) };
  };
  return { lw: median(runs.lake), dk: median(runs.duck) };
}

function printRuns(...results) {
  if (REPEAT <= 1) return;
  for (const r of results)
    if (r?.allWallMs)
      console.log(
        `${r.side} wall s per run: ${r.allWallMs.map((ms) => (ms == null ? 'failed' : fmt(ms / 1000, 2))).join(', ')} (median shown)`,
      );
}

const load = os.loadavg();
if (load[0] > 0.5)
  console.log(
    `NOTE: load average ${load.map((l) => l.toFixed(2)).join(' ')} — other work on this machine skews timings; consider --repeat 3`,
  );

const results = { env: { ...env, loadavg: load }, options: opt };
const input = await ensureFiles();
const { lw, dk } = await measure(input, 'files', runLake, !opt['skip-duckdb']);
printRuns(lw, dk);
report(`${FILES} gzip files (${ADD_TS ? 'with' : 'without'} @timestamp)`, input, [lw, dk]);
const lwRate = rates(lw, input);
const dkRate = rates(dk, input);
if (lwRate && dkRate) {
  const ratio = lwRate.eps / dkRate.eps;
  console.log(
    `ratio Lakewatch/DuckDB events/s: ${fmt(ratio, 2)}×  (${ratio >= 1 ? 'Lakewatch faster' : `DuckDB ${fmt(1 / ratio, 2)}× faster`}; DuckDB threads=${opt.threads})`,
  );
  console.log(`ratio Lakewatch/DuckDB Parquet bytes: ${fmt(lw.parquetBytes / dk.parquetBytes, 2)}×`);
  results.ratio = ratio;
}
if (lw?.reportedPeakRss != null)
  console.log(
    `Lakewatch peak RSS: ${fmtMiB(lw.peakHwm)} sampled (VmHWM), ${fmtMiB(lw.reportedPeakRss)} reported by the CLI`,
  );
results.files = { input: { ...input, files: undefined, paths: undefined }, lakewatch: lw, duckdb: dk };

if (!opt['skip-big'] && (runLake || opt['big-duckdb'])) {
  const big = await ensureBig();
  const { lw: lwBig, dk: dkBig } = await measure(
    big,
    'big',
    runLake,
    opt['big-duckdb'] && !opt['skip-duckdb'],
  );
  printRuns(lwBig, dkBig);
  report(`single uncompressed NDJSON file of ${fmt(big.uncompressedBytes / MB, 0)} MB`, big, [lwBig, dkBig]);
  if (lwBig?.ok) {
    console.log(
      `Lakewatch peak RSS ingesting the single file: ${fmtMiB(lwBig.peakHwm)} (VmHWM, sampled)` +
        (lwBig.reportedPeakRss != null ? `, ${fmtMiB(lwBig.reportedPeakRss)} reported by the CLI` : '') +
        ` for a ${fmt(big.uncompressedBytes / MB, 0)} MB input, ${fmtInt(rates(lwBig, big).eps)} events/s`,
    );
  }
  results.big = { input: { ...big, paths: undefined }, lakewatch: lwBig, duckdb: dkBig };
}

await mkdir(opt.out, { recursive: true });
const resultFile = path.join(opt.out, `ingest-${env.date.replace(/[:.]/g, '-')}.json`);
await writeFile(resultFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nresults: ${path.relative(process.cwd(), resultFile)}`);
