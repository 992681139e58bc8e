import type { Severity } from './types.js';

export const SEVERITIES: readonly Severity[] = ['info', 'notice', 'low', 'medium', 'high', 'critical'];

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** Severities at or above `min`. */
export function severitiesFrom(min: Severity): Severity[] {
  return SEVERITIES.slice(SEVERITIES.indexOf(min));
}
