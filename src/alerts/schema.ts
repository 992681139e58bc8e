/** SQLite tables of the alert store. Names start with `alert` so the file can be shared. */
import type Database from 'better-sqlite3';
import { STATUS_DDL } from './status.js';

export const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS alert_store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  detection TEXT NOT NULL,
  dedupe TEXT NOT NULL,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  first_match_id TEXT NOT NULL,
  first_matched_at INTEGER NOT NULL,
  last_matched_at INTEGER NOT NULL,
  match_count INTEGER NOT NULL,
  threshold INTEGER NOT NULL,
  window_ms INTEGER NOT NULL,
  activated INTEGER NOT NULL,
  activated_at INTEGER,
  destinations TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_last ON alerts (last_matched_at);
CREATE INDEX IF NOT EXISTS alerts_detection ON alerts (detection, last_matched_at);
-- the open (most recently opened) alert of each (detection, dedupe) group
CREATE TABLE IF NOT EXISTS alert_groups (
  detection TEXT NOT NULL,
  dedupe TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  PRIMARY KEY (detection, dedupe)
);
-- every rule match counted; its id is the replay guard
CREATE TABLE IF NOT EXISTS alert_rule_matches (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  alert_id TEXT NOT NULL,
  detection TEXT NOT NULL,
  tbl TEXT NOT NULL,
  input TEXT NOT NULL,
  record_position INTEGER NOT NULL,
  matched_at INTEGER NOT NULL,
  title TEXT NOT NULL,
  dedupe TEXT NOT NULL,
  severity TEXT NOT NULL,
  first_matched_at INTEGER NOT NULL,
  activated INTEGER NOT NULL,
  activated_at INTEGER,
  alert_context TEXT,
  destinations TEXT,
  -- {description, runbook, reference} when any is set
  details TEXT,
  event TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_rule_matches_alert ON alert_rule_matches (alert_id, seq);
-- matches over time (API: matches per detection and bucket)
CREATE INDEX IF NOT EXISTS alert_rule_matches_time ON alert_rule_matches (matched_at);
-- the changes to deliver, in order (an outbox a delivery layer can read after a crash)
CREATE TABLE IF NOT EXISTS alert_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  alert TEXT NOT NULL,
  match_ids TEXT NOT NULL
);
`;

export function migrate(db: Database.Database): void {
  db.exec(DDL);
  db.exec(STATUS_DDL);
  const row = db.prepare(`SELECT value FROM alert_store_meta WHERE key = 'schema_version'`).get() as
    { value: string } | undefined;
  if (!row) {
    db.prepare(`INSERT INTO alert_store_meta (key, value) VALUES ('schema_version', ?)`).run(
      String(SCHEMA_VERSION),
    );
  } else if (Number(row.value) > SCHEMA_VERSION) {
    throw new Error(
      `alert store schema version ${row.value} is newer than this Lakewatch supports (${SCHEMA_VERSION})`,
    );
  }
}
