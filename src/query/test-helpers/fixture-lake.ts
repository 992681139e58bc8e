/**
 * A tiny stand-in for the lake in tests: Parquet files written by DuckDB with Iceberg field
 * ids, snapshots kept in memory, and `planScan` pruning files by their ts min/max.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Schema } from '../../lake/iceberg/types.js';
import type { LakeReader, LakeScanFile, LakeScanOptions, LakeScanPlan } from '../types.js';

interface FixtureFile extends LakeScanFile {
  minTs: number | null;
  maxTs: number | null;
}

interface Snapshot {
  id: string;
  timestampMs: number;
  schema: Schema;
  files: FixtureFile[];
}

export class FixtureLake implements LakeReader {
  private readonly tables = new Map<string, Snapshot[]>();
  private nextSnapshot = 1000;
  private fileNo = 0;

  private constructor(
    readonly root: string,
    readonly warehouse: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async create(): Promise<FixtureLake> {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lakewatch-query-'));
    const warehouse = path.join(root, 'warehouse');
    await fs.mkdir(warehouse, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    return new FixtureLake(root, warehouse, instance, conn);
  }

  /** Creates (or evolves) a table; the new snapshot keeps the previous files. */
  async commit(
    table: string,
    schema: Schema,
    files: { select: string; fieldIds: string }[],
    timestampMs = Date.now(),
  ): Promise<string> {
    const history = this.tables.get(table) ?? [];
    const previous = history[history.length - 1]?.files ?? [];
    const added: FixtureFile[] = [];
    for (const file of files) added.push(await this.writeFile(table, file.select, file.fieldIds));
    const id = String(this.nextSnapshot++);
    history.push({ id, timestampMs, schema, files: [...previous, ...added] });
    this.tables.set(table, history);
    return id;
  }

  async writeFile(table: string, select: string, fieldIds: string): Promise<FixtureFile> {
    const dir = path.join(this.warehouse, 'lakewatch', table, 'data', `ts_hour=${this.fileNo}`);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `f${this.fileNo++}.parquet`);
    await this.conn.run(`COPY (${select}) TO '${file}' (FORMAT parquet, FIELD_IDS ${fieldIds})`);
    const stats = await this.conn.runAndReadAll(
      `SELECT count(*), epoch_us(min(ts)), epoch_us(max(ts)) FROM read_parquet('${file}')`,
    );
    const [count, min, max] = stats.getRows()[0]!;
    const { size } = await fs.stat(file);
    return {
      path: file,
      recordCount: Number(count),
      fileSizeInBytes: size,
      minTs: min === null ? null : Number(min),
      maxTs: max === null ? null : Number(max),
    };
  }

  async listTables(): Promise<string[]> {
    return [...this.tables.keys()];
  }

  async planScan(name: string, opts: LakeScanOptions = {}): Promise<LakeScanPlan> {
    const history = this.tables.get(name);
    if (!history) throw new Error(`no such table: ${name}`);
    let snapshot = history[history.length - 1]!;
    if (opts.snapshotId !== undefined) {
      const found = history.find((s) => s.id === opts.snapshotId);
      if (!found) throw new Error(`no snapshot ${opts.snapshotId} in ${name}`);
      snapshot = found;
    } else if (opts.asOf) {
      const found = history.filter((s) => s.timestampMs <= opts.asOf!.getTime()).pop();
      if (!found) throw new Error(`${name} has no snapshot as of ${opts.asOf.toISOString()}`);
      snapshot = found;
    }
    const range = opts.tsRange;
    const files = snapshot.files.filter((f) => {
      if (!range || f.minTs === null || f.maxTs === null) return true;
      if (range.min !== undefined && f.maxTs < range.min) return false;
      if (range.max !== undefined && f.minTs > range.max) return false;
      return true;
    });
    return {
      table: name,
      snapshotId: snapshot.id,
      schema: snapshot.schema,
      files: files.map(({ path: p, recordCount, fileSizeInBytes }) => ({
        path: p,
        recordCount,
        fileSizeInBytes,
      })),
      totalFiles: snapshot.files.length,
    };
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    await fs.rm(this.root, { recursive: true, force: true });
  }
}
