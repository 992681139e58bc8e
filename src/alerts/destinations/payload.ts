/** What every destination renders: one alert change with the context of its matches. */
import type { AlertChange, RuleMatch } from '../index.js';
import type { Severity } from '../../config/types.js';

export interface AlertPayload {
  changeId: string;
  kind: 'activated' | 'updated';
  alertId: string;
  title: string;
  severity: Severity;
  /** Detection (rule) name. */
  detection: string;
  dedupe: string;
  matchCount: number;
  /** Matches added by this change (all of them for `activated`). */
  newMatches: number;
  firstMatchedAt: string;
  lastMatchedAt: string;
  activatedAt: string | null;
  description?: string;
  runbook?: string;
  reference?: string;
  /** `alert_context()` of the alert's first match. */
  context?: unknown;
  /** A few ECS fields of the triggering event (the newest match of the change). */
  event: Record<string, string>;
}

/** ECS fields worth a glance in a notification, in display order. */
export const SUMMARY_FIELDS = [
  'event.action',
  'event.outcome',
  'user.name',
  'source.ip',
  'destination.ip',
  'host.name',
  'cloud.provider',
  'cloud.account.id',
  'cloud.region',
  'process.name',
  'url.full',
  'user_agent.original',
] as const;

/** `a.b.c` from nested objects, or a flat dotted key. */
function get(event: Record<string, unknown>, dotted: string): unknown {
  if (dotted in event) return event[dotted];
  let v: unknown = event;
  for (const seg of dotted.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

export function summarizeEvent(event: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!event) return out;
  for (const f of SUMMARY_FIELDS) {
    const v = get(event, f);
    if (v === undefined || v === null || v === '') continue;
    const s = typeof v === 'object' ? JSON.stringify(jsonSafe(v)) : String(v);
    out[f] = s.length > 200 ? `${s.slice(0, 197)}...` : s;
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildPayload(change: AlertChange, matches: readonly RuleMatch[]): AlertPayload {
  const a = change.alert;
  const first = matches.find((m) => m.id === a.firstMatchId) ?? matches[0];
  const ids = new Set(change.matchIds);
  const trigger = [...matches].reverse().find((m) => ids.has(m.id)) ?? matches.at(-1);
  const p: AlertPayload = {
    changeId: change.id,
    kind: change.kind,
    alertId: a.id,
    title: a.title,
    severity: a.severity,
    detection: a.detection,
    dedupe: a.dedupe,
    matchCount: a.matchCount,
    newMatches: change.kind === 'activated' ? a.matchCount : change.matchIds.length,
    firstMatchedAt: iso(a.firstMatchedAt),
    lastMatchedAt: iso(a.lastMatchedAt),
    activatedAt: a.activatedAt === null ? null : iso(a.activatedAt),
    event: summarizeEvent(trigger?.event),
  };
  if (first?.description) p.description = first.description;
  if (first?.runbook) p.runbook = first.runbook;
  if (first?.reference) p.reference = first.reference;
  if (first?.alertContext !== undefined && first.alertContext !== null)
    p.context = jsonSafe(first.alertContext);
  return p;
}

/** One line: "Activated: <title>" / "Updated (+3, 8 total): <title>". */
export function headline(p: AlertPayload): string {
  return p.kind === 'activated'
    ? `Alert activated: ${p.title}`
    : `Alert updated (+${p.newMatches} new match${p.newMatches === 1 ? '' : 'es'}, ${p.matchCount} total): ${p.title}`;
}

/** Snake_case JSON for webhooks and SNS. */
export function payloadJson(p: AlertPayload): Record<string, unknown> {
  return {
    type: `alert.${p.kind}`,
    delivery_id: p.changeId,
    alert: {
      id: p.alertId,
      title: p.title,
      severity: p.severity,
      detection: p.detection,
      dedupe: p.dedupe,
      match_count: p.matchCount,
      new_match_count: p.newMatches,
      first_matched_at: p.firstMatchedAt,
      last_matched_at: p.lastMatchedAt,
      activated_at: p.activatedAt,
      description: p.description ?? null,
      runbook: p.runbook ?? null,
      reference: p.reference ?? null,
      context: p.context ?? null,
    },
    event: p.event,
  };
}

/** Label/value rows shared by the card renderers. */
export function facts(p: AlertPayload): [string, string][] {
  const rows: [string, string][] = [
    ['Severity', p.severity],
    ['Detection', p.detection],
    ['Matches', p.kind === 'updated' ? `${p.matchCount} (+${p.newMatches})` : String(p.matchCount)],
    ['First match', p.firstMatchedAt],
    ['Last match', p.lastMatchedAt],
  ];
  if (p.activatedAt) rows.push(['Activated', p.activatedAt]);
  if (p.dedupe) rows.push(['Dedupe', p.dedupe]);
  for (const [k, v] of Object.entries(p.event)) rows.push([k, v]);
  rows.push(['Alert id', p.alertId]);
  return rows;
}

/** Plain-text body (email, Jira v2, comments). */
export function textBody(p: AlertPayload): string {
  const lines = [headline(p), ''];
  for (const [k, v] of facts(p)) lines.push(`${k}: ${v}`);
  if (p.description) lines.push('', `Description: ${p.description}`);
  if (p.runbook) lines.push('', `Runbook: ${p.runbook}`);
  if (p.reference) lines.push('', `Reference: ${p.reference}`);
  if (p.context !== undefined) lines.push('', `Context: ${JSON.stringify(p.context, null, 2)}`);
  return lines.join('\n');
}

/**
 * The value with integers beyond 2^53 (`bigint`, exact in the alert store) as decimal strings:
 * payloads go through JSON.stringify, and most receivers would round such numbers anyway.
 */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}
