/**
 * Ingest history: one row per table per `Lake.commit`, inserted in the same catalog transaction
 * as the table pointer swaps and ledger rows. Unlike snapshot summaries, the rows outlive
 * snapshot expiry, so volume over time stays answerable; they are pruned by age instead.
 * Portable SQL only (`?` placeholders, BIGINT, CREATE INDEX IF NOT EXISTS): SQLite and PostgreSQL.
 */
import type { IngestHistoryEntry } from '../catalog/catalog.js';
import type { SqlExecutor } from '../catalog/sql/driver.js';

export const HISTORY_TABLE = 'lakewatch_ingest_history';

/** How long the service keeps ingest-history rows (a little over a year). */
export const INGEST_HISTORY_MAX_AGE_MS = 400 * 86_400_000;

export const HISTORY_DDL = [
  `CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  committed_at_ms BIGINT NOT NULL,
  table_name VARCHAR(255) NOT NULL,
  log_source VARCHAR(255),
  snapshot_id VARCHAR(40) NOT NULL,
  added_records BIGINT NOT NULL,
  added_bytes BIGINT NOT NULL
)`,
  `CREATE INDEX IF NOT EXISTS ${HISTORY_TABLE}_time ON ${HISTORY_TABLE} (committed_at_ms)`,
  `CREATE INDEX IF NOT EXISTS ${HISTORY_TABLE}_table_time ON ${HISTORY_TABLE} (table_name, committed_at_ms)`,
];

export interface IngestHistoryRow extends IngestHistoryEntry {
  committedAtMs: number;
}

export interface IngestHistoryQuery {
  /** Rows committed at or after this epoch-ms time. */
  sinceMs: number;
  /** Rows committed at or before this epoch-ms time (default: no bound). */
  untilMs?: number;
  /** Only these tables (an empty list matches nothing). */
  tables?: string[];
  /** Only rows of this log source. */
  logSource?: string;
}

export interface IngestVolumeQuery extends IngestHistoryQuery {
  /** Bucket width in ms; buckets start at `sinceMs`. Default: one bucket for the whole range. */
  stepMs?: number;
}

export interface IngestVolumeBucket {
  /** Start of the bucket (epoch ms): `sinceMs + k * stepMs`. */
  startMs: number;
  commits: number;
  records: number;
  bytes: number;
  /** Newest commit time in the bucket (epoch ms). */
  lastCommitMs: number;
}

export async function insertHistoryRows(
  tx: SqlExecutor,
  rows: IngestHistoryEntry[],
  committedAtMs: number,
): Promise<void> {
  for (const r of rows) {
    await tx.run(
      `INSERT INTO ${HISTORY_TABLE} (committed_at_ms, table_name, log_source, snapshot_id, added_records, added_bytes)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [committedAtMs, r.table, r.logSource, r.snapshotId, r.addedRecords, r.addedBytes],
    );
  }
}

function integer(name: string, value: number): number {
  if (!Number.isSafeInteger(value))
    throw new Error(`ingest history: ${name} must be an integer, got ${value}`);
  return value;
}

function where(q: IngestHistoryQuery): { sql: string; params: unknown[] } {
  const parts = ['committed_at_ms >= ?'];
  const params: unknown[] = [integer('sinceMs', q.sinceMs)];
  if (q.untilMs !== undefined) {
    parts.push('committed_at_ms <= ?');
    params.push(integer('untilMs', q.untilMs));
  }
  if (q.tables) {
    parts.push(`table_name IN (${q.tables.map(() => '?').join(', ')})`);
    params.push(...q.tables);
  }
  if (q.logSource !== undefined) {
    parts.push('log_source = ?');
    params.push(q.logSource);
  }
  return { sql: parts.join(' AND '), params };
}

/** Rows in commit order (PostgreSQL returns BIGINT as strings, hence the Number()s). */
export async function queryHistory(db: SqlExecutor, q: IngestHistoryQuery): Promise<IngestHistoryRow[]> {
  if (q.tables?.length === 0) return [];
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT committed_at_ms, table_name, log_source, snapshot_id, added_records, added_bytes
     FROM ${HISTORY_TABLE} WHERE ${w.sql} ORDER BY committed_at_ms, table_name`,
    w.params,
  );
  return rows.map((r) => ({
    committedAtMs: Number(r.committed_at_ms),
    table: String(r.table_name),
    logSource: r.log_source === null || r.log_source === undefined ? null : String(r.log_source),
    snapshotId: String(r.snapshot_id),
    addedRecords: Number(r.added_records),
    addedBytes: Number(r.added_bytes),
  }));
}

/**
 * Sums per time bucket, computed by the database; only buckets holding commits are returned,
 * oldest first. `sinceMs` and `stepMs` are validated integers written into the SQL as literals,
 * so the division is integer division in every dialect.
 */
export async function queryVolume(db: SqlExecutor, q: IngestVolumeQuery): Promise<IngestVolumeBucket[]> {
  if (q.tables?.length === 0) return [];
  const since = integer('sinceMs', q.sinceMs);
  let step: number | null = null;
  if (q.stepMs !== undefined) {
    step = integer('stepMs', q.stepMs);
    if (step <= 0) throw new Error(`ingest history: stepMs must be positive, got ${step}`);
  }
  const bucket = step === null ? '0' : `(committed_at_ms - ${since}) / ${step}`;
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT bucket, COUNT(*) AS commits, SUM(added_records) AS records, SUM(added_bytes) AS bytes,
            MAX(committed_at_ms) AS last_ms
     FROM (SELECT ${bucket} AS bucket, committed_at_ms, added_records, added_bytes
           FROM ${HISTORY_TABLE} WHERE ${w.sql}) AS h
     GROUP BY bucket ORDER BY bucket`,
    w.params,
  );
  return rows.map((r) => ({
    startMs: since + Number(r.bucket) * (step ?? 0),
    commits: Number(r.commits),
    records: Number(r.records),
    bytes: Number(r.bytes),
    lastCommitMs: Number(r.last_ms),
  }));
}

/** Newest commit time over the tables (epoch ms), null when none has a history row. */
export async function lastCommitMs(db: SqlExecutor, tables: string[]): Promise<number | null> {
  let newest: number | null = null;
  for (const t of tables) {
    // One MAX per table: answered from the (table_name, committed_at_ms) index.
    const rows = await db.query<{ m: unknown }>(
      `SELECT MAX(committed_at_ms) AS m FROM ${HISTORY_TABLE} WHERE table_name = ?`,
      [t],
    );
    const m = rows[0]?.m;
    if (m !== null && m !== undefined) newest = Math.max(newest ?? 0, Number(m));
  }
  return newest;
}

/** Deletes rows committed before `beforeMs`; returns how many. */
export async function pruneHistory(db: SqlExecutor, beforeMs: number): Promise<number> {
  const r = await db.run(`DELETE FROM ${HISTORY_TABLE} WHERE committed_at_ms < ?`, [
    integer('beforeMs', beforeMs),
  ]);
  return r.changes;
}
