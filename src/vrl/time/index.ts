/**
 * VRL time layer: timestamps as `bigint` nanoseconds since the Unix epoch (see `timestamp.ts`), RFC 3339 as
 * VRL prints and reads it, chrono-dialect `format_timestamp` / `parse_timestamp`, and IANA time zones via Intl.
 */
export {
  CHRONO_PARSE_MESSAGES,
  TimeFormatError,
  type ChronoParseKind,
  type TimeErrorKind,
} from './errors.js';
export { formatTimestamp, parseTimestamp } from './strftime.js';
export {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  fromCivil,
  fromEpochMicros,
  fromEpochMillis,
  fromEpochNanos,
  fromEpochSeconds,
  isLeapYear,
  isoWeek,
  MONTH_NAMES,
  isValidTimestamp,
  MAX_YEAR,
  MIN_YEAR,
  NANOS_PER_SECOND,
  parseRfc3339,
  toCivil,
  toEpochMicros,
  toEpochMillis,
  toEpochNanos,
  toEpochSeconds,
  toRfc3339,
  WEEKDAY_NAMES,
  type CivilDateTime,
  type Rfc3339Options,
  type SecondsFormat,
  type Timestamp,
} from './timestamp.js';
export { localToUtcSeconds, offsetAt, resolveTimeZone, UTC_ZONE, type TimeZone } from './tz.js';
