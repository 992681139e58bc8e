/** The SQLite-backed alert store: one transaction per batch, state that survives a restart. */
import Database from 'better-sqlite3';
import {
  alertFromRow,
  alertParams,
  matchFromRow,
  matchParams,
  toJson,
  type AlertRow,
  type MatchRow,
} from './codec.js';
import { compareMatches, countMatch } from './grouping.js';
import { ruleMatchId } from './ids.js';
import { migrate } from './schema.js';
import { severitiesFrom } from './severity.js';
import {
  CURRENT_STATUS_SQL,
  currentStatuses,
  recordStatus,
  statusHistory,
  type AlertStatus,
  type AlertStatusChange,
} from './status.js';
import type {
  Alert,
  AlertChange,
  ListFilters,
  ProcessResult,
  RuleMatch,
  RuleMatchInput,
  SettingsByDetection,
} from './types.js';
import { checkMatch, settingsFor } from './validate.js';

export interface MatchCount {
  detection: string;
  t: number;
  count: number;
}

export interface AlertStore {
  /** Counts a batch of rule matches in one transaction; matches seen before are ignored. */
  process(matches: readonly RuleMatchInput[], settings: SettingsByDetection): ProcessResult;
  alert(id: string): Alert | undefined;
  /** The alert's matches in processing order. */
  matches(alertId: string): RuleMatch[];
  /** Stored rule matches by id (ids not stored are left out), in processing order. */
  matchesById(ids: readonly string[]): RuleMatch[];
  /** Alerts, most recently matched first. */
  list(filters?: ListFilters): Alert[];
  /** The change log, oldest first, for a delivery layer to resume from after a crash. */
  changes(opts?: { afterSeq?: number; limit?: number }): AlertChange[];
  /**
   * Rule matches with `matchedAt` at or after `since`, counted per detection and per `stepMs`
   * bucket (`t`: bucket start, epoch ms; one bucket when no step), oldest first.
   */
  matchCounts(opts: { since: number; stepMs?: number; detection?: string }): MatchCount[];
  /** Acknowledge, resolve or reopen (see status.ts); the alert must exist. */
  setStatus(alertId: string, change: AlertStatusChange): void;
  /** Current status of each alert (`open` when never changed). */
  statuses(alertIds: readonly string[]): Map<string, AlertStatus>;
  /** The alert's status changes, oldest first. */
  statusHistory(alertId: string): AlertStatusChange[];
  /** Closes the database when the store opened it. */
  close(): void;
}

/** Opens (creating if needed) the store in a SQLite file, or on an open better-sqlite3 database. */
export function openAlertStore(target: string | Database.Database): AlertStore {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target) : target;
  try {
    if (owned) {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('synchronous = NORMAL');
    }
    migrate(db);
  } catch (err) {
    if (owned) db.close();
    throw err;
  }
  return new SqliteAlertStore(db, owned);
}

interface Touched {
  alert: Alert;
  wasActivated: boolean;
  isNew: boolean;
  seq: number;
  matchIds: string[];
}

class SqliteAlertStore implements AlertStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly owned: boolean,
  ) {
    this.q = {
      seen: db.prepare(`SELECT 1 FROM alert_rule_matches WHERE id = ?`).pluck(),
      maxSeq: db.prepare(`SELECT COALESCE(MAX(seq), 0) FROM alert_rule_matches`).pluck(),
      openAlert: db.prepare(
        `SELECT a.* FROM alert_groups g JOIN alerts a ON a.id = g.alert_id WHERE g.detection = ? AND g.dedupe = ?`,
      ),
      setGroup: db.prepare(
        `INSERT INTO alert_groups (detection, dedupe, alert_id) VALUES (?, ?, ?)
         ON CONFLICT (detection, dedupe) DO UPDATE SET alert_id = excluded.alert_id`,
      ),
      insertAlert:
        db.prepare(`INSERT INTO alerts (id, seq, detection, dedupe, title, severity, first_match_id,
         first_matched_at, last_matched_at, match_count, threshold, window_ms, activated, activated_at, destinations)
         VALUES (${Array(15).fill('?').join(', ')})`),
      updateAlert:
        db.prepare(`UPDATE alerts SET last_matched_at = ?, match_count = ?, threshold = ?, window_ms = ?,
         activated = ?, activated_at = ?, destinations = ? WHERE id = ?`),
      insertMatch:
        db.prepare(`INSERT INTO alert_rule_matches (id, seq, alert_id, detection, tbl, input, record_position,
         matched_at, title, dedupe, severity, first_matched_at, activated, activated_at, alert_context, destinations, details, event)
         VALUES (${Array(18).fill('?').join(', ')})`),
      insertChange: db.prepare(
        `INSERT INTO alert_changes (id, kind, alert_id, alert, match_ids) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      changeSeq: db.prepare(`SELECT seq FROM alert_changes WHERE id = ?`).pluck(),
      getAlert: db.prepare(`SELECT * FROM alerts WHERE id = ?`),
      alertMatches: db.prepare(`SELECT * FROM alert_rule_matches WHERE alert_id = ? ORDER BY seq`),
    };
  }

  process(matches: readonly RuleMatchInput[], settings: SettingsByDetection): ProcessResult {
    if (!Array.isArray(matches)) throw new TypeError('process() takes an array of rule matches');
    // validate everything before the transaction, so a bad batch writes nothing
    matches.forEach((m, i) => checkMatch(m, i));
    const settingsOf = new Map(
      [...new Set(matches.map((m) => m.detection))].map((d) => [d, settingsFor(settings, d)] as const),
    );
    const ordered = [...matches].sort(compareMatches);
    const run = this.db.transaction(() => this.processInTx(ordered, settingsOf));
    return run.immediate();
  }

  private processInTx(
    ordered: RuleMatchInput[],
    settingsOf: Map<string, { threshold: number; deduplicationWindowMs: number }>,
  ): ProcessResult {
    const q = this.q;
    let seq = q.maxSeq.get() as number;
    const seenInBatch = new Set<string>();
    const open = new Map<string, Touched | null>(); // group key → open alert state (null: none)
    const touched: Touched[] = [];
    const rows: RuleMatch[] = [];
    let duplicates = 0;

    for (const m of ordered) {
      const id = ruleMatchId(m);
      if (seenInBatch.has(id) || q.seen.get(id) !== undefined) {
        duplicates++;
        continue;
      }
      seenInBatch.add(id);
      seq++;
      const key = JSON.stringify([m.detection, m.dedupe]);
      let cur = open.get(key);
      if (cur === undefined) {
        const row = q.openAlert.get(m.detection, m.dedupe) as AlertRow | undefined;
        cur = row
          ? {
              alert: alertFromRow(row),
              wasActivated: row.activated === 1,
              isNew: false,
              seq: row.seq,
              matchIds: [],
            }
          : null;
        open.set(key, cur);
      }
      const { alert, opened } = countMatch(cur?.alert, m, id, settingsOf.get(m.detection)!);
      if (opened) {
        cur = { alert, wasActivated: false, isNew: true, seq, matchIds: [] };
        open.set(key, cur);
      }
      if (cur!.matchIds.length === 0) touched.push(cur!);
      cur!.matchIds.push(id);
      const row: RuleMatch = {
        ...m,
        id,
        alertId: alert.id,
        firstMatchedAt: alert.firstMatchedAt,
        activated: alert.activated,
        activatedAt: alert.activatedAt,
      };
      rows.push(row);
      q.insertMatch.run(...matchParams(row, seq));
    }

    const changes: AlertChange[] = [];
    for (const t of touched) {
      const a = t.alert;
      if (t.isNew) {
        q.insertAlert.run(...alertParams(a, t.seq));
        q.setGroup.run(a.detection, a.dedupe, a.id);
      } else {
        q.updateAlert.run(
          a.lastMatchedAt,
          a.matchCount,
          a.threshold,
          a.deduplicationWindowMs,
          a.activated ? 1 : 0,
          a.activatedAt,
          JSON.stringify(a.destinations),
          a.id,
        );
      }
      let kind: AlertChange['kind'] | undefined;
      if (a.activated && !t.wasActivated) kind = 'activated';
      else if (t.wasActivated) kind = 'updated';
      if (!kind) continue;
      const id = kind === 'activated' ? `${a.id}:activated` : `${a.id}:updated:${a.matchCount}`;
      q.insertChange.run(id, kind, a.id, toJson(a), JSON.stringify(t.matchIds));
      changes.push({
        id,
        seq: q.changeSeq.get(id) as number,
        kind,
        alert: { ...a, destinations: [...a.destinations] },
        matchIds: t.matchIds,
      });
    }
    return { matches: rows, changes, duplicates };
  }

  alert(id: string): Alert | undefined {
    const row = this.q.getAlert.get(id) as AlertRow | undefined;
    return row ? alertFromRow(row) : undefined;
  }

  matches(alertId: string): RuleMatch[] {
    return (this.q.alertMatches.all(alertId) as MatchRow[]).map(matchFromRow);
  }

  matchesById(ids: readonly string[]): RuleMatch[] {
    const out: MatchRow[] = [];
    // SQLite's default limit on bound parameters is 32766
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      out.push(
        ...(this.db
          .prepare(`SELECT * FROM alert_rule_matches WHERE id IN (${part.map(() => '?').join(', ')})`)
          .all(...part) as (MatchRow & { seq: number })[]),
      );
    }
    return (out as (MatchRow & { seq: number })[]).sort((a, b) => a.seq - b.seq).map(matchFromRow);
  }

  list(filters: ListFilters = {}): Alert[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const anyOf = (col: string, values: readonly string[]) => {
      where.push(values.length === 0 ? '0' : `${col} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    if (filters.severity !== undefined) {
      anyOf('severity', Array.isArray(filters.severity) ? filters.severity : [filters.severity]);
    }
    if (filters.minSeverity !== undefined) anyOf('severity', severitiesFrom(filters.minSeverity));
    if (filters.detection !== undefined) {
      anyOf('detection', Array.isArray(filters.detection) ? filters.detection : [filters.detection]);
    }
    if (filters.since !== undefined) {
      where.push('last_matched_at >= ?');
      params.push(filters.since);
    }
    if (filters.activated !== undefined) {
      where.push('activated = ?');
      params.push(filters.activated ? 1 : 0);
    }
    if (filters.status !== undefined) {
      anyOf(CURRENT_STATUS_SQL, Array.isArray(filters.status) ? filters.status : [filters.status]);
    }
    let sql = `SELECT * FROM alerts${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY last_matched_at DESC, seq DESC`;
    if (filters.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(filters.limit);
    }
    return (this.db.prepare(sql).all(...params) as AlertRow[]).map(alertFromRow);
  }

  changes(opts: { afterSeq?: number; limit?: number } = {}): AlertChange[] {
    const rows = this.db
      .prepare(`SELECT * FROM alert_changes WHERE seq > ? ORDER BY seq LIMIT ?`)
      .all(opts.afterSeq ?? 0, opts.limit ?? -1) as {
      seq: number;
      id: string;
      kind: AlertChange['kind'];
      alert: string;
      match_ids: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      kind: r.kind,
      alert: JSON.parse(r.alert) as Alert,
      matchIds: JSON.parse(r.match_ids) as string[],
    }));
  }

  matchCounts(opts: { since: number; stepMs?: number; detection?: string }): MatchCount[] {
    const step = opts.stepMs ?? 0;
    const bucket = step > 0 ? `(matched_at - (matched_at - @since) % @step)` : '@since';
    const where = `matched_at >= @since${opts.detection === undefined ? '' : ' AND detection = @detection'}`;
    return this.db
      .prepare(
        `SELECT detection, ${bucket} AS t, COUNT(*) AS count FROM alert_rule_matches
         WHERE ${where} GROUP BY detection, t ORDER BY t, detection`,
      )
      .all({
        since: opts.since,
        ...(step > 0 ? { step } : {}),
        ...(opts.detection === undefined ? {} : { detection: opts.detection }),
      }) as MatchCount[];
  }

  setStatus(alertId: string, change: AlertStatusChange): void {
    if (!this.alert(alertId)) throw new Error(`no alert with id ${JSON.stringify(alertId)}`);
    recordStatus(this.db, alertId, change);
  }

  statuses(alertIds: readonly string[]): Map<string, AlertStatus> {
    return currentStatuses(this.db, alertIds);
  }

  statusHistory(alertId: string): AlertStatusChange[] {
    return statusHistory(this.db, alertId);
  }

  close(): void {
    if (this.owned && this.db.open) this.db.close();
  }
}
