/**
 * Deterministic ids, formatted as RFC 9562 version-8 UUIDs over SHA-256, so a replay of the
 * same matches yields the same ids.
 */
import { createHash } from 'node:crypto';

function uuidFrom(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    // length-prefixed so ("ab","c") and ("a","bc") differ
    h.update(`${Buffer.byteLength(p)}:`).update(p);
  }
  const b = h.digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export function ruleMatchId(m: {
  detection: string;
  table: string;
  input: string;
  recordPosition: number;
}): string {
  return uuidFrom(['lakewatch.rule_match', m.detection, m.table, m.input, String(m.recordPosition)]);
}

export function alertId(detection: string, dedupe: string, firstMatchId: string): string {
  return uuidFrom(['lakewatch.alert', detection, dedupe, firstMatchId]);
}
