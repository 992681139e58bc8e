#!/usr/bin/env node
// Managed log source benchmark: the ECS mappings of representative managed types, end to end
// through the real ingest path, against a DuckDB baseline measured in the same run.
//
//   node bench/managed/run.mjs                               # 200k events per type, all types
//   node bench/managed/run.mjs --events 100000 --types okta,zeek_conn
//
// For each type:
// 1. Generates N events (bench/managed/generate.mjs) by replicating the records of the type's
//    clean sample files with varied ids, timestamps and IPs, in the format the vendor delivers,
//    under bench/out/managed/<type>/ (reused while the parameters match: .manifest.json).
// 2. Lakewatch: a fresh temp lake with `log_sources/<name>/log_source.yml` = {name, managed: {type}};
//      node bin/lakewatch.js ingest <name> <files…> --dir <lake> --json
//    as a child process; wall clock, and the child's VmHWM (peak RSS) sampled from /proc.
// 3. DuckDB: bench/managed/duckdb-baseline.mjs converts the same files to one zstd Parquet file
//    (read_json_auto / read_csv; CloudTrail's Records unnested in SQL) as a child process,
//    measured the same way. It parses and writes but maps nothing.
// 4. Prints a table (events/s of both, the ratio, peak RSS of both) and writes
//    bench/out/managed-<timestamp>.json.
//
// Timings are printed, never asserted: this is not part of the test suite.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseSummary, runNode, treeStats } from '../lib/child.mjs';
import { quote } from '../lib/duckdb-copy.mjs';
import { GENERATOR_VERSION, TYPES, generate } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BASELINE = path.join(HERE, 'duckdb-baseline.mjs');

const USAGE = `usage: node bench/managed/run.mjs [options]
  --events N            events per type (default 200000)
  --types a,b           types to run (default all: ${Object.keys(TYPES).join(',')})
  --span-hours N        event times spread over N hours (default 24; Lakewatch partitions by hour)
  --threads N           DuckDB threads (default 2)
  --skip-lakewatch      only run DuckDB
  --skip-duckdb         only run Lakewatch
  --out DIR             where inputs and results go (default bench/out)
  --tmp DIR             where temp lakes go (default the OS temp dir)
  --keep                keep the temp lakes and Parquet output
  --cli PATH            Lakewatch entry point (default bin/lakewatch.js; e.g. another checkout's)`;

const { values: opt } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    types: { type: 'string', default: Object.keys(TYPES).join(',') },
    'span-hours': { type: 'string', default: '24' },
    threads: { type: 'string', default: '2' },
    'skip-lakewatch': { type: 'boolean', default: false },
    'skip-duckdb': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'out') },
    tmp: { type: 'string', default: os.tmpdir() },
    keep: { type: 'boolean', default: false },
    cli: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}

const CLI = opt.cli ? path.resolve(opt.cli) : path.join(ROOT, 'bin', 'lakewatch.js');
const CLI_BUILT = opt.cli ? CLI : path.join(ROOT, 'dist', 'cli', 'index.js');
const EVENTS = Number(opt.events);
const SPAN = Number(opt['span-hours']);
const TYPE_LIST = opt.types
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const [k, v] of Object.entries({ events: EVENTS, 'span-hours': SPAN, threads: Number(opt.threads) })) {
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`--${k} must be a positive integer\n${USAGE}`);
    process.exit(2);
  }
}
for (const t of TYPE_LIST) {
  if (!TYPES[t]) {
    console.error(`unknown type ${t}; known: ${Object.keys(TYPES).join(', ')}`);
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

async function freshDir(prefix) {
  await mkdir(opt.tmp, { recursive: true });
  return mkdtemp(path.join(opt.tmp, prefix));
}

/* ------------------------------------------------------------------ input */

async function ensureInput(type) {
  const dir = path.join(opt.out, 'managed', type);
  const manifestFile = path.join(dir, '.manifest.json');
  let m = await readManifest(manifestFile);
  const ok =
    m &&
    m.generator === GENERATOR_VERSION &&
    m.events === EVENTS &&
    m.spanHours === SPAN &&
    m.files.every((f) => existsSync(path.join(dir, f.name)));
  if (!ok) {
    log(`[${type}] generating ${fmtInt(EVENTS)} events → ${path.relative(ROOT, dir)}`);
    const t0 = performance.now();
    m = generate({ type, events: EVENTS, dir, spanHours: SPAN });
    await writeFile(manifestFile, JSON.stringify(m, null, 2) + '\n');
    log(`[${type}]   done in ${fmt((performance.now() - t0) / 1000)} s`);
  }
  log(`[${type}] ${m.sampleRecords} sample records from ${m.samplesUsed.join(', ')}`);
  if (m.samplesSkipped.length) log(`[${type}]   skipped: ${m.samplesSkipped.join('; ')}`);
  return {
    ...m,
    dir,
    paths: m.files.map((f) => path.join(dir, f.name)),
    bytes: m.files.reduce((n, f) => n + f.bytes, 0),
    rawBytes: m.files.reduce((n, f) => n + f.rawBytes, 0),
  };
}

/** The DuckDB SELECT that reads the input as it is (no mapping). */
function duckdbSelect(type, input) {
  const files = `[${input.paths.map(quote).join(', ')}]`;
  switch (TYPES[type].kind) {
    case 'cloudtrail':
      // one JSON object per file; its Records → one row per event, the event's keys as columns
      return (
        `SELECT unnest(r) FROM (SELECT unnest(Records) AS r FROM read_json_auto(${files}, ` +
        `format = 'auto', compression = 'gzip', maximum_object_size = 1073741824))`
      );
    case 'ndjson':
      return `SELECT * FROM read_json_auto(${files}, format = 'newline_delimited')`;
    case 'vpcflow':
      // each file has its own header (format); union_by_name aligns the columns
      return `SELECT * FROM read_csv(${files}, delim = ' ', header = true, nullstr = '-', union_by_name = true)`;
    case 'zeek-tsv':
      // the #… header lines are comments; the column names are those of its #fields line
      return (
        `SELECT * FROM read_csv(${files}, delim = '\\t', header = false, comment = '#', nullstr = '-', ` +
        `names = [${input.zeekFields.map(quote).join(', ')}])`
      );
    default:
      throw new Error(`no DuckDB reader for ${type}`);
  }
}

/* ------------------------------------------------------------------ the two sides */

async function runLakewatch(type, input) {
  const t = TYPES[type];
  const lake = await freshDir('lakewatch-managed-bench-');
  await writeFile(path.join(lake, 'lakewatch.config.yml'), 'name: bench-managed\n');
  await mkdir(path.join(lake, 'log_sources', t.source), { recursive: true });
  await writeFile(
    path.join(lake, 'log_sources', t.source, 'log_source.yml'),
    `name: ${t.source}\nmanaged:\n  type: ${t.managed}\n`,
  );
  const tableArg = t.table ? ['--table', t.table] : [];
  log(
    `[${type}] lakewatch ingest ${t.source} <${input.paths.length} file(s)> --dir ${lake} --json ${tableArg.join(' ')}`,
  );
  const r = await runNode([CLI, 'ingest', t.source, ...input.paths, '--dir', lake, '--json', ...tableArg]);
  const summary = parseSummary(r.stdout);
  const out = await treeStats(path.join(lake, '.lakewatch', 'warehouse'), '.parquet');
  const res = {
    ok: r.code === 0 && summary != null,
    exitCode: r.code,
    wallMs: r.wallMs,
    peakHwm: r.peakHwm,
    read: summary?.read ?? null,
    committed: summary?.committed ?? null,
    deadLettered: summary?.deadLettered ?? null,
    innerMs: summary?.durationMs ?? null,
    reportedPeakRss: summary?.peakRssBytes ?? null,
    tables: summary?.tables ?? null,
    conformWarnings: summary?.conformWarnings ?? null,
    droppedFields: summary?.droppedFields ?? null,
    parquetBytes: out.bytes,
    parquetFiles: out.files,
  };
  const problems = [];
  if (r.code !== 0)
    problems.push(`lakewatch exited with ${r.code ?? r.signal}${r.error ? `: ${r.error.message}` : ''}`);
  else if (!summary)
    problems.push(`no JSON summary on stdout (got: ${JSON.stringify(r.stdout.slice(0, 300))})`);
  if (summary) {
    if (res.read !== input.events) problems.push(`read ${res.read} ≠ ${input.events} generated`);
    if (res.committed !== input.events)
      problems.push(`committed ${res.committed} ≠ ${input.events} generated`);
    if (res.deadLettered)
      problems.push(
        `${res.deadLettered} events dead-lettered (must be 0): ${JSON.stringify(summary.sampleErrors?.slice(0, 3) ?? [])}`,
      );
    if (res.conformWarnings) problems.push(`${res.conformWarnings} conform warnings`);
    const dropped = Object.entries(res.droppedFields ?? {});
    if (dropped.length) problems.push(`dropped fields: ${dropped.map(([k, v]) => `${k}×${v}`).join(', ')}`);
  }
  for (const p of problems) log(`[${type}] WARNING: ${p}`);
  res.problems = problems;
  if (!opt.keep) await rm(lake, { recursive: true, force: true });
  else res.dir = lake;
  return res;
}

async function runDuckdb(type, input) {
  const dir = await freshDir('duckdb-managed-bench-');
  const outFile = path.join(dir, 'out.parquet');
  const select = duckdbSelect(type, input);
  log(
    `[${type}] duckdb COPY (${select.replace(/\[[^\]]*\]/, `<${input.paths.length} file(s)>`)}) → zstd Parquet`,
  );
  const r = await runNode([BASELINE, '--out', outFile, '--threads', opt.threads, '--select', select]);
  const summary = parseSummary(r.stdout);
  const problems = [];
  if (r.code !== 0 || !summary) problems.push(`duckdb baseline failed (exit ${r.code ?? r.signal})`);
  else if (summary.rows !== input.events)
    problems.push(`DuckDB wrote ${summary.rows} rows, ${input.events} generated`);
  for (const p of problems) log(`[${type}] WARNING: ${p}`);
  const res = {
    ok: r.code === 0 && summary != null,
    version: summary?.duckdbVersion ?? null,
    exitCode: r.code,
    wallMs: r.wallMs,
    peakHwm: r.peakHwm,
    rows: summary?.rows ?? null,
    innerMs: summary?.durationMs ?? null,
    parquetBytes: summary?.parquetBytes ?? null,
    select,
    problems,
  };
  if (!opt.keep) await rm(dir, { recursive: true, force: true });
  else res.dir = dir;
  return res;
}

/* ------------------------------------------------------------------ report */

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
  loadavg: os.loadavg(),
};
console.log(
  `Lakewatch managed-source benchmark — ${env.date}, node ${env.node}, ${env.cpus} × ${env.cpu}, ${env.memGiB} GiB RAM, commit ${env.commit}`,
);
if (env.loadavg[0] > 0.5)
  console.log(
    `NOTE: load average ${env.loadavg.map((l) => l.toFixed(2)).join(' ')} — other work on this machine skews timings`,
  );

let runLake = !opt['skip-lakewatch'];
if (runLake && !existsSync(CLI_BUILT)) {
  console.log(
    `NOTE: ${path.relative(ROOT, CLI_BUILT)} is missing — run \`npm run build\` first. Lakewatch is skipped.`,
  );
  runLake = false;
}

const results = { env, options: { ...opt, events: EVENTS, types: TYPE_LIST }, types: {} };
const rows = [
  [
    'type',
    'events',
    'input MB',
    'files',
    'LW wall s',
    'LW events/s',
    'DuckDB wall s',
    'DuckDB events/s',
    'ratio',
    'LW peak RSS',
    'DuckDB peak RSS',
    'LW Parquet MB',
    'DuckDB Parquet MB',
    'dead',
  ],
];
for (const type of TYPE_LIST) {
  const input = await ensureInput(type);
  const lw = runLake ? await runLakewatch(type, input) : null;
  const dk = opt['skip-duckdb'] ? null : await runDuckdb(type, input);
  const lwEps = lw?.ok ? input.events / (lw.wallMs / 1000) : null;
  const dkEps = dk?.ok ? input.events / (dk.wallMs / 1000) : null;
  const ratio = lwEps != null && dkEps != null ? lwEps / dkEps : null;
  rows.push([
    TYPES[type].label,
    fmtInt(input.events),
    fmt(input.rawBytes / MB),
    fmtInt(input.paths.length),
    lw?.ok ? fmt(lw.wallMs / 1000, 2) : lw ? 'failed' : '-',
    fmtInt(lwEps),
    dk?.ok ? fmt(dk.wallMs / 1000, 2) : dk ? 'failed' : '-',
    fmtInt(dkEps),
    ratio == null ? '-' : `${fmt(ratio, 2)}×`,
    fmtMiB(lw?.peakHwm),
    fmtMiB(dk?.peakHwm),
    lw?.ok ? fmt(lw.parquetBytes / MB) : '-',
    dk?.ok ? fmt(dk.parquetBytes / MB) : '-',
    lw?.ok ? fmtInt(lw.deadLettered) : '-',
  ]);
  results.types[type] = {
    input: { ...input, paths: undefined },
    lakewatch: lw,
    duckdb: dk,
    lakewatchEventsPerSec: lwEps,
    duckdbEventsPerSec: dkEps,
    ratio,
  };
}

console.log(`\n${fmtInt(EVENTS)} events per type, event times over ${SPAN} h; DuckDB threads=${opt.threads}`);
console.log(table(rows));
console.log(
  'ratio = Lakewatch events/s ÷ DuckDB events/s (wall clock of each child process); input MB uncompressed; dead = dead-lettered (should be 0)',
);
const problems = Object.entries(results.types).flatMap(([t, r]) =>
  [...(r.lakewatch?.problems ?? []), ...(r.duckdb?.problems ?? [])].map((p) => `${t}: ${p}`),
);
if (problems.length) console.log(`\nWARNINGS:\n${problems.map((p) => `  ${p}`).join('\n')}`);

await mkdir(opt.out, { recursive: true });
const resultFile = path.join(opt.out, `managed-${env.date.replace(/[:.]/g, '-')}.json`);
await writeFile(resultFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nresults: ${path.relative(process.cwd(), resultFile)}`);
