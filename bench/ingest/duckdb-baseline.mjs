#!/usr/bin/env node
// DuckDB baseline for the ingest benchmark: converts NDJSON (gzip or plain) to one zstd
// Parquet file with DuckDB's own JSON reader, and prints a JSON summary on stdout:
//   { rows, durationMs, parquetBytes, threads, duckdbVersion }
//
//   node bench/ingest/duckdb-baseline.mjs --out /tmp/x.parquet [--threads 2] FILE…
//
// run.mjs starts it as a child process, exactly like the Lakewatch CLI, so both sides pay
// the same process start-up and their peak RSS is measured the same way.

import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

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

const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const compression = positionals.every((f) => f.endsWith('.gz')) ? 'gzip' : 'auto_detect';

const options = { threads: values.threads };
if (values['memory-limit']) options.memory_limit = values['memory-limit'];
const instance = await DuckDBInstance.create(':memory:', options);
const conn = await instance.connect();
const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;

const sql =
  `COPY (SELECT * FROM read_json([${positionals.map(quote).join(', ')}], ` +
  `format = 'newline_delimited', compression = '${compression}')) ` +
  `TO ${quote(values.out)} (FORMAT parquet, COMPRESSION zstd)`;

const t0 = performance.now();
const reader = await conn.runAndReadAll(sql);
const durationMs = performance.now() - t0;
// COPY … TO returns one row with the number of rows written.
const rows = Number(reader.getRows()[0]?.[0] ?? NaN);
const parquetBytes = (await stat(values.out)).size;

conn.closeSync();
instance.closeSync();
process.stdout.write(
  JSON.stringify({
    rows,
    durationMs,
    parquetBytes,
    threads: Number(values.threads),
    duckdbVersion: version,
  }) + '\n',
);
