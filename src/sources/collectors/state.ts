/**
 * Collector cursors: one row per log source in the lake's state database
 * (`<lake>/.lakewatch/catalog.db`, table `lakewatch_collector_cursors`), saved after each page
 * is committed. The cursor is the collector's own JSON state (a next-page URL, a time and the
 * event ids seen in the overlap window…). A lease (`lakewatch_collector_leases`) keeps two
 * processes (`lakewatch up` and `lakewatch collect`) from pulling the same source at once.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';

export interface SavedCursor {
  /** Managed type of the collector that wrote it, e.g. 'OKTA'. */
  collector: string;
  cursor: unknown;
  /** Epoch ms. */
  updatedAt: number;
}

/** Who holds a log source's pull lease. */
export interface LeaseHolder {
  owner: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface CursorStore {
  get(logSource: string): SavedCursor | undefined;
  save(logSource: string, collector: string, cursor: unknown): void;
  /** Forgets the cursor (the next run starts at `start_time` or 24 h ago); false when there was none. */
  reset(logSource: string): boolean;
  list(): ({ logSource: string } & SavedCursor)[];
  /**
   * Takes the log source's pull lease for `ttlMs` (one process pulls a source at a time); when
   * another owner holds an unexpired lease, returns it instead. `owner` is `<host>:<pid>:<random>`:
   * a lease of a process of this host that no longer runs is taken over at once.
   */
  acquire(logSource: string, owner: string, ttlMs: number): { ok: true } | { ok: false; holder: LeaseHolder };
  /** Extends a lease this owner holds; false when it lost it. */
  renew(logSource: string, owner: string, ttlMs: number): boolean;
  release(logSource: string, owner: string): void;
  close(): void;
}

const DDL = `CREATE TABLE IF NOT EXISTS lakewatch_collector_cursors (
  log_source TEXT NOT NULL,
  collector TEXT NOT NULL,
  cursor TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (log_source)
);
CREATE TABLE IF NOT EXISTS lakewatch_collector_leases (
  log_source TEXT NOT NULL PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
)`;

/** This process's lease owner id: `<host>:<pid>:<random>`. */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Whether the owner is a process of this host that has exited. */
function ownerIsGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

interface Row {
  log_source: string;
  collector: string;
  cursor: string | null;
  updated_at: number;
}

/** Opens the store on an open database (not closed by `close`) or a SQLite file path. */
export function openCursorStore(
  target: string | Database.Database,
  now: () => number = Date.now,
): CursorStore {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target) : target;
  if (owned) {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
  }
  db.exec(DDL);
  const getStmt = db.prepare(`SELECT * FROM lakewatch_collector_cursors WHERE log_source = ?`);
  const saveStmt = db.prepare(
    `INSERT INTO lakewatch_collector_cursors (log_source, collector, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (log_source) DO UPDATE SET collector = excluded.collector, cursor = excluded.cursor,
       updated_at = excluded.updated_at`,
  );
  const toSaved = (r: Row): SavedCursor => ({
    collector: r.collector,
    cursor: r.cursor === null ? undefined : (JSON.parse(r.cursor) as unknown),
    updatedAt: r.updated_at,
  });
  return {
    get(logSource) {
      const row = getStmt.get(logSource) as Row | undefined;
      return row ? toSaved(row) : undefined;
    },
    save(logSource, collector, cursor) {
      saveStmt.run(logSource, collector, cursor === undefined ? null : JSON.stringify(cursor), now());
    },
    reset(logSource) {
      return (
        db.prepare(`DELETE FROM lakewatch_collector_cursors WHERE log_source = ?`).run(logSource).changes > 0
      );
    },
    list() {
      const rows = db.prepare(`SELECT * FROM lakewatch_collector_cursors ORDER BY log_source`).all() as Row[];
      return rows.map((r) => ({ logSource: r.log_source, ...toSaved(r) }));
    },
    acquire(logSource, owner, ttlMs) {
      const take = db.transaction(() => {
        const row = db
          .prepare(`SELECT owner, expires_at FROM lakewatch_collector_leases WHERE log_source = ?`)
          .get(logSource) as { owner: string; expires_at: number } | undefined;
        const t = now();
        if (row && row.owner !== owner && row.expires_at > t && !ownerIsGone(row.owner))
          return { ok: false as const, holder: { owner: row.owner, expiresAt: row.expires_at } };
        db.prepare(
          `INSERT INTO lakewatch_collector_leases (log_source, owner, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (log_source) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
        ).run(logSource, owner, t + ttlMs);
        return { ok: true as const };
      });
      return take.immediate();
    },
    renew(logSource, owner, ttlMs) {
      return (
        db
          .prepare(`UPDATE lakewatch_collector_leases SET expires_at = ? WHERE log_source = ? AND owner = ?`)
          .run(now() + ttlMs, logSource, owner).changes > 0
      );
    },
    release(logSource, owner) {
      db.prepare(`DELETE FROM lakewatch_collector_leases WHERE log_source = ? AND owner = ?`).run(
        logSource,
        owner,
      );
    },
    close() {
      if (owned) db.close();
    },
  };
}
