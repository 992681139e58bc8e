/**
 * remotecache storage in SQLite, row for row what the Python worker's `SqliteCacheBackend`
 * (src/detect/python/worker.py) does, so both runtimes share namespaces in one file.
 */
import Database from 'better-sqlite3';
import { parseJsonText, toJsonText } from './json.js';

export const REMOTECACHE_TABLE = 'lakewatch_remotecache';

// Same DDL as worker.py: whichever runtime opens the file first creates the table.
const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS lakewatch_remotecache (namespace TEXT NOT NULL, key TEXT NOT NULL,' +
  ' value TEXT NOT NULL, expires_at REAL NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID';

/** Seconds since the epoch (fractional), as Python's `time.time()`. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now() / 1000;

/** What `remotecache()` needs from a store; `ttl` is in seconds. */
export interface RemoteCacheStore {
  get(namespace: string, key: string): unknown;
  set(namespace: string, ttl: number, key: string, value: unknown): void;
  delete(namespace: string, key: string): void;
  incrementCounter(namespace: string, ttl: number, key: string, by: number): number;
  addToStringSet(namespace: string, ttl: number, key: string, values: string[]): string[];
  removeFromStringSet(namespace: string, ttl: number, key: string, values: string[]): string[];
}

/** Opens (creating if needed) an SQLite file for remotecache: WAL, and the table. */
export function openRemoteCacheDb(sqlitePath: string): Database.Database {
  // 60 s busy timeout, as the Python side: a burst of counter updates from many workers queues up
  const db = new Database(sqlitePath, { timeout: 60_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(CREATE_TABLE);
  return db;
}

/**
 * Deletes expired rows (reads already ignore them); returns how many. For maintenance: call it
 * now and then on the file given as `remoteCache.sqlitePath`. A missing table is not an error.
 */
export function purgeExpired(db: Database.Database, now: number = systemClock()): number {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(REMOTECACHE_TABLE);
  if (!exists) return 0;
  return db.prepare('DELETE FROM lakewatch_remotecache WHERE expires_at <= ?').run(now).changes;
}

/** Python's `sorted()` on str: by code point (JavaScript's default sort is by UTF-16 unit). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function sortedStrings(values: Iterable<string>): string[] {
  const out = [...values];
  // the fast comparison is exact unless a surrogate pair is involved
  return out.some((s) => /[\uD800-\uDFFF]/.test(s)) ? out.sort(byCodePoint) : out.sort();
}

export class SqliteRemoteCacheStore implements RemoteCacheStore {
  private readonly select: Database.Statement<
    [string, string, number],
    { value: string; expires_at: number }
  >;
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly remove: Database.Statement<[string, string]>;

  /** `now` is injectable for tests (seconds since the epoch). */
  constructor(
    readonly db: Database.Database,
    private readonly now: Clock = systemClock,
  ) {
    db.exec(CREATE_TABLE);
    this.select = db.prepare(
      'SELECT value, expires_at FROM lakewatch_remotecache WHERE namespace = ? AND key = ? AND expires_at > ?',
    );
    this.upsert = db.prepare(
      'INSERT OR REPLACE INTO lakewatch_remotecache (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.remove = db.prepare('DELETE FROM lakewatch_remotecache WHERE namespace = ? AND key = ?');
  }

  /** The stored JSON text, or undefined when missing or expired. */
  private readRaw(namespace: string, key: string): string | undefined {
    return this.select.get(namespace, key, this.now())?.value;
  }

  private write(namespace: string, ttl: number, key: string, json: string): void {
    this.upsert.run(namespace, key, json, this.now() + ttl);
  }

  /**
   * Read, compute, write in one IMMEDIATE transaction: exact across processes. A live key keeps
   * its expiry (Matano: counters and sets count within one window from their creation).
   */
  private update<T>(
    namespace: string,
    ttl: number,
    key: string,
    fn: (raw: string | undefined) => [T, string],
  ): T {
    return this.db
      .transaction(() => {
        const row = this.select.get(namespace, key, this.now());
        const [value, json] = fn(row?.value);
        this.upsert.run(namespace, key, json, row ? row.expires_at : this.now() + ttl);
        return value;
      })
      .immediate();
  }

  get(namespace: string, key: string): unknown {
    const raw = this.readRaw(namespace, key);
    return raw === undefined ? undefined : parseJsonText(raw);
  }

  set(namespace: string, ttl: number, key: string, value: unknown): void {
    this.write(namespace, ttl, key, toJsonText(value));
  }

  delete(namespace: string, key: string): void {
    this.remove.run(namespace, key);
  }

  incrementCounter(namespace: string, ttl: number, key: string, by: number): number {
    return this.update(namespace, ttl, key, (raw) => {
      // Python counts on from an int (bool is an int there) and restarts at 0 from anything else
      // (missing, float, text…); decide on the JSON text, where 2 and 2.0 differ.
      const text = raw?.trim();
      let old = 0n;
      if (text !== undefined && /^-?\d+$/.test(text)) old = BigInt(text);
      else if (text === 'true') old = 1n;
      const next = old + BigInt(Math.trunc(by));
      return [Number(next), next.toString()];
    });
  }

  addToStringSet(namespace: string, ttl: number, key: string, values: string[]): string[] {
    return this.update(namespace, ttl, key, (raw) => {
      const set = new Set(this.stringList(raw));
      for (const v of values) set.add(v);
      const out = sortedStrings(set);
      return [out, JSON.stringify(out)];
    });
  }

  removeFromStringSet(namespace: string, ttl: number, key: string, values: string[]): string[] {
    return this.update(namespace, ttl, key, (raw) => {
      const gone = new Set(values);
      const out = sortedStrings(this.stringList(raw).filter((v) => !gone.has(v)));
      return [out, JSON.stringify(out)];
    });
  }

  /** The stored list (anything else counts as empty, as in Python). */
  private stringList(raw: string | undefined): string[] {
    if (raw === undefined) return [];
    const value = parseJsonText(raw);
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : toJsonText(v))) : [];
  }
}
