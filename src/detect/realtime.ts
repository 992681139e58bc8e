/**
 * Realtime detections over what ingest commits. After a commit, the data files it added to a
 * table are read back (records exactly as stored), every enabled detection of that table runs
 * on them, the matches go through the alert store (Matano's grouping, dedupe window,
 * threshold), every rule match becomes a row of `lakewatch_alerts`, and the alert changes are
 * handed to delivery.
 *
 * Crash safety: a per-table cursor (the last snapshot whose files were detected) lives in the
 * lake's SQL store and moves only after the alerts of a snapshot are stored and committed.
 * `catchUp()` runs the append snapshots committed after the cursor (a crash between the data
 * commit and detection). Rule-match ids derive from (detection, table, data file, row), so a
 * replay adds no match twice, and the alerts-table commit carries a ledger key per snapshot so
 * its rows are written once.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { DetectionConfig, LakeDirectory } from '../config/types.js';
import { LedgerConflictError, type DataFileWriter, type Lake } from '../lake/index.js';
import type { DataFile } from '../lake/iceberg/types.js';
import { parseJson } from '../lake/iceberg/json.js';
import { createConformer } from '../schema/index.js';
import {
  ALERTS_PARTITIONING,
  ALERTS_TABLE,
  alertRow,
  alertsTableSchema,
  alertId,
  openAlertStore,
  ruleMatchId,
  type AlertStore,
  type RuleMatchInput,
} from '../alerts/index.js';
import type { DetectionLoadError } from './python/index.js';
import { RecordReader, type FileRecord } from './records.js';
import {
  DETECTION_ERRORS_PARTITIONING,
  DETECTION_ERRORS_SCHEMA,
  DETECTION_ERRORS_TABLE,
  ERRORS_KEPT_PER_CHUNK,
  detectionErrorRow,
} from './errors-table.js';
import { createDetectionRunner, type DetectionRunner, type DetectionRunnerOptions } from './runner.js';

export interface RealtimeOptions {
  lake: Lake;
  lakeDir: LakeDirectory;
  /** Runtime settings (interpreter, workers, time limit). */
  runtime?: Omit<DetectionRunnerOptions, 'detections' | 'remoteCache'>;
  /**
   * `ingest --no-detect`: this run's commits are marked as not to be detected (a later run's
   * catch-up leaves them alone); no detection worker starts.
   */
  skip?: boolean;
  /** Records per detection chunk (default 20,000; tests use small ones). */
  chunkRecords?: number;
  /** Clock in epoch ms for `matchedAt` (tests pin it). */
  now?: () => number;
  /**
   * Called after each batch's alert changes are stored (delivery hooks in here); what it
   * reports is added to the summary's `deliveries`.
   */
  afterAlerts?: (store: AlertStore) => Promise<{ sent: number; failed: number } | void>;
}

export interface DetectionErrorSample {
  type: string;
  message: string;
  function?: string;
  /** The record it failed on (JSON text, at most 2 KiB). */
  record: string;
}

export interface DetectionStats {
  records: number;
  matches: number;
  errors: number;
  sampleErrors: DetectionErrorSample[];
}

export interface DetectionSummary {
  /** Records run through detections (each record once, whatever the number of detections). */
  records: number;
  /** Rule matches (new; replays not counted). */
  matches: number;
  /** Detection errors (a detection that raised or timed out on a record). */
  errors: number;
  alertsOpened: number;
  alertsActivated: number;
  alertsUpdated: number;
  byDetection: Record<string, DetectionStats>;
  loadErrors: DetectionLoadError[];
  /** Notifications sent to destinations and sends that failed (retried on the next run). */
  deliveries: { sent: number; failed: number };
  /** Time spent detecting (read-back, detections, alert store, alert rows), and delivering. */
  detectMs: number;
  deliverMs: number;
}

export interface CommittedFiles {
  table: string;
  snapshotId: string;
  sequenceNumber: string;
  /** The data files the commit added. */
  files: CommittedFile[];
}

export interface CommittedFile {
  path: string;
  recordCount: number;
  /** The file with its column metrics, when the caller has it (columns with no value are skipped). */
  dataFile?: DataFile;
}

export interface Realtime {
  /** Tables that have at least one enabled detection. */
  readonly tables: ReadonlySet<string>;
  /** Starts cursors of tables seen for the first time at their current snapshot. */
  prepare(tables: readonly string[]): Promise<void>;
  /** Detects on snapshots committed after the cursors (left by a crash), then retries delivery. */
  catchUp(): Promise<void>;
  /** Detects on the files a commit added. */
  afterCommit(commits: readonly CommittedFiles[]): Promise<void>;
  /** What happened since the last call (or since opening); resets the counts. */
  takeSummary(): DetectionSummary;
  readonly store: AlertStore;
  close(): Promise<void>;
}

const SAMPLE_ERRORS = 5;
/** Records read per chunk while the previous chunk is in the detection workers. */
const CHUNK_RECORDS = 20_000;
const CURSOR_DDL = `CREATE TABLE IF NOT EXISTS alert_detect_cursors (
  tbl TEXT PRIMARY KEY, snapshot_id TEXT, sequence_number INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alert_skipped_snapshots (
  tbl TEXT NOT NULL, snapshot_id TEXT NOT NULL, PRIMARY KEY (tbl, snapshot_id));`;

/** The lake's SQL store (its catalog database), where alert state and remotecache live. */
export function stateDbPath(lake: Lake): string {
  return path.join(lake.stateDir, 'catalog.db');
}

export function openStateDb(lake: Lake): Database.Database {
  const db = new Database(stateDbPath(lake));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  return db;
}

export function emptyDetectionSummary(): DetectionSummary {
  return {
    records: 0,
    matches: 0,
    errors: 0,
    alertsOpened: 0,
    alertsActivated: 0,
    alertsUpdated: 0,
    byDetection: {},
    loadErrors: [],
    deliveries: { sent: 0, failed: 0 },
    detectMs: 0,
    deliverMs: 0,
  };
}

/** Opens the realtime engine, or returns null when no detection is enabled. */
export async function openRealtime(opts: RealtimeOptions): Promise<Realtime | null> {
  const detections = opts.lakeDir.detections.filter((d) => d.enabled);
  if (detections.length === 0) return null;
  const db = openStateDb(opts.lake);
  try {
    db.exec(CURSOR_DDL);
    const store = openAlertStore(db);
    return new RealtimeEngine(opts, detections, db, store);
  } catch (err) {
    db.close();
    throw err;
  }
}

class RealtimeEngine implements Realtime {
  readonly tables: Set<string>;
  private sum = emptyDetectionSummary();
  private reader: RecordReader | undefined;
  /** Started when an ingest touches a table with detections (workers start while it ingests). */
  private runnerStarted: Promise<DetectionRunner> | undefined;
  private loadErrorsSeen = false;
  private readonly settings: Map<string, { threshold: number; deduplicationWindowMs: number }>;
  private readonly now: () => number;

  constructor(
    private readonly opts: RealtimeOptions,
    private readonly detections: DetectionConfig[],
    private readonly db: Database.Database,
    readonly store: AlertStore,
  ) {
    this.tables = new Set(detections.flatMap((d) => d.tables));
    this.settings = new Map(
      detections.map((d) => [
        d.name,
        { threshold: d.alert.threshold, deduplicationWindowMs: d.alert.deduplicationWindowMs },
      ]),
    );
    this.now = opts.now ?? Date.now;
  }

  private cursor(table: string): { snapshotId: string | null; seq: number } | undefined {
    const row = this.db
      .prepare(`SELECT snapshot_id, sequence_number FROM alert_detect_cursors WHERE tbl = ?`)
      .get(table) as { snapshot_id: string | null; sequence_number: number } | undefined;
    return row ? { snapshotId: row.snapshot_id, seq: row.sequence_number } : undefined;
  }

  private setCursor(table: string, snapshotId: string | null, seq: number): void {
    this.db
      .prepare(
        `INSERT INTO alert_detect_cursors (tbl, snapshot_id, sequence_number) VALUES (?, ?, ?)
         ON CONFLICT (tbl) DO UPDATE SET snapshot_id = excluded.snapshot_id, sequence_number = excluded.sequence_number
         WHERE excluded.sequence_number >= alert_detect_cursors.sequence_number`,
      )
      .run(table, snapshotId, seq);
  }

  private runner(): Promise<DetectionRunner> {
    return (this.runnerStarted ??= createDetectionRunner({
      ...this.opts.runtime,
      detections: this.detections,
      remoteCache: { sqlitePath: stateDbPath(this.opts.lake) },
    }));
  }

  async prepare(tables: readonly string[]): Promise<void> {
    if (!this.opts.skip && tables.some((t) => this.tables.has(t))) void this.runner().catch(() => undefined);
    for (const t of tables) {
      if (!this.tables.has(t) || this.cursor(t)) continue;
      let snapshotId: string | null = null;
      let seq = 0;
      if (await this.opts.lake.tableExists(t)) {
        const meta = (await this.opts.lake.loadTable(t)).metadata;
        const current = meta.snapshots?.find((s) => s['snapshot-id'] === String(meta['current-snapshot-id']));
        if (current) {
          snapshotId = current['snapshot-id'];
          seq = Number(current['sequence-number']);
        }
      }
      this.setCursor(t, snapshotId, seq);
    }
  }

  async catchUp(): Promise<void> {
    if (this.opts.skip) return;
    for (const t of this.tables) await this.catchUpTable(t, Infinity);
    // changes a previous run stored but could not deliver (failures, a crash) go out now
    await this.deliver();
  }

  /**
   * Detects on the append snapshots of `table` after its cursor and below sequence number
   * `below`: those a crashed run committed, or another ingest committed but has not detected yet
   * (detecting them twice is harmless: match ids and ledger keys deduplicate).
   */
  private async catchUpTable(table: string, below: number): Promise<void> {
    const { lake } = this.opts;
    const cursor = this.cursor(table);
    // sequence numbers go up by one per commit: nothing can lie between the cursor and `below`
    if (!cursor || cursor.seq + 1 >= below || !(await lake.tableExists(table))) return;
    const meta = (await lake.loadTable(table)).metadata;
    const skipped = new Set(
      this.db
        .prepare(`SELECT snapshot_id FROM alert_skipped_snapshots WHERE tbl = ?`)
        .pluck()
        .all(table) as string[],
    );
    const missed = (meta.snapshots ?? [])
      .filter((s) => {
        const seq = Number(s['sequence-number']);
        return (
          seq > cursor.seq &&
          seq < below &&
          s.summary.operation === 'append' &&
          !skipped.has(s['snapshot-id'])
        );
      })
      .sort((a, b) => Number(a['sequence-number']) - Number(b['sequence-number']));
    for (const s of missed) {
      const files = (await lake.planScan(table, { snapshotId: s['snapshot-id'] })).files;
      let before = new Set<string>();
      const parent = s['parent-snapshot-id'];
      if (parent !== undefined && parent !== null) {
        try {
          before = new Set(
            (await lake.planScan(table, { snapshotId: String(parent) })).files.map((f) => f.path),
          );
        } catch {
          // the parent was expired: every file of the snapshot is a candidate; ids dedupe replays
        }
      }
      await this.detectAndAdvance({
        table,
        snapshotId: s['snapshot-id'],
        sequenceNumber: s['sequence-number'],
        files: files
          .filter((f) => !before.has(f.path))
          .map((f) => ({
            path: f.path,
            recordCount: f.recordCount,
            dataFile: { ...f.dataFile, filePath: f.path },
          })),
      });
    }
  }

  async afterCommit(commits: readonly CommittedFiles[]): Promise<void> {
    for (const c of commits) {
      if (!this.tables.has(c.table)) continue;
      if (this.opts.skip) {
        this.db
          .prepare(`INSERT OR IGNORE INTO alert_skipped_snapshots (tbl, snapshot_id) VALUES (?, ?)`)
          .run(c.table, c.snapshotId);
        continue;
      }
      // snapshots before this one that nobody has detected yet (a concurrent ingest) come first
      await this.catchUpTable(c.table, Number(c.sequenceNumber));
      await this.detectAndAdvance(c);
    }
  }

  private async detectAndAdvance(c: CommittedFiles): Promise<void> {
    if (!this.loadErrorsSeen) {
      this.loadErrorsSeen = true;
      this.sum.loadErrors = await (await this.runner()).loadErrors();
    }
    const started = performance.now();
    const delivering = this.sum.deliverMs;
    await this.detect(c);
    // detect() delivers the chunk's alert changes too; that time is deliverMs
    this.sum.detectMs += performance.now() - started - (this.sum.deliverMs - delivering);
    this.setCursor(c.table, c.snapshotId, Number(c.sequenceNumber));
  }

  /**
   * Detects on one commit's files, chunk by chunk (about CHUNK_RECORDS records each, so memory
   * stays bounded whatever the commit's size); the next chunk is read while the detection
   * workers run on the current one.
   */
  private async detect(c: CommittedFiles): Promise<void> {
    const table = await this.opts.lake.loadTable(c.table);
    const schema = table.schema();
    const chunks = chunkFiles(c.files, this.opts.chunkRecords ?? CHUNK_RECORDS);
    const reader = (this.reader ??= await RecordReader.open());
    let next = chunks.length > 0 ? reader.read(schema, chunks[0]!) : undefined;
    for (let i = 0; i < chunks.length; i++) {
      const records = await next!;
      next = i + 1 < chunks.length ? reader.read(schema, chunks[i + 1]!) : undefined;
      try {
        await this.detectChunk(c, i, records);
      } catch (err) {
        await next?.catch(() => undefined);
        throw err;
      }
    }
  }

  private stats(detection: string): DetectionStats {
    return (this.sum.byDetection[detection] ??= { records: 0, matches: 0, errors: 0, sampleErrors: [] });
  }

  private async detectChunk(c: CommittedFiles, chunk: number, records: FileRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.sum.records += records.length;
    for (const d of this.detections)
      if (d.tables.includes(c.table)) this.stats(d.name).records += records.length;
    const results = await (
      await this.runner()
    ).run(
      c.table,
      records.map((r) => r.json),
    );
    const matchedAt = this.now();
    const inputs: RuleMatchInput[] = [];
    const recordOf = new Map<string, FileRecord>();
    const errorRows: Record<string, unknown>[] = [];
    const keptErrors = new Map<string, number>();
    for (const r of results) {
      const stats = this.stats(r.detection);
      const rec = records[r.recordIndex]!;
      if (r.kind === 'error') {
        stats.errors++;
        this.sum.errors++;
        const kept = keptErrors.get(r.detection) ?? 0;
        if (kept < ERRORS_KEPT_PER_CHUNK) {
          keptErrors.set(r.detection, kept + 1);
          errorRows.push(
            detectionErrorRow({
              at: matchedAt,
              detection: r.detection,
              table: c.table,
              file: rec.file,
              position: rec.position,
              type: r.error.type,
              ...(r.error.function !== undefined ? { function: r.error.function } : {}),
              message: r.error.message,
              traceback: r.error.traceback,
              record: rec.json,
            }),
          );
        }
        if (stats.sampleErrors.length < SAMPLE_ERRORS) {
          const sample: DetectionErrorSample = {
            type: r.error.type,
            message: r.error.message,
            record: rec.json.length > 2048 ? rec.json.slice(0, 2048) + '…' : rec.json,
          };
          if (r.error.function !== undefined) sample.function = r.error.function;
          stats.sampleErrors.push(sample);
        }
        continue;
      }
      const input: RuleMatchInput = {
        detection: r.detection,
        table: c.table,
        input: rec.file,
        recordPosition: rec.position,
        matchedAt,
        title: r.title,
        dedupe: r.dedupe,
        severity: r.severity,
        destinations: r.destinations,
        event: parseJson(rec.json) as Record<string, unknown>,
      };
      if (r.alertContext !== undefined) input.alertContext = r.alertContext;
      if (r.description !== undefined) input.description = r.description;
      if (r.runbook !== undefined) input.runbook = r.runbook;
      if (r.reference !== undefined) input.reference = r.reference;
      inputs.push(input);
      recordOf.set(ruleMatchId(input), rec);
    }
    if (inputs.length === 0) {
      await this.writeRows(c, chunk, [], recordOf, errorRows);
      return;
    }
    const processed = this.store.process(inputs, this.settings);
    for (const m of processed.matches) this.stats(m.detection).matches++;
    this.sum.matches += processed.matches.length;
    for (const ch of processed.changes) {
      if (ch.kind === 'activated') this.sum.alertsActivated++;
      else this.sum.alertsUpdated++;
    }
    // a new match opened its alert when the alert's id derives from it (ids are deterministic)
    this.sum.alertsOpened += processed.matches.filter(
      (m) => alertId(m.detection, m.dedupe, m.id) === m.alertId,
    ).length;
    // all of the chunk's matches, including ones stored before a crash, go to the alerts table
    await this.writeRows(c, chunk, this.store.matchesById([...recordOf.keys()]), recordOf, errorRows);
    await this.deliver();
  }

  /**
   * The chunk's rule matches (to lakewatch_alerts) and kept errors (to
   * lakewatch_detection_errors), in one commit whose ledger key names the snapshot and chunk,
   * so a replay writes neither twice.
   */
  private async writeRows(
    c: CommittedFiles,
    chunk: number,
    matches: ReturnType<AlertStore['matchesById']>,
    recordOf: Map<string, FileRecord>,
    errorRows: Record<string, unknown>[],
  ): Promise<void> {
    const { lake, lakeDir } = this.opts;
    const key = `lakewatch.detect:${c.table}:${c.snapshotId}:${chunk}`;
    if ((matches.length === 0 && errorRows.length === 0) || (await lake.ledgerHas(key))) return;
    const writers: { table: string; writer: DataFileWriter }[] = [];
    try {
      if (matches.length > 0) {
        const sources = lakeDir.tables.filter((t) => this.tables.has(t.name));
        const table = await lake.ensureTable(ALERTS_TABLE, alertsTableSchema(sources), ALERTS_PARTITIONING, {
          'lakewatch.system': 'true',
        });
        const conformer = createConformer(table.schema());
        const writer = lake.createWriter(table);
        writers.push({ table: ALERTS_TABLE, writer });
        for (const m of matches) {
          const rec = recordOf.get(m.id)!;
          await writer.write(conformer.conform(alertRow(m, m.event, rec, rec.json)).row);
        }
      }
      if (errorRows.length > 0) {
        const table = await lake.ensureTable(
          DETECTION_ERRORS_TABLE,
          DETECTION_ERRORS_SCHEMA,
          DETECTION_ERRORS_PARTITIONING,
          { 'lakewatch.system': 'true' },
        );
        const conformer = createConformer(table.schema());
        const writer = lake.createWriter(table);
        writers.push({ table: DETECTION_ERRORS_TABLE, writer });
        for (const row of errorRows) await writer.write(conformer.conform(row).row);
      }
      const appends = [];
      for (const w of writers) appends.push({ table: w.table, dataFiles: await w.writer.finish() });
      await lake.commit(appends, [
        { key, logSource: 'lakewatch', input: c.table, details: { snapshotId: c.snapshotId, chunk } },
      ]);
    } catch (err) {
      await Promise.all(writers.map((w) => w.writer.abort().catch(() => undefined)));
      // another process detecting the same snapshot committed these rows first
      if (err instanceof LedgerConflictError) return;
      throw err;
    }
  }

  /** Hands the stored alert changes to delivery (afterAlerts) and counts what it reports. */
  private async deliver(): Promise<void> {
    const started = performance.now();
    const delivered = await this.opts.afterAlerts?.(this.store);
    this.sum.deliverMs += performance.now() - started;
    if (delivered) {
      this.sum.deliveries.sent += delivered.sent;
      this.sum.deliveries.failed += delivered.failed;
    }
  }

  takeSummary(): DetectionSummary {
    const taken = this.sum;
    this.sum = emptyDetectionSummary();
    this.sum.loadErrors = taken.loadErrors;
    return taken;
  }

  async close(): Promise<void> {
    if (this.runnerStarted) await (await this.runnerStarted.catch(() => undefined))?.close();
    await this.reader?.close();
    this.store.close();
    if (this.db.open) this.db.close();
  }
}

/**
 * Groups of about CHUNK_RECORDS records, files sorted by path: deterministic, so a replay cuts
 * the same chunks (the alerts table's ledger key names the chunk).
 */
function chunkFiles(files: readonly CommittedFile[], size: number): (string | DataFile)[][] {
  const chunks: (string | DataFile)[][] = [];
  let chunk: (string | DataFile)[] = [];
  let n = 0;
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    chunk.push(f.dataFile ?? f.path);
    n += f.recordCount;
    if (n >= size) {
      chunks.push(chunk);
      chunk = [];
      n = 0;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
