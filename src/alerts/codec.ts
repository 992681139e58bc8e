/** Conversions between stored rows and the public objects. */
import { parseJson, stringifyJson } from '../lake/iceberg/json.js';
import type { Alert, RuleMatch, Severity } from './types.js';

/** JSON that survives bigint (as a number when safe, else a string). */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint'
      ? x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(x)
        : x.toString()
      : x,
  );
}

export interface AlertRow {
  id: string;
  seq: number;
  detection: string;
  dedupe: string;
  title: string;
  severity: string;
  first_match_id: string;
  first_matched_at: number;
  last_matched_at: number;
  match_count: number;
  threshold: number;
  window_ms: number;
  activated: number;
  activated_at: number | null;
  destinations: string;
}

export function alertFromRow(r: AlertRow): Alert {
  return {
    id: r.id,
    detection: r.detection,
    dedupe: r.dedupe,
    title: r.title,
    severity: r.severity as Severity,
    firstMatchId: r.first_match_id,
    firstMatchedAt: r.first_matched_at,
    lastMatchedAt: r.last_matched_at,
    windowEndsAt: r.first_matched_at + r.window_ms,
    matchCount: r.match_count,
    threshold: r.threshold,
    deduplicationWindowMs: r.window_ms,
    activated: r.activated === 1,
    activatedAt: r.activated_at,
    destinations: JSON.parse(r.destinations) as string[],
  };
}

export function alertParams(a: Alert, seq: number): unknown[] {
  return [
    a.id,
    seq,
    a.detection,
    a.dedupe,
    a.title,
    a.severity,
    a.firstMatchId,
    a.firstMatchedAt,
    a.lastMatchedAt,
    a.matchCount,
    a.threshold,
    a.deduplicationWindowMs,
    a.activated ? 1 : 0,
    a.activatedAt,
    JSON.stringify(a.destinations),
  ];
}

export interface MatchRow {
  id: string;
  alert_id: string;
  detection: string;
  tbl: string;
  input: string;
  record_position: number;
  matched_at: number;
  title: string;
  dedupe: string;
  severity: string;
  first_matched_at: number;
  activated: number;
  activated_at: number | null;
  alert_context: string | null;
  destinations: string | null;
  details: string | null;
  event: string;
}

export function matchFromRow(r: MatchRow): RuleMatch {
  const m: RuleMatch = {
    id: r.id,
    alertId: r.alert_id,
    detection: r.detection,
    table: r.tbl,
    input: r.input,
    recordPosition: r.record_position,
    matchedAt: r.matched_at,
    title: r.title,
    dedupe: r.dedupe,
    severity: r.severity as Severity,
    firstMatchedAt: r.first_matched_at,
    activated: r.activated === 1,
    activatedAt: r.activated_at,
    event: parseJson(r.event) as Record<string, unknown>,
  };
  if (r.alert_context !== null) m.alertContext = parseJson(r.alert_context);
  if (r.destinations !== null) m.destinations = JSON.parse(r.destinations) as string[];
  if (r.details !== null) {
    const d = JSON.parse(r.details) as { description?: string; runbook?: string; reference?: string };
    if (d.description !== undefined) m.description = d.description;
    if (d.runbook !== undefined) m.runbook = d.runbook;
    if (d.reference !== undefined) m.reference = d.reference;
  }
  return m;
}

export function matchParams(m: RuleMatch, seq: number): unknown[] {
  return [
    m.id,
    seq,
    m.alertId,
    m.detection,
    m.table,
    m.input,
    m.recordPosition,
    m.matchedAt,
    m.title,
    m.dedupe,
    m.severity,
    m.firstMatchedAt,
    m.activated ? 1 : 0,
    m.activatedAt,
    m.alertContext === undefined ? null : stringifyJson(m.alertContext),
    m.destinations === undefined ? null : JSON.stringify(m.destinations),
    detailsJson(m),
    stringifyJson(m.event),
  ];
}

function detailsJson(m: RuleMatch): string | null {
  const d: { description?: string; runbook?: string; reference?: string } = {};
  if (m.description !== undefined) d.description = m.description;
  if (m.runbook !== undefined) d.runbook = m.runbook;
  if (m.reference !== undefined) d.reference = m.reference;
  return Object.keys(d).length > 0 ? JSON.stringify(d) : null;
}
