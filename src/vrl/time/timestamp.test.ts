import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  fromEpochMicros,
  fromEpochMillis,
  fromEpochNanos,
  fromEpochSeconds,
  isLeapYear,
  isoWeek,
  parseRfc3339,
  TimeFormatError,
  toEpochMicros,
  toEpochMillis,
  toEpochNanos,
  toEpochSeconds,
  toRfc3339,
} from './index.js';

describe('epoch conversions (VRL from_unix_timestamp / to_unix_timestamp)', () => {
  it('from_unix_timestamp documented examples', () => {
    expect(toRfc3339(fromEpochSeconds(5))).toBe('1970-01-01T00:00:05Z');
    expect(toRfc3339(fromEpochMillis(5000))).toBe('1970-01-01T00:00:05Z');
    expect(toRfc3339(fromEpochMicros(5_000_000))).toBe('1970-01-01T00:00:05Z');
    expect(toRfc3339(fromEpochNanos(5_000_000_000n))).toBe('1970-01-01T00:00:05Z');
  });

  it('to_unix_timestamp documented examples', () => {
    const t = parseRfc3339('2021-01-01T00:00:00+00:00');
    expect(toEpochSeconds(t)).toBe(1609459200n);
    expect(toEpochMillis(t)).toBe(1609459200000n);
    expect(toEpochMicros(t)).toBe(1609459200000000n);
    expect(toEpochNanos(t)).toBe(1609459200000000000n);
  });

  it('floors pre-1970 instants like chrono', () => {
    const t = fromEpochNanos(-1n);
    expect(toEpochSeconds(t)).toBe(-1n);
    expect(toEpochMillis(t)).toBe(-1n);
    expect(toEpochMicros(t)).toBe(-1n);
    expect(toEpochSeconds(fromEpochMillis(-1500))).toBe(-2n);
  });

  it('rejects non-integers and out-of-range instants', () => {
    expect(() => fromEpochSeconds(1.5)).toThrow(TimeFormatError);
    expect(() => fromEpochSeconds(Number.MAX_SAFE_INTEGER)).toThrow(/out of range/);
    expect(() => fromEpochNanos(10n ** 30n)).toThrow(TimeFormatError);
  });
});

describe('toRfc3339 (VRL timestamp display, SecondsFormat::AutoSi)', () => {
  it('omits a zero fraction and uses Z', () => {
    expect(toRfc3339(parseRfc3339('2021-02-10T23:32:00+00:00'))).toBe('2021-02-10T23:32:00Z');
  });

  it('prints 3, 6 or 9 fraction digits', () => {
    const base = parseRfc3339('2021-02-10T23:32:00Z');
    expect(toRfc3339(base + 500_000_000n)).toBe('2021-02-10T23:32:00.500Z');
    expect(toRfc3339(base + 123_400_000n)).toBe('2021-02-10T23:32:00.123400Z');
    expect(toRfc3339(base + 1_000n)).toBe('2021-02-10T23:32:00.000001Z');
    expect(toRfc3339(base + 1n)).toBe('2021-02-10T23:32:00.000000001Z');
  });

  it('supports fixed precision, offsets and +00:00', () => {
    const t = parseRfc3339('2021-02-10T23:32:00.5Z');
    expect(toRfc3339(t, { seconds: 'secs' })).toBe('2021-02-10T23:32:00Z');
    expect(toRfc3339(t, { seconds: 'millis' })).toBe('2021-02-10T23:32:00.500Z');
    expect(toRfc3339(t, { seconds: 'micros' })).toBe('2021-02-10T23:32:00.500000Z');
    expect(toRfc3339(t, { seconds: 'nanos' })).toBe('2021-02-10T23:32:00.500000000Z');
    expect(toRfc3339(t, { useZ: false })).toBe('2021-02-10T23:32:00.500+00:00');
    expect(toRfc3339(t, { offsetSeconds: -5 * 3600 })).toBe('2021-02-10T18:32:00.500-05:00');
  });

  it('renders pre-1970 and extreme years', () => {
    expect(toRfc3339(fromEpochNanos(-1n))).toBe('1969-12-31T23:59:59.999999999Z');
    expect(toRfc3339(parseRfc3339('0001-01-01T00:00:00Z') - 1n * 86_400n * 1_000_000_000n)).toBe(
      '0000-12-31T00:00:00Z',
    );
    expect(toRfc3339(parseRfc3339('9999-12-31T23:59:59Z') + 1_000_000_000n)).toBe('+10000-01-01T00:00:00Z');
  });
});

describe('parseRfc3339', () => {
  it('accepts Z, offsets, t/space separators and fractions', () => {
    expect(toRfc3339(parseRfc3339('2021-02-10T23:32:00Z'))).toBe('2021-02-10T23:32:00Z');
    expect(toRfc3339(parseRfc3339('2021-02-10t23:32:00z'))).toBe('2021-02-10T23:32:00Z');
    expect(toRfc3339(parseRfc3339('2021-02-10 23:32:00+01:30'))).toBe('2021-02-10T22:02:00Z');
    expect(toRfc3339(parseRfc3339('2021-02-11T00:32:00-01:00'))).toBe('2021-02-11T01:32:00Z');
  });

  it('keeps nanoseconds and truncates beyond 9 digits', () => {
    expect(parseRfc3339('1970-01-01T00:00:00.123456789Z')).toBe(123456789n);
    expect(parseRfc3339('1970-01-01T00:00:00.1234567891Z')).toBe(123456789n);
    expect(parseRfc3339('1969-12-31T23:59:59.999999999Z')).toBe(-1n);
  });

  it('folds a leap second into the next second', () => {
    expect(toRfc3339(parseRfc3339('2016-12-31T23:59:60Z'))).toBe('2017-01-01T00:00:00Z');
  });

  it('rejects malformed and out-of-range text with VRL-style errors', () => {
    expect(() => parseRfc3339('2021-02-10')).toThrow(
      'Invalid timestamp "2021-02-10": input contains invalid characters',
    );
    expect(() => parseRfc3339('2021-02-30T00:00:00Z')).toThrow('input is out of range');
    expect(() => parseRfc3339('2021-13-01T00:00:00Z')).toThrow('input is out of range');
    expect(() => parseRfc3339('2021-01-01T24:00:00Z')).toThrow('input is out of range');
    expect(() => parseRfc3339('2021-01-01T00:00:00+24:00')).toThrow('input is out of range');
    expect(() => parseRfc3339('2021-01-01T00:00:00')).toThrow(TimeFormatError);
  });
});

describe('calendar', () => {
  it('handles leap years', () => {
    expect([1900, 2000, 2020, 2021, 2100, 2400].map(isLeapYear)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(toRfc3339(parseRfc3339('2020-02-29T12:00:00Z'))).toBe('2020-02-29T12:00:00Z');
    expect(() => parseRfc3339('2021-02-29T12:00:00Z')).toThrow(/out of range/);
    expect(() => parseRfc3339('1900-02-29T12:00:00Z')).toThrow(/out of range/);
    expect(toRfc3339(parseRfc3339('2000-02-29T00:00:00Z'))).toBe('2000-02-29T00:00:00Z');
  });

  it('round-trips days <-> civil over a wide range', () => {
    for (let days = -800_000; days <= 800_000; days += 997) {
      const c = civilFromDays(days);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(-1)).toEqual({ year: 1969, month: 12, day: 31 });
  });

  it('computes ISO weeks at year boundaries', () => {
    expect(isoWeek(daysFromCivil(2021, 1, 3))).toEqual({ isoYear: 2020, week: 53 });
    expect(isoWeek(daysFromCivil(2021, 1, 4))).toEqual({ isoYear: 2021, week: 1 });
    expect(isoWeek(daysFromCivil(2019, 12, 30))).toEqual({ isoYear: 2020, week: 1 });
  });
});
