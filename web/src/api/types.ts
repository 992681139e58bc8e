/** Response shapes of the Lakewatch HTTP API (see the API section of the project's brief / OpenAPI document). */

export type Severity = 'info' | 'notice' | 'low' | 'medium' | 'high' | 'critical';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'notice', 'info'];
export const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];

export interface Me {
  token: { name: string; createdAt: string };
}

export interface TableSummary {
  name: string;
  logSource: string | null;
  rows: number;
  files: number;
  bytes: number;
  lastCommitAt: string | null;
  snapshotCount: number;
}

export interface TableField {
  id?: number;
  name: string;
  type: string;
  /** Dotted path from the top level; list elements add `[]`. */
  path?: string;
  required?: boolean;
  doc?: string;
}

export interface TableDetail {
  name: string;
  logSource?: string | null;
  location?: string;
  currentSnapshotId?: string | null;
  schema: { schemaId?: number; fields: TableField[] };
  partitioning?: { name: string; source: string; transform: string }[];
  properties?: Record<string, string>;
}

export interface QueryColumn {
  name: string;
  type: string;
}

export interface QueryResult {
  queryId: string;
  columns: QueryColumn[];
  rows: unknown[][];
  truncated: boolean;
  elapsedMs: number;
}

export interface AlertSummary {
  id: string;
  threshold?: number;
  activatedAt?: string | null;
  title: string;
  severity: Severity;
  detection: string;
  status: AlertStatus;
  dedupe: string;
  matchCount: number;
  createdAt: string;
  updatedAt: string;
  activated: boolean;
  destinations: string[];
}

export interface StatusChange {
  status: AlertStatus;
  by: string | null;
  at: string;
  note?: string | null;
}

export interface AlertDetail extends AlertSummary {
  context?: unknown;
  runbook?: string | null;
  reference?: string | null;
  description?: string | null;
  statusHistory: StatusChange[];
}

export interface AlertMatch {
  id: string;
  matchedAt: string;
  table: string;
  input?: string;
  recordPosition?: number;
  title?: string;
  context?: unknown;
  record: unknown;
}

export interface Delivery {
  changeId: string;
  kind: 'activated' | 'updated';
  destination: string;
  destinationType: string | null;
  state: 'sending' | 'sent' | 'failed';
  gaveUp: boolean;
  attempts: number;
  error: string | null;
  response: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface AlertResponse {
  alert: AlertDetail;
  matches: AlertMatch[];
  deliveries: Delivery[];
}

export interface DetectionSummary {
  name: string;
  displayName?: string | null;
  description?: string | null;
  language: string;
  tables: string[];
  severity: Severity | null;
  enabled: boolean;
  loaded: boolean;
  loadError?: string | null;
  matches24h: number;
  errors24h: number;
  tests: number;
}

export interface DetectionError {
  ts: string;
  table: string | null;
  type: string | null;
  function: string | null;
  message: string | null;
  record: string | null;
}

export interface DetectionDetail extends DetectionSummary {
  file?: string;
  threshold?: number;
  deduplicationWindowMs?: number;
  destinations?: string[];
  runbook?: string | null;
  references?: string[];
  tags?: string[];
  matchesOverTime: { t: string; count: number }[];
  recentErrors: DetectionError[];
}

export interface TestCase {
  name: string;
  ok: boolean;
  file?: string;
  line?: number;
  diff?: string | null;
}

export interface TestRun {
  passed: number;
  failed: number;
  cases: TestCase[];
  loadErrors?: string[];
}

export interface SourceSummary {
  name: string;
  tables: string[];
  format: string | null;
  events24h: number;
  bytes24h: number;
  deadLetters24h: number;
  lastEventAt: string | null;
  lastCommitAt?: string | null;
  lagMs: number | null;
  /** null outside the service. */
  spoolPending: number | null;
  dropFolder: string | null;
}

export interface VolumePoint {
  t: string;
  events: number;
  bytes: number;
}

export interface DeadLetterSample {
  ts: string;
  table?: string | null;
  stage?: string | null;
  reason: string | null;
  input: string | null;
  line: number | null;
  raw: string | null;
}
