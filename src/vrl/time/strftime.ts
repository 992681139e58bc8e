/**
 * `format_timestamp`: render a VRL timestamp with chrono's strftime dialect, optionally in a time zone.
 * Parsing lives in `parse.ts` and is re-exported here so both halves of the dialect share one entry point.
 */
import { invalidFormat } from './errors.js';
import { NUMERIC_WIDTH, tokenize, type Item, type NumericField, type Pad } from './items.js';
import {
  autoSiFraction,
  daysFromCivil,
  formatOffsetColon,
  isoWeek,
  MONTH_NAMES,
  pad,
  splitNanos,
  toCivil,
  weekdayFromSunday,
  WEEKDAY_NAMES,
  type CivilDateTime,
  type Timestamp,
} from './timestamp.js';
import { offsetAt, resolveTimeZone, zoneAbbreviation, type TimeZone } from './tz.js';

export { parseTimestamp } from './parse.js';

interface Fields extends CivilDateTime {
  days: number;
  offset: number;
  epochSeconds: bigint;
  zone: TimeZone;
}

function numericValue(f: NumericField, d: Fields): number | bigint {
  const wdSun = weekdayFromSunday(d.days);
  const ordinal = d.days - daysFromCivil(d.year, 1, 1) + 1;
  switch (f) {
    case 'Y':
      return d.year;
    case 'C':
      return Math.floor(d.year / 100);
    case 'y':
      return ((d.year % 100) + 100) % 100;
    case 'G':
      return isoWeek(d.days).isoYear;
    case 'g':
      return ((isoWeek(d.days).isoYear % 100) + 100) % 100;
    case 'm':
      return d.month;
    case 'd':
      return d.day;
    case 'w':
      return wdSun;
    case 'u':
      return wdSun === 0 ? 7 : wdSun;
    case 'U':
      return Math.floor((ordinal - wdSun + 6) / 7);
    case 'W':
      return Math.floor((ordinal - ((wdSun + 6) % 7) + 6) / 7);
    case 'V':
      return isoWeek(d.days).week;
    case 'j':
      return ordinal;
    case 'H':
      return d.hour;
    case 'I':
      return d.hour % 12 === 0 ? 12 : d.hour % 12;
    case 'M':
      return d.minute;
    case 'S':
      return d.second;
    case 'f':
      return d.nanosecond;
    case 's':
      return d.epochSeconds;
  }
}

function formatNumeric(f: NumericField, padding: Pad, d: Fields): string {
  const value = numericValue(f, d);
  const width = NUMERIC_WIDTH[f];
  if (typeof value === 'bigint') return String(value);
  const isYear = f === 'Y' || f === 'G';
  if (isYear && (value < 0 || value > 9999) && padding !== 'none') {
    // chrono: explicit sign, zero padded to width + 1 including the sign
    const digits = String(Math.abs(value)).padStart(width, padding === 'zero' ? '0' : ' ');
    return (value < 0 ? '-' : '+') + digits;
  }
  if (padding === 'none') return String(value);
  return pad(value, width, padding === 'zero' ? '0' : ' ');
}

function offsetHm(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor(abs / 60) % 60, 2);
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function fixedDigits(nanos: number, digits: 3 | 6 | 9): string {
  return pad(Math.floor(nanos / 10 ** (9 - digits)), digits);
}

function formatItem(item: Item, d: Fields): string {
  switch (item.t) {
    case 'lit':
    case 'space':
      return item.s;
    case 'num':
      return formatNumeric(item.f, item.pad, d);
  }
  const wdSun = weekdayFromSunday(d.days);
  switch (item.f) {
    case 'b':
      return MONTH_NAMES[d.month - 1]!.slice(0, 3);
    case 'B':
      return MONTH_NAMES[d.month - 1]!;
    case 'a':
      return WEEKDAY_NAMES[wdSun]!.slice(0, 3);
    case 'A':
      return WEEKDAY_NAMES[wdSun]!;
    case 'p':
      return d.hour < 12 ? 'AM' : 'PM';
    case 'P':
      return d.hour < 12 ? 'am' : 'pm';
    case 'Z':
      return zoneAbbreviation(d.zone, Number(d.epochSeconds), d.offset);
    case 'z':
      return offsetHm(d.offset, false);
    case ':z':
      return offsetHm(d.offset, true);
    case '::z':
      return formatOffsetColon(d.offset, true);
    case '#z':
      // chrono: "parsing only"; formatting it is a fmt::Error
      throw invalidFormat();
    case '+':
      return (
        [
          formatNumeric('Y', 'zero', d),
          '-',
          pad(d.month, 2),
          '-',
          pad(d.day, 2),
          'T',
          pad(d.hour, 2),
          ':',
          pad(d.minute, 2),
          ':',
          pad(d.second, 2),
        ].join('') +
        autoSiFraction(d.nanosecond) +
        formatOffsetColon(d.offset)
      );
    case '.f':
      return autoSiFraction(d.nanosecond);
    case '.3f':
      return `.${fixedDigits(d.nanosecond, 3)}`;
    case '.6f':
      return `.${fixedDigits(d.nanosecond, 6)}`;
    case '.9f':
      return `.${fixedDigits(d.nanosecond, 9)}`;
    case '3f':
      return fixedDigits(d.nanosecond, 3);
    case '6f':
      return fixedDigits(d.nanosecond, 6);
    case '9f':
      return fixedDigits(d.nanosecond, 9);
  }
}

/**
 * VRL `format_timestamp(value, format, timezone?)`. Throws `TimeFormatError`: `invalid format` for a format
 * chrono rejects, `unable to parse timezone: <tz>` for an unknown zone. Without a zone, renders in UTC.
 */
export function formatTimestamp(ns: Timestamp, format: string, timezone?: string): string {
  const items = tokenize(format);
  if (!items) throw invalidFormat();
  const zone = resolveTimeZone(timezone);
  const { seconds } = splitNanos(ns);
  const offset = offsetAt(zone, Number(seconds));
  const civil = toCivil(ns, offset);
  const fields: Fields = {
    ...civil,
    days: daysFromCivil(civil.year, civil.month, civil.day),
    offset,
    epochSeconds: seconds,
    zone,
  };
  return items.map((item) => formatItem(item, fields)).join('');
}
