/** Scanner primitives and the `Parsed` field set for `parse.ts` (chrono's `format::scan` and `Parsed`). */
import { ChronoParseError, type ChronoParseKind } from './errors.js';

export type Key =
  | 'year'
  | 'yearDiv100'
  | 'yearMod100'
  | 'isoYear'
  | 'isoYearDiv100'
  | 'isoYearMod100'
  | 'month'
  | 'day'
  | 'ordinal'
  | 'weekday'
  | 'weekFromSun'
  | 'weekFromMon'
  | 'isoWeek'
  | 'hourDiv12'
  | 'hourMod12'
  | 'minute'
  | 'second'
  | 'nanosecond'
  | 'offset';

export type Parsed = Partial<Record<Key, number>> & { timestamp?: bigint };

export const fail = (kind: ChronoParseKind): never => {
  throw new ChronoParseError(kind);
};

export function set(p: Parsed, key: Key, value: number): void {
  const old = p[key];
  if (old !== undefined && old !== value) fail('Impossible');
  p[key] = value;
}

export function inRange(value: number, min: number, max: number): number {
  return value < min || value > max ? fail('OutOfRange') : value;
}

export class Scanner {
  pos = 0;
  constructor(readonly s: string) {}
  get rest(): string {
    return this.s.slice(this.pos);
  }
  skipSpace(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] as string)) this.pos++;
  }
  /** chrono's `scan::number`: `min..=max` ASCII digits. */
  digits(min: number, max: number): string {
    let end = this.pos;
    while (end < this.s.length && end - this.pos < max && /[0-9]/.test(this.s[end] as string)) end++;
    if (end - this.pos < min) fail(this.pos + (end - this.pos) >= this.s.length ? 'TooShort' : 'Invalid');
    const text = this.s.slice(this.pos, end);
    this.pos = end;
    return text;
  }
  /** Consume `text` exactly. */
  expect(text: string): void {
    if (this.s.length - this.pos < text.length) fail('TooShort');
    if (!this.s.startsWith(text, this.pos)) fail('Invalid');
    this.pos += text.length;
  }
  /** Optional sign: +1, -1 (`-` or U+2212), or 0 for none. */
  sign(): number {
    const ch = this.s[this.pos];
    if (ch === '+') return (this.pos++, 1);
    if (ch === '-' || ch === '\u2212') return (this.pos++, -1);
    return 0;
  }
}

/**
 * chrono's `short_*` (`%b`, `%a`: exactly the 3-letter name) and `short_or_long_*` (`%B`, `%A`: optionally
 * followed by the rest of the long name), case-insensitive.
 */
export function scanName(sc: Scanner, names: readonly string[], allowLong: boolean): number {
  const rest = sc.rest;
  if (rest.length < 3) fail('TooShort');
  const idx = names.findIndex((n) => n.slice(0, 3).toLowerCase() === rest.slice(0, 3).toLowerCase());
  if (idx < 0) fail('Invalid');
  const tail = (names[idx] as string).slice(3).toLowerCase();
  sc.pos += allowLong && rest.slice(3, 3 + tail.length).toLowerCase() === tail ? 3 + tail.length : 3;
  return idx;
}

/** chrono's `scan::timezone_offset`; returns seconds east of UTC. */
export function scanOffset(
  sc: Scanner,
  opts: { zulu: boolean; missingMinutes: boolean; seconds: boolean },
): number {
  sc.skipSpace();
  const ch = sc.s[sc.pos];
  if (opts.zulu && (ch === 'Z' || ch === 'z')) return (sc.pos++, 0);
  if (ch === undefined) fail('TooShort');
  const sign = sc.sign();
  if (sign === 0) fail('Invalid');
  const hours = Number(sc.digits(2, 2));
  const colon = (): void => {
    sc.skipSpace();
    if (sc.s[sc.pos] === ':') sc.pos++;
    sc.skipSpace();
  };
  const save = sc.pos;
  colon();
  let minutes = 0;
  if (opts.missingMinutes && !/[0-9]/.test(sc.s[sc.pos] ?? '')) sc.pos = save;
  else minutes = inRange(Number(sc.digits(2, 2)), 0, 59);
  let seconds = 0;
  if (opts.seconds && sc.s[sc.pos] === ':') {
    sc.pos++;
    seconds = inRange(Number(sc.digits(2, 2)), 0, 59);
  }
  const total = hours * 3600 + minutes * 60 + seconds;
  return sign * inRange(total, 0, 86_399);
}

export function scanNanoFraction(sc: Scanner): number {
  const digits = sc.digits(1, Infinity);
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}
