import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  localToUtcSeconds,
  offsetAt,
  parseRfc3339,
  parseTimestamp,
  resolveTimeZone,
  toEpochSeconds,
  toRfc3339,
  UTC_ZONE,
} from './index.js';

const secs = (text: string): number => Number(toEpochSeconds(parseRfc3339(text)));

describe('time zones', () => {
  it('resolves names; UTC and local are UTC', () => {
    expect(resolveTimeZone(undefined)).toBe(UTC_ZONE);
    expect(resolveTimeZone('local').iana).toBeNull();
    expect(resolveTimeZone('UTC').iana).toBeNull();
    expect(resolveTimeZone('Etc/UTC').iana).toBeNull();
    expect(resolveTimeZone('America/New_York').iana).toBe('America/New_York');
    for (const bad of ['', 'llocal', 'Europe/Pariss', '+01:00', '-0500']) {
      expect(() => resolveTimeZone(bad), bad).toThrow(`unable to parse timezone: ${bad}`);
    }
  });

  it('computes offsets, including DST and half-hour zones', () => {
    const ny = resolveTimeZone('America/New_York');
    expect(offsetAt(ny, secs('2021-07-04T12:00:00Z'))).toBe(-4 * 3600);
    expect(offsetAt(ny, secs('2021-01-04T12:00:00Z'))).toBe(-5 * 3600);
    expect(offsetAt(ny, secs('2021-03-14T06:59:59Z'))).toBe(-5 * 3600);
    expect(offsetAt(ny, secs('2021-03-14T07:00:00Z'))).toBe(-4 * 3600);
    expect(offsetAt(resolveTimeZone('Asia/Kolkata'), 0)).toBe(5.5 * 3600);
    // repeated look-ups hit the cache and agree
    expect(offsetAt(ny, 0)).toBe(offsetAt(ny, 0));
  });

  it('maps local wall time to UTC across DST in both directions', () => {
    const ny = resolveTimeZone('America/New_York');
    expect(localToUtcSeconds(ny, secs('2021-03-14T01:30:00Z'))).toBe(secs('2021-03-14T06:30:00Z'));
    expect(localToUtcSeconds(ny, secs('2021-03-14T03:30:00Z'))).toBe(secs('2021-03-14T07:30:00Z'));
    expect(() => localToUtcSeconds(ny, secs('2021-03-14T02:30:00Z'))).toThrow('no possible date');
    expect(() => localToUtcSeconds(ny, secs('2021-11-07T01:30:00Z'))).toThrow('not enough');
    expect(localToUtcSeconds(ny, secs('2021-11-07T02:30:00Z'))).toBe(secs('2021-11-07T07:30:00Z'));
    // southern hemisphere: Sydney falls back in April, springs forward in October
    const syd = resolveTimeZone('Australia/Sydney');
    expect(() => localToUtcSeconds(syd, secs('2021-04-04T02:30:00Z'))).toThrow('not enough');
    expect(() => localToUtcSeconds(syd, secs('2021-10-03T02:30:00Z'))).toThrow('no possible date');
  });

  it('handles pre-1970 instants and historical offsets', () => {
    const ny = 'America/New_York';
    // ICU has no English abbreviation for 1969 New York time (it gives GMT-4), so %Z falls back to -04
    expect(formatTimestamp(parseRfc3339('1969-07-20T20:17:40Z'), '%F %T %z %Z', ny)).toBe(
      '1969-07-20 16:17:40 -0400 -04',
    );
    expect(toRfc3339(parseTimestamp('1969-07-20 16:17:40', '%F %T', ny))).toBe('1969-07-20T20:17:40Z');
    // before standard time New York used local mean time, -4:56:02
    expect(formatTimestamp(parseRfc3339('1850-01-01T00:00:00Z'), '%::z', ny)).toBe('-04:56:02');
    expect(toRfc3339(parseTimestamp('1850-01-01 00:00:00', '%F %T', ny))).toBe('1850-01-01T04:56:02Z');
  });
});
