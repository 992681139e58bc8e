/**
 * VRL's string conversions (upstream `Conversion::{Integer, Float, Boolean, Timestamp}`), used by the
 * `to_*` coercions on bytes: exact Rust parsing rules and error texts (`Invalid integer " 5": invalid
 * digit found in string`).
 */
import { parseRfc3339, parseTimestamp, fromEpochSeconds } from '../../../time/index.js';
import { VrlError } from '../../../value/index.js';
import { parseRfc2822 } from './rfc2822.js';
import { parseRustFloat, parseRustInt, rustDebugString } from './rust.js';

export function convertInteger(text: string): bigint {
  const parsed = parseRustInt(text);
  if (!parsed.ok) throw new VrlError(`Invalid integer ${rustDebugString(text)}: ${parsed.error}`);
  return parsed.value;
}

export function convertFloat(text: string): number {
  const parsed = parseRustFloat(text);
  if (!parsed.ok)
    throw new VrlError(`Invalid floating point number ${rustDebugString(text)}: ${parsed.error}`);
  if (Number.isNaN(parsed.value)) throw new VrlError(`NaN number not supported ${rustDebugString(text)}`);
  return parsed.value;
}

function boolWord(text: string): boolean | undefined {
  switch (text) {
    case 'true':
    case 't':
    case 'yes':
    case 'y':
      return true;
    case 'false':
    case 'f':
    case 'no':
    case 'n':
      return false;
  }
  return undefined;
}

export function convertBoolean(text: string): boolean {
  if (text === '0') return false;
  const word = boolWord(text);
  if (word !== undefined) return word;
  const int = parseRustInt(text);
  if (int.ok) return int.value !== 0n;
  const lower = boolWord(text.toLowerCase());
  if (lower !== undefined) return lower;
  throw new VrlError(`Invalid boolean value ${rustDebugString(text)}`);
}

/** Formats read as wall time in the program's time zone. */
const LOCAL_FORMATS = [
  '%F %T',
  '%v %T',
  '%FT%T',
  '%m/%d/%Y:%T',
  '%a, %d %b %Y %T',
  '%a %d %b %T %Y',
  '%A %d %B %T %Y',
  '%a %b %e %T %Y',
];

/** Formats carrying their own offset. */
const ZONED_FORMATS = [
  '%+',
  '%a %d %b %T %Z %Y',
  '%a %d %b %T %z %Y',
  '%a %d %b %T %#z %Y',
  '%d/%b/%Y:%T %z',
];

function attempt(parse: () => bigint): bigint | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/**
 * `Conversion::Timestamp`: the local formats, Unix seconds, RFC 3339, RFC 2822, then the zoned formats;
 * `No matching timestamp format found for "…"` when none fits. Returns nanoseconds since the epoch.
 */
export function convertTimestamp(text: string, timezone: string): bigint {
  for (const format of LOCAL_FORMATS) {
    const ns = attempt(() => parseTimestamp(text, format, timezone));
    if (ns !== undefined) return ns;
  }
  const seconds = parseRustInt(text);
  if (seconds.ok) {
    const ns = attempt(() => fromEpochSeconds(seconds.value));
    if (ns !== undefined) return ns;
  }
  const candidates = [() => parseRfc3339(text), () => parseRfc2822(text)];
  for (const parse of candidates) {
    const ns = attempt(parse);
    if (ns !== undefined) return ns;
  }
  for (const format of ZONED_FORMATS) {
    const ns = attempt(() => parseTimestamp(text, format));
    if (ns !== undefined) return ns;
  }
  throw new VrlError(`No matching timestamp format found for ${rustDebugString(text)}`);
}
