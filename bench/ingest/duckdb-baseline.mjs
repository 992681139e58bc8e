#!/usr/bin/env node
// DuckDB baseline for the ingest benchmark: converts NDJSON (gzip or plain) to one zstd
// Parquet file with DuckDB's own JSON reader, and prints a JSON summary on stdout:
//   { rows, durationMs, parquetBytes, threads, duckdbVersion }
//
//   node bench/ingest/duckdb-baseline.mjs --out /tmp/x.parquet [--threads 2] FILE…
//
// run.mjs starts it as a child process, exactly like the Lakewatch CLI, so both sides pay
// the same process start-up and their peak RSS is measured the same way.

import { parseArgs } from 'node:util';
import { copyToParquet, quote } from '../lib/duckdb-copy.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    threads: { type: 'string', default: '2' },
    'memory-limit': { type: 'string' },
  },
});
if (!values.out || positionals.length === 0) {
  console.error(
    'usage: node bench/ingest/duckdb-baseline.mjs --out FILE.parquet [--threads N] [--memory-limit 4GB] FILE…',
  );
  process.exit(2);
}

const compression = positionals.every((f) => f.endsWith('.gz')) ? 'gzip' : 'auto_detect';
const select =
  `SELECT * FROM read_json([${positionals.map(quote).join(', ')}], ` +
  `format = 'newline_delimited', compression = '${compression}')`;
const summary = await copyToParquet({
  select,
  out: values.out,
  threads: values.threads,
  memoryLimit: values['memory-limit'],
});
process.stdout.write(JSON.stringify(summary) + '\n');
