/**
 * `parse_timestamp`: chrono-style strptime over the strftime dialect of `items.ts`.
 *
 * Follows chrono's `format::parse` + `Parsed` resolution: numerics skip leading whitespace and read at most
 * their width (signed years any width), whitespace in the format skips any whitespace, `%b`/`%B` and
 * `%B`/`%A` accept short or long names and `%b`/`%a` only short ones (case-insensitive), `%Z` skips a word without setting an offset,
 * every field may be set twice only with the same value, and resolution needs a full date (y-m-d, y-ordinal,
 * ISO year-week-weekday or year-%U/%W-weekday) and an hour and minute, else "not enough".
 * Deliberate extension: `%s` accepts a leading `-` for pre-1970 instants.
 */
import { ChronoParseError, invalidTimestamp } from './errors.js';
import { fail, inRange, scanName, scanNanoFraction, scanOffset, Scanner, set, type Parsed } from './scan.js';
import {
  formatHasZone,
  NUMERIC_WIDTH,
  tokenize,
  type FixedField,
  type Item,
  type NumericField,
} from './items.js';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  isoWeek,
  MONTH_NAMES,
  isValidTimestamp,
  NANOS_PER_SECOND,
  toCivil,
  weekdayFromSunday,
  WEEKDAY_NAMES,
  type Timestamp,
} from './timestamp.js';
import { localToUtcSeconds, resolveTimeZone, type TimeZone } from './tz.js';

function scanNumeric(sc: Scanner, f: NumericField, p: Parsed): void {
  sc.skipSpace();
  if (f === 's') {
    const sign = sc.sign();
    if (sign === 1) fail('Invalid');
    const v = BigInt(sc.digits(1, 20));
    if (p.timestamp !== undefined && p.timestamp !== v * BigInt(sign || 1)) fail('Impossible');
    p.timestamp = v * BigInt(sign || 1);
    return;
  }
  let v: number;
  if (f === 'Y' || f === 'G') {
    const sign = sc.sign();
    v = sign === 0 ? Number(sc.digits(1, 4)) : sign * Number(sc.digits(1, 9));
  } else {
    v = Number(sc.digits(1, NUMERIC_WIDTH[f]));
  }
  switch (f) {
    case 'Y':
      return set(p, 'year', v);
    case 'G':
      return set(p, 'isoYear', v);
    case 'C':
      return set(p, 'yearDiv100', v);
    case 'y':
      return set(p, 'yearMod100', inRange(v, 0, 99));
    case 'g':
      return set(p, 'isoYearMod100', inRange(v, 0, 99));
    case 'm':
      return set(p, 'month', inRange(v, 1, 12));
    case 'd':
      return set(p, 'day', inRange(v, 1, 31));
    case 'w':
      return set(p, 'weekday', inRange(v, 0, 6));
    case 'u':
      return set(p, 'weekday', inRange(v, 1, 7) % 7);
    case 'U':
      return set(p, 'weekFromSun', inRange(v, 0, 53));
    case 'W':
      return set(p, 'weekFromMon', inRange(v, 0, 53));
    case 'V':
      return set(p, 'isoWeek', inRange(v, 1, 53));
    case 'j':
      return set(p, 'ordinal', inRange(v, 1, 366));
    case 'H':
      inRange(v, 0, 23);
      set(p, 'hourDiv12', Math.floor(v / 12));
      return set(p, 'hourMod12', v % 12);
    case 'I':
      return set(p, 'hourMod12', inRange(v, 1, 12) % 12);
    case 'M':
      return set(p, 'minute', inRange(v, 0, 59));
    case 'S':
      return set(p, 'second', inRange(v, 0, 60));
    case 'f':
      return set(p, 'nanosecond', v);
  }
}

const RFC3339_ITEMS = tokenize('%Y-%m-%d') as Item[];
const RFC3339_TIME = tokenize('%H:%M:%S%.f') as Item[];

function scanFixed(sc: Scanner, f: FixedField, p: Parsed): void {
  switch (f) {
    case 'b':
    case 'B':
      return set(p, 'month', scanName(sc, MONTH_NAMES, f === 'B') + 1);
    case 'a':
    case 'A':
      return set(p, 'weekday', scanName(sc, WEEKDAY_NAMES, f === 'A'));
    case 'p':
    case 'P': {
      const two = sc.rest.slice(0, 2).toLowerCase();
      if (two.length < 2) fail('TooShort');
      if (two !== 'am' && two !== 'pm') fail('Invalid');
      sc.pos += 2;
      return set(p, 'hourDiv12', two === 'am' ? 0 : 1);
    }
    case 'Z':
      while (sc.pos < sc.s.length && !/\s/.test(sc.s[sc.pos] as string)) sc.pos++;
      return;
    case 'z':
    case ':z':
      return set(p, 'offset', scanOffset(sc, { zulu: false, missingMinutes: false, seconds: false }));
    case '::z':
      return set(p, 'offset', scanOffset(sc, { zulu: false, missingMinutes: false, seconds: true }));
    case '#z':
      return set(p, 'offset', scanOffset(sc, { zulu: true, missingMinutes: true, seconds: false }));
    case '+': {
      runItems(sc, RFC3339_ITEMS, p);
      const sep = sc.s[sc.pos];
      if (sep === undefined) fail('TooShort');
      if (sep !== 'T' && sep !== 't' && sep !== ' ') fail('Invalid');
      sc.pos++;
      runItems(sc, RFC3339_TIME, p);
      return set(p, 'offset', scanOffset(sc, { zulu: true, missingMinutes: false, seconds: false }));
    }
    case '.f':
    case '.3f':
    case '.6f':
    case '.9f':
      if (sc.s[sc.pos] === '.') {
        sc.pos++;
        set(p, 'nanosecond', scanNanoFraction(sc));
      }
      return;
    case '3f':
    case '6f':
    case '9f': {
      const n = Number(f[0]);
      const digits = sc.digits(n, n);
      return set(p, 'nanosecond', Number(digits) * 10 ** (9 - n));
    }
  }
}

function runItems(sc: Scanner, items: readonly Item[], p: Parsed): void {
  for (const item of items) {
    if (item.t === 'space') sc.skipSpace();
    else if (item.t === 'lit') sc.expect(item.s);
    else if (item.t === 'num') scanNumeric(sc, item.f, p);
    else scanFixed(sc, item.f, p);
  }
}

function resolveYear(
  y: number | undefined,
  q: number | undefined,
  r: number | undefined,
): number | undefined {
  if (y !== undefined) {
    if (r !== undefined && ((y % 100) + 100) % 100 !== r) fail('Impossible');
    if (q !== undefined && Math.floor(y / 100) !== q) fail('Impossible');
    return y;
  }
  if (r !== undefined) return q !== undefined ? q * 100 + r : r < 70 ? 2000 + r : 1900 + r;
  return q !== undefined ? fail('NotEnough') : undefined;
}

/** Days since the epoch of the parsed date, checked against every date field that was set. */
function resolveDate(p: Parsed): number {
  const year = resolveYear(p.year, p.yearDiv100, p.yearMod100);
  const isoYear = resolveYear(p.isoYear, p.isoYearDiv100, p.isoYearMod100);
  let days: number;
  if (year !== undefined && p.month !== undefined && p.day !== undefined) {
    if (p.day > daysInMonth(year, p.month)) fail('OutOfRange');
    days = daysFromCivil(year, p.month, p.day);
  } else if (year !== undefined && p.ordinal !== undefined) {
    if (p.ordinal > (isLeapYear(year) ? 366 : 365)) fail('OutOfRange');
    days = daysFromCivil(year, 1, 1) + p.ordinal - 1;
  } else if (isoYear !== undefined && p.isoWeek !== undefined && p.weekday !== undefined) {
    const jan4 = daysFromCivil(isoYear, 1, 4);
    const monday1 = jan4 - ((weekdayFromSunday(jan4) + 6) % 7);
    days = monday1 + 7 * (p.isoWeek - 1) + ((p.weekday + 6) % 7);
    if (isoWeek(days).isoYear !== isoYear) fail('OutOfRange');
  } else if (
    year !== undefined &&
    p.weekday !== undefined &&
    (p.weekFromSun ?? p.weekFromMon) !== undefined
  ) {
    const jan1 = daysFromCivil(year, 1, 1);
    const w1 = weekdayFromSunday(jan1);
    const ordinal =
      p.weekFromSun !== undefined
        ? 1 + ((7 - w1) % 7) + 7 * (p.weekFromSun - 1) + p.weekday
        : 1 + ((8 - w1) % 7) + 7 * ((p.weekFromMon as number) - 1) + ((p.weekday + 6) % 7);
    if (ordinal < 1 || ordinal > (isLeapYear(year) ? 366 : 365)) fail('OutOfRange');
    days = jan1 + ordinal - 1;
  } else {
    return fail('NotEnough');
  }
  checkDate(p, days, year, isoYear);
  return days;
}

function checkDate(
  p: Parsed,
  days: number,
  year: number | undefined,
  isoYearParsed: number | undefined,
): void {
  const c = civilFromDays(days);
  const wdSun = weekdayFromSunday(days);
  const ordinal = days - daysFromCivil(c.year, 1, 1) + 1;
  const iso = isoWeek(days);
  const expect: Array<[number | undefined, number]> = [
    [year, c.year],
    [p.month, c.month],
    [p.day, c.day],
    [p.ordinal, ordinal],
    [p.weekday, wdSun],
    [p.weekFromSun, Math.floor((ordinal - wdSun + 6) / 7)],
    [p.weekFromMon, Math.floor((ordinal - ((wdSun + 6) % 7) + 6) / 7)],
    [isoYearParsed, iso.isoYear],
    [p.isoWeek, iso.week],
  ];
  if (expect.some(([got, want]) => got !== undefined && got !== want)) fail('Impossible');
}

function resolve(p: Parsed, zone: TimeZone, requireOffset: boolean): Timestamp {
  if (p.timestamp !== undefined) {
    const ns = p.timestamp * NANOS_PER_SECOND + BigInt(p.nanosecond ?? 0);
    if (!isValidTimestamp(ns)) fail('OutOfRange');
    const c = toCivil(ns, p.offset ?? 0);
    const hour =
      p.hourDiv12 !== undefined && p.hourMod12 !== undefined ? p.hourDiv12 * 12 + p.hourMod12 : undefined;
    const checks: Array<[number | undefined, number]> = [
      [p.year, c.year],
      [p.month, c.month],
      [p.day, c.day],
      [hour, c.hour],
      [p.minute, c.minute],
      [p.second, c.second],
    ];
    if (checks.some(([got, want]) => got !== undefined && got !== want)) fail('Impossible');
    return ns;
  }
  const days = resolveDate(p);
  if (p.hourDiv12 === undefined || p.hourMod12 === undefined || p.minute === undefined) fail('NotEnough');
  const hour = (p.hourDiv12 as number) * 12 + (p.hourMod12 as number);
  const second = p.second ?? 0; // 60 (a leap second) folds into the next second
  const local = days * 86_400 + hour * 3600 + (p.minute as number) * 60 + second;
  let utc: number;
  if (p.offset !== undefined) utc = local - p.offset;
  else if (requireOffset) return fail('NotEnough');
  else utc = localToUtcSeconds(zone, local);
  const ns = BigInt(utc) * NANOS_PER_SECOND + BigInt(p.nanosecond ?? 0);
  return isValidTimestamp(ns) ? ns : fail('OutOfRange');
}

/**
 * VRL `parse_timestamp(value, format, timezone?)`. A parsed offset wins; a format with a zone specifier
 * (`%Z %z %:z %#z %+`, VRL's `format_has_zone`) requires one; otherwise the wall time is read in
 * `timezone` (IANA name, `local` = UTC, default UTC). Throws `TimeFormatError` with VRL's text, e.g.
 * `Invalid timestamp "16/10/2019": input is not enough for unique date and time`.
 */
export function parseTimestamp(text: string, format: string, timezone?: string): Timestamp {
  const zone = resolveTimeZone(timezone);
  const items = tokenize(format);
  if (!items) throw invalidTimestamp(text, 'BadFormat');
  try {
    const sc = new Scanner(text);
    const parsed: Parsed = {};
    runItems(sc, items, parsed);
    if (sc.pos < text.length) fail('TooLong');
    return resolve(parsed, zone, formatHasZone(format));
  } catch (e) {
    if (e instanceof ChronoParseError) throw invalidTimestamp(text, e.parseKind);
    throw e;
  }
}
