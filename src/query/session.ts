/**
 * A query session: one in-memory DuckDB instance, locked down before any user SQL runs,
 * that exposes every lake table as a temp view over the files of its scan plan.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBResultReader,
} from '@duckdb/node-api';
import { QueryCancelledError, QueryTimeoutError } from './errors.js';
import { quoteIdent, quoteString } from './duckdb-types.js';
import { collectTsConditions, duckDbTimestampEvaluator, resolveTsRanges } from './pruning.js';
import { analyzeSql, assertPreparedType } from './safety.js';
import type {
  LakeReader,
  LakeScanOptions,
  QueryOptions,
  QueryResult,
  QuerySession,
  QuerySessionOptions,
} from './types.js';
import { jsonSafeConverter } from './values.js';
import { createTableView, type LayoutCache } from './views.js';

export const DEFAULT_MAX_ROWS = 10_000;

export async function openQuerySession(
  lake: LakeReader,
  opts: QuerySessionOptions = {},
): Promise<QuerySession> {
  const asOf = opts.asOf === undefined ? {} : parseAsOf(opts.asOf);
  // Spill files go to a private directory, removed on close (not the process's cwd).
  const tempDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'lakewatch-query-'));
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await lockDown(conn, lake.warehouse, { ...opts, tempDirectory });
    return new LakeQuerySession(instance, conn, lake, asOf, tempDirectory);
  } catch (err) {
    conn?.closeSync();
    instance?.closeSync();
    await fs.rm(tempDirectory, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Settings first, then `lock_configuration` so user SQL can't undo them: the only readable
 * directory is the warehouse, no other external access, no extension installs or autoloads.
 */
export async function lockDown(
  conn: DuckDBConnection,
  warehouse: string,
  opts: Pick<QuerySessionOptions, 'threads' | 'memoryLimit'> & { tempDirectory?: string },
): Promise<void> {
  const dir = path.resolve(warehouse).replace(/\/*$/, '/');
  const statements = [`SET TimeZone = 'UTC'`];
  // Resource settings first: some (temp_directory) can't change once external access is off.
  if (opts.threads !== undefined) statements.push(`SET threads = ${Math.max(1, Math.floor(opts.threads))}`);
  if (opts.memoryLimit !== undefined) statements.push(`SET memory_limit = ${quoteString(opts.memoryLimit)}`);
  if (opts.tempDirectory !== undefined) {
    statements.push(`SET temp_directory = ${quoteString(opts.tempDirectory)}`);
  }
  statements.push(
    `SET autoinstall_known_extensions = false`,
    `SET autoload_known_extensions = false`,
    `SET allow_community_extensions = false`,
    `SET allowed_directories = [${quoteString(dir)}]`,
    `SET enable_external_access = false`,
    `SET lock_configuration = true`,
  );
  for (const sql of statements) await conn.run(sql);
}

/**
 * `asOf`: all digits with 10 (epoch seconds) or 13 (epoch milliseconds) digits is a time,
 * other digit strings (or `snapshot:<id>`) a snapshot id, anything else an ISO timestamp.
 */
export function parseAsOf(asOf: string): Pick<LakeScanOptions, 'asOf' | 'snapshotId'> {
  const text = asOf.trim();
  if (/^snapshot:\d+$/i.test(text)) return { snapshotId: text.slice('snapshot:'.length) };
  if (/^\d{10}$/.test(text)) return { asOf: new Date(Number(text) * 1000) };
  if (/^\d{13}$/.test(text)) return { asOf: new Date(Number(text)) };
  if (/^-?\d+$/.test(text)) return { snapshotId: text };
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new Error(`asOf "${asOf}" is neither a snapshot id, an ISO-8601 timestamp nor an epoch`);
  return { asOf: new Date(ms) };
}

class LakeQuerySession implements QuerySession {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly layouts: LayoutCache = new Map();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly lake: LakeReader,
    private readonly asOf: Pick<LakeScanOptions, 'asOf' | 'snapshotId'>,
    private readonly tempDirectory: string,
  ) {}

  query(sql: string, opts: QueryOptions = {}): Promise<QueryResult> {
    if (this.closed) return Promise.reject(new Error('query session is closed'));
    // One query at a time: views are per query.
    const run = this.queue.then(() => this.runQuery(sql, opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    this.conn.closeSync();
    this.instance.closeSync();
    await fs.rm(this.tempDirectory, { recursive: true, force: true });
  }

  private async runQuery(sql: string, opts: QueryOptions): Promise<QueryResult> {
    if (opts.signal?.aborted) throw new QueryCancelledError();
    const maxRows = Math.max(0, opts.maxRows ?? DEFAULT_MAX_ROWS);
    const lakeNames = new Map((await this.lake.listTables()).map((name) => [name.toLowerCase(), name]));
    const analysis = await analyzeSql(this.conn, sql, new Set(lakeNames.keys()));
    const referenced = analysis.allTables
      ? new Set(lakeNames.keys())
      : new Set(
          analysis.tableRefs
            .filter((r) => lakeNames.has(r.name) && ['', 'main', 'temp'].includes(r.schema))
            .map((r) => r.name),
        );
    const conditions = collectTsConditions(analysis.statements, new Set(lakeNames.keys()), analysis.cteNames);
    const ranges = await resolveTsRanges(conditions, duckDbTimestampEvaluator(this.conn));

    const scannedFiles: QueryResult['scannedFiles'] = {};
    const views: string[] = [];
    const prepared: DuckDBPreparedStatement[] = [];
    try {
      for (const key of referenced) {
        const name = lakeNames.get(key)!;
        const tsRange = ranges.get(key);
        let plan = await this.lake.planScan(name, { ...this.asOf, ...(tsRange ? { tsRange } : {}) });
        if (tsRange && !plan.schema.fields.some((f) => f.name === 'ts'))
          plan = await this.lake.planScan(name, { ...this.asOf });
        await createTableView(this.conn, name, plan, this.layouts);
        views.push(name);
        scannedFiles[name] = { scanned: plan.files.length, total: plan.totalFiles };
      }
      const extracted = await this.conn.extractStatements(sql);
      for (let i = 0; i < extracted.count; i++) {
        const statement = await extracted.prepare(i).catch((err: unknown) => {
          throw withTableHint(err, [...lakeNames.values()]);
        });
        prepared.push(statement);
        assertPreparedType(statement, analysis.explain && i === 0);
      }
      const last = prepared[prepared.length - 1];
      if (!last) throw new Error('no statement to run');
      let timedOut = false;
      const timer =
        opts.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              this.conn.interrupt();
            }, opts.timeoutMs);
      const signal = opts.signal;
      const onAbort = () => this.conn.interrupt();
      signal?.addEventListener('abort', onAbort, { once: true });
      let reader: DuckDBResultReader;
      try {
        if (signal?.aborted) throw new QueryCancelledError();
        reader = await last.streamAndReadUntil(maxRows + 1);
      } catch (err) {
        if (timedOut) throw new QueryTimeoutError(opts.timeoutMs!);
        if (signal?.aborted) throw new QueryCancelledError();
        throw err;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      const columns = reader
        .columnNames()
        .map((name, i) => ({ name, type: reader.columnType(i).toString() }));
      const rows = reader.convertRows(jsonSafeConverter) as unknown[][];
      const truncated = rows.length > maxRows || (rows.length === maxRows && !reader.done);
      return { columns, rows: rows.slice(0, maxRows), truncated, scannedFiles };
    } finally {
      for (const statement of prepared) statement.destroySync();
      for (const name of views)
        await this.conn.run(`DROP VIEW IF EXISTS temp.${quoteIdent(name)}`).catch(() => undefined);
    }
  }
}

/** "Table with name x does not exist!" gains the list of lake tables. */
function withTableHint(err: unknown, tables: string[]): unknown {
  if (!(err instanceof Error) || !/Table with name \S+ does not exist/.test(err.message)) return err;
  const list = tables.length > 0 ? tables.sort().join(', ') : '(none)';
  err.message = `${err.message} Lake tables: ${list}`;
  return err;
}
