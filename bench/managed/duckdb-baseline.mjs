#!/usr/bin/env node
// DuckDB baseline of the managed-source benchmark: runs
//   COPY (<select>) TO <out> (FORMAT parquet, COMPRESSION zstd)
// for the SELECT that run.mjs builds for the input's format (read_json_auto / read_csv, with
// the CloudTrail `Records` unnested), and prints a JSON summary on stdout:
//   { rows, durationMs, parquetBytes, threads, duckdbVersion }
//
//   node bench/managed/duckdb-baseline.mjs --out /tmp/x.parquet --select "SELECT …" [--threads 2]
//
// run.mjs starts it as a child process, like the Lakewatch CLI, so both sides pay the same
// process start-up and their peak RSS is measured the same way. It parses and writes Parquet but
// maps nothing (no ECS, no Iceberg commit).

import { parseArgs } from 'node:util';
import { copyToParquet } from '../lib/duckdb-copy.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    select: { type: 'string' },
    threads: { type: 'string', default: '2' },
    'memory-limit': { type: 'string' },
  },
});
if (!values.out || !values.select) {
  console.error(
    'usage: node bench/managed/duckdb-baseline.mjs --out FILE.parquet --select "SELECT …" [--threads N] [--memory-limit 4GB]',
  );
  process.exit(2);
}

const summary = await copyToParquet({
  select: values.select,
  out: values.out,
  threads: values.threads,
  memoryLimit: values['memory-limit'],
});
process.stdout.write(JSON.stringify(summary) + '\n');
