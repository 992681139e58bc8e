/**
 * remotecache fixtures: the table the detection runtimes share
 * (`lakewatch_remotecache(namespace, key, value JSON, expires_at REAL seconds)`), emptied and
 * seeded before every test case so that no case sees another's state.
 */
import Database from 'better-sqlite3';

/** Seeded values outlive any test run (ten years). */
const SEED_TTL_SECONDS = 10 * 365 * 24 * 3600;

export class RemoteCacheFixture {
  private readonly db: Database.Database;

  constructor(readonly sqlitePath: string) {
    this.db = new Database(sqlitePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    // the same DDL as the Python worker's SqliteCacheBackend (IF NOT EXISTS: whoever is first)
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS lakewatch_remotecache (namespace TEXT NOT NULL, key TEXT NOT NULL,' +
        ' value TEXT NOT NULL, expires_at REAL NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID',
    );
  }

  /** Empties the cache, then stores `{ namespace: { key: value } }`. */
  reset(seed: Record<string, Record<string, unknown>> | undefined): void {
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO lakewatch_remotecache (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)',
    );
    const expires = Date.now() / 1000 + SEED_TTL_SECONDS;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM lakewatch_remotecache');
      for (const [ns, entries] of Object.entries(seed ?? {}))
        for (const [key, value] of Object.entries(entries))
          insert.run(ns, key, JSON.stringify(value ?? null), expires);
    })();
  }

  close(): void {
    this.db.close();
  }
}
