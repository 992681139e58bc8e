import type { DetectionSummary } from '../detect/realtime.js';

/** What one ingest did; `read = committed + deadLettered` always holds for 1:1 transforms. */
export interface IngestSummary {
  logSource: string;
  /** Inputs given (after expanding directories and globs). */
  inputs: number;
  /** Inputs skipped because the ingest ledger already has them (same path+size+mtime, or same content). */
  skipped: number;
  /** Bytes read from the inputs that were ingested (compressed size on disk). */
  bytesRead: number;
  /** Records decoded or dead-lettered by the decoder: every input line/element counts once. */
  read: number;
  /** Events committed to the log source's tables. */
  committed: number;
  /** Records a VRL program dropped on purpose (`abort`). */
  filtered: number;
  /** Inputs `select_table_from_payload_metadata` skipped (`abort`). */
  skippedByProgram: number;
  /** Records committed to the dead-letter table. */
  deadLettered: number;
  /** Values set to null because they could not be converted (see lakewatch_conform_warnings). */
  conformWarnings: number;
  /** Input fields not in the table schema, with how many records carried each. */
  droppedFields: Record<string, number>;
  /** Events committed per table. */
  tables: Record<string, number>;
  /** Snapshots committed (one per table per commit group). */
  commits: number;
  /** The first dead-letter reasons, for display. */
  sampleErrors: { input: string; line: number; reason: string }[];
  durationMs: number;
  peakRssBytes: number;
  /** Realtime detections on the committed batches, when detections ran. */
  detections?: DetectionSummary;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  currentInput?: string;
}

export function emptySummary(logSource: string, inputs: number): IngestSummary {
  return {
    logSource,
    inputs,
    skipped: 0,
    bytesRead: 0,
    read: 0,
    committed: 0,
    deadLettered: 0,
    filtered: 0,
    skippedByProgram: 0,
    conformWarnings: 0,
    droppedFields: {},
    tables: {},
    commits: 0,
    sampleErrors: [],
    durationMs: 0,
    peakRssBytes: 0,
  };
}
