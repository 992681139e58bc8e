/**
 * SqlDriver: the seam between the SQL catalog and a database. SQL uses `?` placeholders and
 * portable DDL; a PostgreSQL driver (node-postgres) rewrites `?` to `$n` and maps unique
 * violations (23505) to `isUniqueViolation`. Only SQLite is implemented today.
 */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN … COMMIT).
   * Rolls back when `fn` throws. Throws CommitStateUnknownError if COMMIT's outcome is unknown.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  isUniqueViolation(err: unknown): boolean;
  close(): Promise<void>;
}
