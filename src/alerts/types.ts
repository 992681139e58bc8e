/** Public types of the alert engine. Times are epoch milliseconds. */
import type { Severity } from '../config/types.js';
import type { AlertStatus } from './status.js';

export type { Severity };

/** One rule match as the detection runtimes report it. */
export interface RuleMatchInput {
  /** Detection name (`detection.yml` `name`). */
  detection: string;
  /** Resolved table name the record belongs to. */
  table: string;
  /** Where the record came from, e.g. the ingest input key. */
  input: string;
  /** 0-based position of the record within `input`. */
  recordPosition: number;
  /** When the record matched (use the event time for replays that group the same way). */
  matchedAt: number;
  title: string;
  dedupe: string;
  severity: Severity;
  /** The `alert_context()` result, kept (Matano drops it). */
  alertContext?: unknown;
  destinations?: string[];
  /** `description()`, else the detection's description. */
  description?: string;
  /** `runbook()`, else the detection's runbook. */
  runbook?: string;
  /** `reference()`, else the detection's first reference. */
  reference?: string;
  /** The original record. */
  event: Record<string, unknown>;
}

/** A detection's alert settings (a subset of `DetectionConfig.alert`). */
export interface AlertSettings {
  threshold: number;
  deduplicationWindowMs: number;
}

export type SettingsByDetection = Record<string, AlertSettings> | Map<string, AlertSettings>;

/** An alert: the matches of one (detection, dedupe) group within one deduplication window. */
export interface Alert {
  /** Deterministic: derived from detection, dedupe and the first match's id. */
  id: string;
  detection: string;
  dedupe: string;
  /** Title and severity of the first match. */
  title: string;
  severity: Severity;
  firstMatchId: string;
  firstMatchedAt: number;
  lastMatchedAt: number;
  /** `firstMatchedAt + deduplicationWindowMs`: matches at or after this time open a new alert. */
  windowEndsAt: number;
  matchCount: number;
  /** Settings in force at the last match. */
  threshold: number;
  deduplicationWindowMs: number;
  activated: boolean;
  /** `matchedAt` of the match that reached the threshold. */
  activatedAt: number | null;
  /** Union of the matches' destinations, in first-seen order. */
  destinations: string[];
}

/** A stored rule match: the input plus the alert fields, as of the moment it was counted. */
export interface RuleMatch extends RuleMatchInput {
  /** Deterministic: derived from detection, table, input and record position. */
  id: string;
  alertId: string;
  /** The alert's `firstMatchedAt`. */
  firstMatchedAt: number;
  /** Whether the alert was activated once this match was counted. */
  activated: boolean;
  activatedAt: number | null;
}

/** What a delivery layer sends: once per alert per batch. */
export interface AlertChange {
  /** Deterministic: `<alertId>:activated` or `<alertId>:updated:<matchCount>`. */
  id: string;
  /** Increasing position in the store's change log (see `AlertStore.changes`). */
  seq: number;
  /** `activated`: the alert reached its threshold in this batch; `updated`: new matches of an alert activated before. */
  kind: 'activated' | 'updated';
  /** The alert as of the end of the batch. */
  alert: Alert;
  /** Ids of the alert's matches added in this batch, in processing order. */
  matchIds: string[];
}

export interface ProcessResult {
  /** New rule-match rows, in processing order (see README: ordering). */
  matches: RuleMatch[];
  changes: AlertChange[];
  /** Matches ignored because their id was seen before (replays) or repeated in the batch. */
  duplicates: number;
}

export interface ListFilters {
  /** One severity or several. */
  severity?: Severity | Severity[];
  /** At least this severity. */
  minSeverity?: Severity;
  detection?: string | string[];
  /** Alerts with a match at or after this time (ms). */
  since?: number;
  activated?: boolean;
  /** Current status (see status.ts): one or several. */
  status?: AlertStatus | AlertStatus[];
  limit?: number;
}
