/** Checks a batch and its settings before anything is written; throws a TypeError naming the problem. */
import { isSeverity } from './severity.js';
import type { AlertSettings, RuleMatchInput, SettingsByDetection } from './types.js';

function fail(i: number, what: string): never {
  throw new TypeError(`rule match #${i}: ${what}`);
}

export function checkMatch(m: RuleMatchInput, i: number): void {
  if (m === null || typeof m !== 'object') fail(i, 'not an object');
  for (const k of ['detection', 'table', 'input', 'title', 'dedupe'] as const) {
    if (typeof m[k] !== 'string') fail(i, `${k} must be a string`);
  }
  if (m.detection === '') fail(i, 'detection is empty');
  if (!Number.isSafeInteger(m.recordPosition) || m.recordPosition < 0) {
    fail(i, `recordPosition must be a non-negative integer, got ${String(m.recordPosition)}`);
  }
  if (typeof m.matchedAt !== 'number' || !Number.isFinite(m.matchedAt)) {
    fail(i, `matchedAt must be a finite number of milliseconds, got ${String(m.matchedAt)}`);
  }
  if (!isSeverity(m.severity)) fail(i, `severity must be one of info, notice, low, medium, high, critical`);
  if (
    m.destinations !== undefined &&
    !(Array.isArray(m.destinations) && m.destinations.every((d) => typeof d === 'string'))
  ) {
    fail(i, 'destinations must be a list of strings');
  }
  if (m.event === null || typeof m.event !== 'object') fail(i, 'event must be an object');
}

export function settingsFor(all: SettingsByDetection, detection: string): AlertSettings {
  const s =
    all instanceof Map ? all.get(detection) : Object.hasOwn(all, detection) ? all[detection] : undefined;
  if (!s) throw new TypeError(`no alert settings for detection "${detection}"`);
  if (!Number.isSafeInteger(s.threshold) || s.threshold < 1) {
    throw new TypeError(
      `detection "${detection}": threshold must be an integer ≥ 1, got ${String(s.threshold)}`,
    );
  }
  if (
    typeof s.deduplicationWindowMs !== 'number' ||
    !(s.deduplicationWindowMs > 0) ||
    !Number.isFinite(s.deduplicationWindowMs)
  ) {
    throw new TypeError(
      `detection "${detection}": deduplicationWindowMs must be a positive number, got ${String(s.deduplicationWindowMs)}`,
    );
  }
  return s;
}
