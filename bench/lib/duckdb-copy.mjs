// The DuckDB side of the benchmarks: `COPY (<select>) TO <out> (FORMAT parquet, COMPRESSION zstd)`
// in a fresh in-memory instance, timed, with what it wrote.

import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

export const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** Runs the COPY; resolves to `{ rows, durationMs, parquetBytes, threads, duckdbVersion }`. */
export async function copyToParquet({ select, out, threads, memoryLimit }) {
  const options = { threads };
  if (memoryLimit) options.memory_limit = memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', options);
  const conn = await instance.connect();
  try {
    const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
    const t0 = performance.now();
    const reader = await conn.runAndReadAll(
      `COPY (${select}) TO ${quote(out)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const durationMs = performance.now() - t0;
    // COPY … TO returns one row with the number of rows written.
    const rows = Number(reader.getRows()[0]?.[0] ?? NaN);
    const parquetBytes = (await stat(out)).size;
    return { rows, durationMs, parquetBytes, threads: Number(threads), duckdbVersion: version };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
