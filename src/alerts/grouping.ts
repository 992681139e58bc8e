/**
 * The grouping rule, free of storage: given the open alert of a match's group (if any), join it
 * or open a new one, count the match and activate at the threshold. Mutates and returns the alert.
 */
import { alertId } from './ids.js';
import type { Alert, AlertSettings, RuleMatchInput } from './types.js';

export interface Counted {
  alert: Alert;
  /** True when this match opened the alert. */
  opened: boolean;
}

/** A match joins `open` while `open.firstMatchedAt + window` is after the match's time. */
export function joins(open: Alert, matchedAt: number, settings: AlertSettings): boolean {
  return matchedAt < open.firstMatchedAt + settings.deduplicationWindowMs;
}

export function countMatch(
  open: Alert | undefined,
  match: RuleMatchInput,
  matchId: string,
  settings: AlertSettings,
): Counted {
  let alert: Alert;
  let opened = false;
  if (open && joins(open, match.matchedAt, settings)) {
    alert = open;
  } else {
    opened = true;
    alert = {
      id: alertId(match.detection, match.dedupe, matchId),
      detection: match.detection,
      dedupe: match.dedupe,
      title: match.title,
      severity: match.severity,
      firstMatchId: matchId,
      firstMatchedAt: match.matchedAt,
      lastMatchedAt: match.matchedAt,
      windowEndsAt: match.matchedAt + settings.deduplicationWindowMs,
      matchCount: 0,
      threshold: settings.threshold,
      deduplicationWindowMs: settings.deduplicationWindowMs,
      activated: false,
      activatedAt: null,
      destinations: [],
    };
  }
  alert.matchCount += 1;
  alert.lastMatchedAt = Math.max(alert.lastMatchedAt, match.matchedAt);
  alert.threshold = settings.threshold;
  alert.deduplicationWindowMs = settings.deduplicationWindowMs;
  alert.windowEndsAt = alert.firstMatchedAt + settings.deduplicationWindowMs;
  for (const d of match.destinations ?? []) if (!alert.destinations.includes(d)) alert.destinations.push(d);
  if (!alert.activated && alert.matchCount >= settings.threshold) {
    alert.activated = true;
    alert.activatedAt = match.matchedAt;
  }
  return { alert, opened };
}

/**
 * Processing order within a batch: by match time, then table, input, record position and
 * detection, so the same batch groups the same way whatever order its array is in.
 */
export function compareMatches(a: RuleMatchInput, b: RuleMatchInput): number {
  return (
    a.matchedAt - b.matchedAt ||
    cmp(a.table, b.table) ||
    cmp(a.input, b.input) ||
    a.recordPosition - b.recordPosition ||
    cmp(a.detection, b.detection)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
