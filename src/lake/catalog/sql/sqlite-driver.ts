/**
 * SqlDriver over better-sqlite3 (WAL, busy_timeout). Transactions are serialized within the
 * process per database file (better-sqlite3 is synchronous, so a second BEGIN IMMEDIATE in the
 * same process would block the event loop); across processes SQLite's lock + busy_timeout apply.
 */
import Database from 'better-sqlite3';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { SqlDriver, SqlExecutor } from './driver.js';

const locks = new Map<string, Promise<unknown>>();

function withFileLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const tail = next.catch(() => undefined);
  locks.set(key, tail);
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key);
  });
  return next;
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly lockKey: string;

  constructor(file: string, opts: { busyTimeoutMs?: number } = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
    this.db.pragma('synchronous = NORMAL');
    this.lockKey = file === ':memory:' ? `mem:${Math.random()}` : realpathSync(path.resolve(file));
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...(params as unknown[])) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<{ changes: number }> {
    const r = this.db.prepare(sql).run(...(params as unknown[]));
    return { changes: r.changes };
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return withFileLock(this.lockKey, async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this);
        this.db.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  isUniqueViolation(err: unknown): boolean {
    const code = (err as { code?: string }).code ?? '';
    return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
