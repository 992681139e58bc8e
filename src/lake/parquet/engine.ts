/**
 * The lake's DuckDB: one in-memory instance per Lake (threads 2, a memory limit), used to write
 * Parquet (and to read it back for compaction). Statements run one at a time.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface DuckEngineOptions {
  threads?: number;
  memoryLimit?: string;
  tempDirectory?: string;
}

export class DuckEngine {
  private chain: Promise<unknown> = Promise.resolve();
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async create(opts: DuckEngineOptions = {}): Promise<DuckEngine> {
    const config: Record<string, string> = {
      threads: String(opts.threads ?? 2),
      memory_limit: opts.memoryLimit ?? '1GB',
    };
    if (opts.tempDirectory) config.temp_directory = opts.tempDirectory;
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
    return new DuckEngine(instance, conn);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  run(sql: string): Promise<void> {
    return this.serial(async () => {
      await this.conn.run(sql);
    });
  }

  /** Rows as JSON-friendly objects (BIGINT etc. as strings). */
  all(sql: string): Promise<Record<string, unknown>[]> {
    return this.serial(async () => {
      const r = await this.conn.runAndReadAll(sql);
      return r.getRowObjectsJson() as Record<string, unknown>[];
    });
  }

  /** Rows as arrays of DuckDB values (VARCHAR as string): the cheapest way to read many rows. */
  rows(sql: string): Promise<unknown[][]> {
    return this.serial(async () => {
      const r = await this.conn.runAndReadAll(sql);
      return r.getRows() as unknown[][];
    });
  }

  /** Rows as JS values (BIGINT as bigint, TIMESTAMP as DuckDB value objects). */
  allJs(sql: string): Promise<Record<string, unknown>[]> {
    return this.serial(async () => {
      const r = await this.conn.runAndReadAll(sql);
      return r.getRowObjectsJS() as Record<string, unknown>[];
    });
  }

  async close(): Promise<void> {
    await this.chain;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
