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

import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

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

const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const options = { threads: values.threads };
if (values['memory-limit']) options.memory_limit = values['memory-limit'];
const instance = await DuckDBInstance.create(':memory:', options);
const conn = await instance.connect();
const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;

const sql = `COPY (${values.select}) TO ${quote(values.out)} (FORMAT parquet, COMPRESSION zstd)`;
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
