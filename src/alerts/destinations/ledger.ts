/** The delivery ledger and cursor, in the lake's SQLite catalog (tables prefixed `delivery_`). */
import type Database from 'better-sqlite3';
import type { DeliveryRecord, DeliveryState, DestinationType } from './types.js';
import type { ThreadRef } from './senders/types.js';

export function migrate(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS delivery_ledger (
      change_id TEXT NOT NULL,
      destination TEXT NOT NULL,
      change_seq INTEGER NOT NULL,
      alert_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      destination_type TEXT,
      state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
      gave_up INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      rounds INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      response TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      sent_at INTEGER,
      PRIMARY KEY (change_id, destination)
    );
    CREATE INDEX IF NOT EXISTS delivery_ledger_alert ON delivery_ledger (alert_id, change_seq);
    CREATE INDEX IF NOT EXISTS delivery_ledger_state ON delivery_ledger (state, updated_at);
    CREATE TABLE IF NOT EXISTS delivery_cursor (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      after_seq INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS delivery_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      owner TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS delivery_threads (
      alert_id TEXT NOT NULL,
      destination TEXT NOT NULL,
      ref TEXT NOT NULL,
      channel TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (alert_id, destination)
    );
  `);
}

interface Row {
  change_id: string;
  destination: string;
  change_seq: number;
  alert_id: string;
  kind: 'activated' | 'updated';
  destination_type: string | null;
  state: DeliveryState;
  gave_up: number;
  attempts: number;
  rounds: number;
  error: string | null;
  response: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

function toRecord(r: Row): DeliveryRecord {
  const rec: DeliveryRecord = {
    changeId: r.change_id,
    changeSeq: r.change_seq,
    alertId: r.alert_id,
    kind: r.kind,
    destination: r.destination,
    state: r.state,
    gaveUp: r.gave_up === 1,
    attempts: r.attempts,
    rounds: r.rounds,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.destination_type) rec.destinationType = r.destination_type as DestinationType;
  if (r.error !== null) rec.error = r.error;
  if (r.response !== null) rec.response = r.response;
  if (r.sent_at !== null) rec.sentAt = r.sent_at;
  return rec;
}

export interface PairKey {
  changeId: string;
  changeSeq: number;
  alertId: string;
  kind: 'activated' | 'updated';
  destination: string;
  destinationType?: DestinationType;
}

export class Ledger {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    migrate(db);
    this.q = {
      get: db.prepare(`SELECT * FROM delivery_ledger WHERE change_id = ? AND destination = ?`),
      begin: db.prepare(`
        INSERT INTO delivery_ledger (change_id, destination, change_seq, alert_id, kind, destination_type,
          state, rounds, created_at, updated_at)
        VALUES (@changeId, @destination, @changeSeq, @alertId, @kind, @destinationType, 'sending', 1, @now, @now)
        ON CONFLICT (change_id, destination) DO UPDATE SET
          state = 'sending', rounds = rounds + 1, destination_type = excluded.destination_type,
          updated_at = excluded.updated_at`),
      sent: db.prepare(`
        UPDATE delivery_ledger SET state = 'sent', attempts = attempts + @attempts, response = @response,
          error = NULL, updated_at = @now, sent_at = @now
        WHERE change_id = @changeId AND destination = @destination`),
      failed: db.prepare(`
        UPDATE delivery_ledger SET state = 'failed', attempts = attempts + @attempts, error = @error,
          gave_up = CASE WHEN rounds >= @cap THEN 1 ELSE 0 END, updated_at = @now
        WHERE change_id = @changeId AND destination = @destination
        RETURNING gave_up`),
      forAlert: db.prepare(
        `SELECT * FROM delivery_ledger WHERE alert_id = ? ORDER BY change_seq, destination`,
      ),
      failures: db.prepare(
        `SELECT * FROM delivery_ledger WHERE state = 'failed' ORDER BY updated_at DESC, change_seq DESC LIMIT ?`,
      ),
      cursor: db.prepare(`SELECT after_seq FROM delivery_cursor WHERE id = 1`).pluck(),
      setCursor: db.prepare(
        `INSERT INTO delivery_cursor (id, after_seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET after_seq = excluded.after_seq`,
      ),
      lease: db.prepare(`
        INSERT INTO delivery_lease (id, owner, expires_at) VALUES (1, @owner, @expires)
        ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE delivery_lease.owner = excluded.owner OR delivery_lease.expires_at < @now`),
      release: db.prepare(`DELETE FROM delivery_lease WHERE id = 1 AND owner = ?`),
      holder: db.prepare(`SELECT owner FROM delivery_lease WHERE id = 1`).pluck(),
      takeOver: db.prepare(
        `UPDATE delivery_lease SET owner = @owner, expires_at = @expires WHERE id = 1 AND owner = @dead`,
      ),
      thread: db.prepare(`SELECT ref, channel FROM delivery_threads WHERE alert_id = ? AND destination = ?`),
      setThread: db.prepare(
        `INSERT INTO delivery_threads (alert_id, destination, ref, channel, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (alert_id, destination) DO NOTHING`,
      ),
    };
  }

  get(changeId: string, destination: string): DeliveryRecord | undefined {
    const r = this.q.get.get(changeId, destination) as Row | undefined;
    return r && toRecord(r);
  }

  /** Written (and committed) before the send, so a crash leaves a visible `sending` row. */
  begin(pair: PairKey, now: number): void {
    this.q.begin.run({ ...pair, destinationType: pair.destinationType ?? null, now });
  }

  sent(pair: PairKey, attempts: number, response: string, now: number, thread?: ThreadRef): void {
    this.db.transaction(() => {
      this.q.sent.run({ changeId: pair.changeId, destination: pair.destination, attempts, response, now });
      if (thread)
        this.q.setThread.run(pair.alertId, pair.destination, thread.ref, thread.channel ?? null, now);
    })();
  }

  /** Returns true when the pair reached the round cap. */
  failed(pair: PairKey, attempts: number, error: string, cap: number, now: number): boolean {
    const r = this.q.failed.get({
      changeId: pair.changeId,
      destination: pair.destination,
      attempts,
      error,
      cap,
      now,
    }) as { gave_up: number } | undefined;
    return r?.gave_up === 1;
  }

  forAlert(alertId: string): DeliveryRecord[] {
    return (this.q.forAlert.all(alertId) as Row[]).map(toRecord);
  }

  failures(limit: number): DeliveryRecord[] {
    return (this.q.failures.all(limit) as Row[]).map(toRecord);
  }

  cursor(): number {
    return (this.q.cursor.get() as number | undefined) ?? 0;
  }

  setCursor(seq: number): void {
    this.q.setCursor.run(seq);
  }

  /**
   * Takes or renews the single-deliverer lease; false while another live deliverer holds it.
   * Without it, a second process would take the first one's in-flight `sending` rows for crashes.
   */
  lease(owner: string, now: number, ms: number): boolean {
    return this.q.lease.run({ owner, now, expires: now + ms }).changes === 1;
  }

  release(owner: string): void {
    this.q.release.run(owner);
  }

  /** The lease's holder, whether or not it expired; undefined when nobody holds it. */
  leaseHolder(): string | undefined {
    return this.q.holder.get() as string | undefined;
  }

  /** Takes the lease from `dead` (a holder known to be gone) unless someone else took it first. */
  takeOver(dead: string, owner: string, now: number, ms: number): boolean {
    return this.q.takeOver.run({ dead, owner, expires: now + ms }).changes === 1;
  }

  thread(alertId: string, destination: string): ThreadRef | undefined {
    const r = this.q.thread.get(alertId, destination) as { ref: string; channel: string | null } | undefined;
    return r ? { ref: r.ref, ...(r.channel ? { channel: r.channel } : {}) } : undefined;
  }
}
