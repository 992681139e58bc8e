/**
 * Alert status: people acknowledge, resolve and reopen alerts. Every change is a row of
 * `alert_status_history` (who, when, note); an alert's status is its latest row, `open` when
 * it has none. Kept apart from the alert rows so matching never touches it.
 */
import type Database from 'better-sqlite3';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertStatusChange {
  status: AlertStatus;
  /** Who changed it (the API token's name). */
  by: string;
  /** Epoch ms. */
  at: number;
  note: string | null;
}

export const STATUS_DDL = `
CREATE TABLE IF NOT EXISTS alert_status_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  changed_by TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  note TEXT
);
CREATE INDEX IF NOT EXISTS alert_status_history_alert ON alert_status_history (alert_id, seq);
`;

/** SQL for the current status of the alert row aliased `alerts` (for filters). */
export const CURRENT_STATUS_SQL = `COALESCE((SELECT h.status FROM alert_status_history h
  WHERE h.alert_id = alerts.id ORDER BY h.seq DESC LIMIT 1), 'open')`;

/** A status change that is not one (the alert already has that status). */
export class AlertStatusConflictError extends Error {
  override readonly name = 'AlertStatusConflictError';
}

interface HistoryRow {
  alert_id: string;
  status: AlertStatus;
  changed_by: string;
  changed_at: number;
  note: string | null;
}

const fromRow = (r: HistoryRow): AlertStatusChange => ({
  status: r.status,
  by: r.changed_by,
  at: r.changed_at,
  note: r.note,
});

export function isAlertStatus(value: unknown): value is AlertStatus {
  return typeof value === 'string' && (ALERT_STATUSES as readonly string[]).includes(value);
}

/** The alert's status changes, oldest first. */
export function statusHistory(db: Database.Database, alertId: string): AlertStatusChange[] {
  const rows = db
    .prepare(`SELECT * FROM alert_status_history WHERE alert_id = ? ORDER BY seq`)
    .all(alertId) as HistoryRow[];
  return rows.map(fromRow);
}

/** Current status of each alert (`open` for alerts never changed). */
export function currentStatuses(
  db: Database.Database,
  alertIds: readonly string[],
): Map<string, AlertStatus> {
  const out = new Map<string, AlertStatus>(alertIds.map((id) => [id, 'open']));
  for (let i = 0; i < alertIds.length; i += 500) {
    const part = alertIds.slice(i, i + 500);
    const rows = db
      .prepare(
        `SELECT h.alert_id, h.status FROM alert_status_history h
         JOIN (SELECT alert_id, MAX(seq) AS seq FROM alert_status_history
               WHERE alert_id IN (${part.map(() => '?').join(', ')}) GROUP BY alert_id) last
         ON last.seq = h.seq`,
      )
      .all(...part) as Pick<HistoryRow, 'alert_id' | 'status'>[];
    for (const r of rows) out.set(r.alert_id, r.status);
  }
  return out;
}

/**
 * Records a status change in one transaction; throws AlertStatusConflictError when the alert
 * already has that status. The caller checks that the alert exists.
 */
export function recordStatus(db: Database.Database, alertId: string, change: AlertStatusChange): void {
  if (!isAlertStatus(change.status))
    throw new TypeError(
      `alert status ${JSON.stringify(change.status)}: expected one of ${ALERT_STATUSES.join(', ')}`,
    );
  db.transaction(() => {
    const current = currentStatuses(db, [alertId]).get(alertId)!;
    if (current === change.status)
      throw new AlertStatusConflictError(`alert ${alertId} is already ${change.status}`);
    db.prepare(
      `INSERT INTO alert_status_history (alert_id, status, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?)`,
    ).run(alertId, change.status, change.by, change.at, change.note);
  }).immediate();
}
