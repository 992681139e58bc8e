/**
 * The standard grok pattern library (the names Logstash and VRL ship), keyed by pattern name.
 *
 * Values are grok definitions: JavaScript (`u`-flag) regex text that may reference other library
 * entries as `%{NAME}` or `%{NAME:field}`. `compileGrok` expands them.
 */
import { BASE_PATTERNS } from './patterns/base.js';
import { DATETIME_PATTERNS } from './patterns/datetime.js';
import { LOG_PATTERNS } from './patterns/logs.js';

export const GROK_PATTERNS: Readonly<Record<string, string>> = Object.freeze({
  ...BASE_PATTERNS,
  ...DATETIME_PATTERNS,
  ...LOG_PATTERNS,
});

/** True when `name` is a pattern of the standard library. */
export function isStandardPattern(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(GROK_PATTERNS, name);
}
