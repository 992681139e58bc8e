/**
 * VRL timestamps.
 *
 * Representation: a VRL timestamp is a UTC instant with nanosecond precision (chrono's `DateTime<Utc>`).
 * We represent it as a `bigint` count of nanoseconds since 1970-01-01T00:00:00Z. A JS `number` cannot hold
 * nanoseconds exactly past ~104 days from the epoch, and a `Date` only has milliseconds, so `bigint` is the
 * only primitive that is exact, totally ordered with `<`/`===`, hashable as a Map key and trivially
 * serialisable. Negative values are instants before 1970. The valid range is chrono's: years -262143 through
 * 262142 (proleptic Gregorian), which is wider than i64 nanoseconds; `toEpochNanos` does not clamp.
 *
 * Calendar arithmetic (days <-> civil dates) uses Howard Hinnant's algorithms on plain numbers, which are
 * exact for the whole range.
 */
import { ChronoParseError, invalidTimestamp, outOfRange } from './errors.js';

export type Timestamp = bigint;

export const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_MICRO = 1_000n;
const SECONDS_PER_DAY = 86_400;

/** chrono's supported years (`NaiveDate::MIN`/`MAX`). */
export const MIN_YEAR = -262143;
export const MAX_YEAR = 262142;
const MIN_SECONDS = BigInt(daysFromCivil(MIN_YEAR, 1, 1) * SECONDS_PER_DAY);
const MAX_SECONDS = BigInt(daysFromCivil(MAX_YEAR, 12, 31) * SECONDS_PER_DAY + SECONDS_PER_DAY - 1);

/** The civil (wall clock) fields of an instant at some UTC offset. */
export interface CivilDateTime {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  nanosecond: number; // 0..999_999_999
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `daysFromCivil`. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of week with Sunday = 0, for days since the epoch (1970-01-01 was a Thursday). */
export function weekdayFromSunday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** ISO 8601 week-numbering year and week of a date given as days since the epoch. */
export function isoWeek(days: number): { isoYear: number; week: number } {
  const wdMon = (weekdayFromSunday(days) + 6) % 7;
  const thursday = days - wdMon + 3; // the Thursday of this ISO week decides its year
  const { year } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { isoYear: year, week };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Whole seconds (floored) and the non-negative nanosecond remainder. */
export function splitNanos(ns: Timestamp): { seconds: bigint; nanos: number } {
  const seconds = floorDiv(ns, NANOS_PER_SECOND);
  return { seconds, nanos: Number(ns - seconds * NANOS_PER_SECOND) };
}

function checkRange(ns: Timestamp): Timestamp {
  const { seconds } = splitNanos(ns);
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw outOfRange(String(ns));
  return ns;
}

export function isValidTimestamp(ns: Timestamp): boolean {
  const { seconds } = splitNanos(ns);
  return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
}

function toBig(value: number | bigint, unit: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw outOfRange(`${value} ${unit} is not a safe integer`);
  return BigInt(value);
}

export function fromEpochSeconds(value: number | bigint): Timestamp {
  return checkRange(toBig(value, 'seconds') * NANOS_PER_SECOND);
}
export function fromEpochMillis(value: number | bigint): Timestamp {
  return checkRange(toBig(value, 'milliseconds') * NANOS_PER_MILLI);
}
export function fromEpochMicros(value: number | bigint): Timestamp {
  return checkRange(toBig(value, 'microseconds') * NANOS_PER_MICRO);
}
export function fromEpochNanos(value: number | bigint): Timestamp {
  return checkRange(toBig(value, 'nanoseconds'));
}

/** chrono's `timestamp()`, `timestamp_millis()`, …: floor division, so pre-1970 instants round down. */
export function toEpochSeconds(ns: Timestamp): bigint {
  return floorDiv(ns, NANOS_PER_SECOND);
}
export function toEpochMillis(ns: Timestamp): bigint {
  return floorDiv(ns, NANOS_PER_MILLI);
}
export function toEpochMicros(ns: Timestamp): bigint {
  return floorDiv(ns, NANOS_PER_MICRO);
}
export function toEpochNanos(ns: Timestamp): bigint {
  return ns;
}

/** Civil fields of `ns` shifted by `offsetSeconds` (local = UTC + offset). */
export function toCivil(ns: Timestamp, offsetSeconds = 0): CivilDateTime {
  const { seconds, nanos } = splitNanos(ns);
  const local = Number(seconds) + offsetSeconds;
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secOfDay = local - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor(secOfDay / 60) % 60,
    second: secOfDay % 60,
    nanosecond: nanos,
  };
}

/** Seconds since the epoch of a civil date-time read as UTC (no range check). */
export function civilToEpochSeconds(c: Omit<CivilDateTime, 'nanosecond'>): number {
  return daysFromCivil(c.year, c.month, c.day) * SECONDS_PER_DAY + c.hour * 3600 + c.minute * 60 + c.second;
}

/** Build an instant from local civil fields and the UTC offset in effect there. */
export function fromCivil(c: CivilDateTime, offsetSeconds = 0): Timestamp {
  const seconds = BigInt(civilToEpochSeconds(c) - offsetSeconds);
  return checkRange(seconds * NANOS_PER_SECOND + BigInt(c.nanosecond));
}

/** Rust's `{:0w}` / `{:w}` for integers: the width includes a minus sign. */
export function pad(value: number, width: number, fill = '0'): string {
  if (value >= 0) return String(value).padStart(width, fill);
  if (fill === '0') return `-${String(-value).padStart(width - 1, '0')}`;
  return String(value).padStart(width, fill);
}

/** chrono's `%Y`: 4 digits, with an explicit sign outside 0..=9999. */
export function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(4, '0');
}

/** chrono's `SecondsFormat::AutoSi` fraction: nothing, or 3, 6 or 9 digits, with a leading dot. */
export function autoSiFraction(nanos: number): string {
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return `.${pad(nanos / 1_000_000, 3)}`;
  if (nanos % 1_000 === 0) return `.${pad(nanos / 1_000, 6)}`;
  return `.${pad(nanos, 9)}`;
}

/** `+hh:mm` (or `+hh:mm:ss` when the offset has seconds, as chrono's RFC 3339 writer does). */
export function formatOffsetColon(offsetSeconds: number, withSeconds = false): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hm = `${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs / 60) % 60, 2)}`;
  return withSeconds || abs % 60 !== 0 ? `${hm}:${pad(abs % 60, 2)}` : hm;
}

export type SecondsFormat = 'secs' | 'millis' | 'micros' | 'nanos' | 'auto';

export interface Rfc3339Options {
  /** Fraction digits; `auto` (default) is chrono's `SecondsFormat::AutoSi` as VRL uses. */
  seconds?: SecondsFormat;
  /** Write `Z` for UTC (default true, as VRL does); otherwise `+00:00`. */
  useZ?: boolean;
  /** Render at this fixed UTC offset in seconds (default 0). */
  offsetSeconds?: number;
}

/**
 * RFC 3339 text as VRL prints timestamps (`to_string`, `encode_json`, `t'…'` display):
 * `to_rfc3339_opts(SecondsFormat::AutoSi, true)`, e.g. `2021-02-10T23:32:00Z`, `…:00.500Z`.
 */
export function toRfc3339(ns: Timestamp, opts: Rfc3339Options = {}): string {
  const offset = opts.offsetSeconds ?? 0;
  const c = toCivil(ns, offset);
  let frac: string;
  switch (opts.seconds ?? 'auto') {
    case 'secs':
      frac = '';
      break;
    case 'millis':
      frac = `.${pad(Math.floor(c.nanosecond / 1_000_000), 3)}`;
      break;
    case 'micros':
      frac = `.${pad(Math.floor(c.nanosecond / 1_000), 6)}`;
      break;
    case 'nanos':
      frac = `.${pad(c.nanosecond, 9)}`;
      break;
    default:
      frac = autoSiFraction(c.nanosecond);
  }
  const date = `${formatYear(c.year)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
  const time = `${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}${frac}`;
  const zone = offset === 0 && (opts.useZ ?? true) ? 'Z' : formatOffsetColon(offset);
  return `${date}T${time}${zone}`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parse RFC 3339 (chrono's `DateTime::parse_from_rfc3339`), as VRL's `t'…'` literals and `to_timestamp`
 * accept: date `T`/`t`/space time, optional fraction (digits past the 9th are truncated), `Z` or `±hh:mm`.
 * A leap second `:60` is folded into the next second. Throws `TimeFormatError` on bad input.
 */
export function parseRfc3339(text: string): Timestamp {
  try {
    return parseRfc3339Inner(text);
  } catch (e) {
    if (e instanceof ChronoParseError) throw invalidTimestamp(text, e.parseKind);
    throw e;
  }
}

function parseRfc3339Inner(text: string): Timestamp {
  const m = RFC3339.exec(text);
  if (!m) throw new ChronoParseError('Invalid');
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  let second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new ChronoParseError('OutOfRange');
  if (hour > 23 || minute > 59 || second > 60) throw new ChronoParseError('OutOfRange');
  let carry = 0;
  if (second === 60) {
    second = 59;
    carry = 1;
  }
  const nanosecond = frac ? Number(frac.slice(0, 9).padEnd(9, '0')) : 0;
  let offset = 0;
  if (!zulu) {
    const ohn = Number(oh);
    const omn = Number(om);
    if (ohn > 23 || omn > 59) throw new ChronoParseError('OutOfRange');
    offset = (sign === '-' ? -1 : 1) * (ohn * 3600 + omn * 60);
  }
  const civil = { year, month, day, hour, minute, second, nanosecond };
  if (!isValidTimestamp(BigInt(civilToEpochSeconds(civil) - offset) * NANOS_PER_SECOND)) {
    throw new ChronoParseError('OutOfRange');
  }
  return fromCivil(civil, offset) + BigInt(carry) * NANOS_PER_SECOND;
}
