/**
 * JSON format: one frame (a line, an array element or a concatenated value) → one record.
 * Only objects are records; anything else is an error item.
 */
import type { DecodedItem } from '../types.js';
import { utf8Error } from './utf8.js';
import { parseJson } from '../../../lake/iceberg/json.js';
import { parseVrlJson } from '../../../vrl/value/index.js';

const isWs = (c: number) => c === 0x20 || c === 0x0d || c === 0x09 || c === 0x0a;

/** True when the frame holds nothing but whitespace (such lines are skipped). */
export function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (!isWs(bytes[i]!)) return false;
  return true;
}

/** Parses one JSON frame; returns `null` for a blank frame. */
export function parseJsonFrame(
  bytes: Buffer,
  line: number,
  offset: number,
  numbers: 'js' | 'vrl' = 'js',
): DecodedItem | null {
  if (bytes.length === 0 || (isWs(bytes[0]!) && isBlank(bytes))) return null;
  const bad = utf8Error(bytes, offset);
  if (bad !== null) return { kind: 'error', line, offset, reason: bad, raw: Buffer.from(bytes) };
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    if (numbers === 'vrl') value = parseVrlJson(text);
    else {
      value = JSON.parse(text);
      // JSON.parse rounds integers past ±2^53; for the rare frame that may hold one (a run of 16+
      // digits), re-read it with the bigint-safe parser so 64-bit ids stay exact.
      if (/\d{16}/.test(text)) value = parseJson(text);
    }
  } catch (e) {
    return {
      kind: 'error',
      line,
      offset,
      reason: `invalid JSON: ${(e as Error).message}`,
      raw: Buffer.from(bytes),
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return {
      kind: 'error',
      line,
      offset,
      reason: `expected a JSON object, got ${got}`,
      raw: Buffer.from(bytes),
    };
  }
  return { kind: 'record', line, offset, value: { json: value as Record<string, unknown> } };
}
