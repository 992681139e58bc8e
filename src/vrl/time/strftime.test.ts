import { describe, expect, it } from 'vitest';
import { formatTimestamp, fromEpochSeconds, parseRfc3339, TimeFormatError } from './index.js';

const T = parseRfc3339('2021-07-04T12:34:56.123456789Z'); // a Sunday

describe('formatTimestamp: VRL documented examples', () => {
  const t = parseRfc3339('2021-02-10T23:32:00+00:00');
  it('format_timestamp', () => {
    expect(formatTimestamp(t, '%d %B %Y %H:%M')).toBe('10 February 2021 23:32');
  });
  it('format_timestamp with timezone', () => {
    expect(formatTimestamp(t, '%d %B %Y %H:%M', 'Europe/Berlin')).toBe('11 February 2021 00:32');
  });
  it('VRL unit cases: %s, %+, tz, local', () => {
    const ten = fromEpochSeconds(10);
    expect(formatTimestamp(ten, '%s')).toBe('10');
    expect(formatTimestamp(ten, '%+')).toBe('1970-01-01T00:00:10+00:00');
    expect(formatTimestamp(ten, '%+', 'Europe/Berlin')).toBe('1970-01-01T01:00:10+01:00');
    expect(formatTimestamp(ten, '%s', 'local')).toBe('10');
  });
  it('VRL errors', () => {
    expect(() => formatTimestamp(fromEpochSeconds(10), '%Q INVALID')).toThrow('invalid format');
    expect(() => formatTimestamp(fromEpochSeconds(10), '%+', 'llocal')).toThrow(
      'unable to parse timezone: llocal',
    );
  });
});

describe('formatTimestamp: every specifier', () => {
  const cases: Array<[string, string]> = [
    ['%Y', '2021'],
    ['%C', '20'],
    ['%y', '21'],
    ['%m', '07'],
    ['%b', 'Jul'],
    ['%h', 'Jul'],
    ['%B', 'July'],
    ['%d', '04'],
    ['%e', ' 4'],
    ['%a', 'Sun'],
    ['%A', 'Sunday'],
    ['%w', '0'],
    ['%u', '7'],
    ['%U', '27'],
    ['%W', '26'],
    ['%G', '2021'],
    ['%g', '21'],
    ['%V', '26'],
    ['%j', '185'],
    ['%D', '07/04/21'],
    ['%x', '07/04/21'],
    ['%F', '2021-07-04'],
    ['%v', ' 4-Jul-2021'],
    ['%H', '12'],
    ['%k', '12'],
    ['%I', '12'],
    ['%l', '12'],
    ['%P', 'pm'],
    ['%p', 'PM'],
    ['%M', '34'],
    ['%S', '56'],
    ['%f', '123456789'],
    ['%.f', '.123456789'],
    ['%.3f', '.123'],
    ['%.6f', '.123456'],
    ['%.9f', '.123456789'],
    ['%3f', '123'],
    ['%6f', '123456'],
    ['%9f', '123456789'],
    ['%R', '12:34'],
    ['%T', '12:34:56'],
    ['%X', '12:34:56'],
    ['%r', '12:34:56 PM'],
    ['%Z', 'UTC'],
    ['%z', '+0000'],
    ['%:z', '+00:00'],
    ['%::z', '+00:00:00'],
    ['%c', 'Sun Jul  4 12:34:56 2021'],
    ['%+', '2021-07-04T12:34:56.123456789+00:00'],
    ['%s', '1625402096'],
    ['%t', '\t'],
    ['%n', '\n'],
    ['%%', '%'],
    ['%-d', '4'],
    ['%_m', ' 7'],
    ['%0e', '04'],
    ['%-j', '185'],
    ['%_H', '12'],
    ['literal %Y!', 'literal 2021!'],
  ];
  it.each(cases)('%s', (format, expected) => {
    expect(formatTimestamp(T, format)).toBe(expected);
  });

  it('12-hour clock edges and padding', () => {
    const midnight = parseRfc3339('2021-01-02T00:05:09Z');
    expect(formatTimestamp(midnight, '%I %l %p %P %k %-H %e %-e %_d')).toBe('12 12 AM am  0 0  2 2  2');
    expect(formatTimestamp(parseRfc3339('2021-01-02T13:00:00Z'), '%I %-I %l')).toBe('01 1  1');
  });

  it('%.f uses 3/6/9 digits and nothing for whole seconds', () => {
    const s = parseRfc3339('2021-01-01T00:00:00Z');
    expect(formatTimestamp(s, '%S%.f')).toBe('00');
    expect(formatTimestamp(s + 120_000_000n, '%S%.f')).toBe('00.120');
    expect(formatTimestamp(s + 120_000n, '%S%.f')).toBe('00.000120');
    expect(formatTimestamp(s + 7n, '%S%.f|%f|%.3f')).toBe('00.000000007|000000007|.000');
  });

  it('week numbers around new year', () => {
    const jan1 = parseRfc3339('2021-01-01T00:00:00Z'); // Friday
    expect(formatTimestamp(jan1, '%U %W %V %G %g %j %u %w')).toBe('00 00 53 2020 20 001 5 5');
    const jan3 = parseRfc3339('2021-01-03T00:00:00Z'); // Sunday
    expect(formatTimestamp(jan3, '%U %W %V')).toBe('01 00 53');
    const jan4 = parseRfc3339('2021-01-04T00:00:00Z'); // Monday
    expect(formatTimestamp(jan4, '%U %W %V')).toBe('01 01 01');
  });

  it('leap years: ordinal and Feb 29', () => {
    expect(formatTimestamp(parseRfc3339('2020-12-31T00:00:00Z'), '%j')).toBe('366');
    expect(formatTimestamp(parseRfc3339('2020-02-29T00:00:00Z'), '%a %F %j')).toBe('Sat 2020-02-29 060');
  });

  it('pre-1970 and signed years', () => {
    expect(formatTimestamp(-1n, '%F %T%.f %s')).toBe('1969-12-31 23:59:59.999999999 -1');
    expect(formatTimestamp(fromEpochSeconds(-86_400 * 365), '%+ %a')).toBe('1969-01-01T00:00:00+00:00 Wed');
    const y0 = parseRfc3339('0000-06-01T00:00:00Z');
    expect(formatTimestamp(y0, '%Y %C %y')).toBe('0000 00 00');
    const bc = y0 - 366n * 86_400n * 1_000_000_000n;
    expect(formatTimestamp(bc, '%Y %C %y %-Y')).toBe('-0001 -1 99 -1');
    const big = parseRfc3339('9999-12-31T23:59:59Z') + 1_000_000_000n;
    expect(formatTimestamp(big, '%Y|%-Y|%F')).toBe('+10000|10000|+10000-01-01');
  });

  it('time zones: offsets, abbreviations and DST', () => {
    const summer = parseRfc3339('2021-07-04T12:00:00Z');
    const winter = parseRfc3339('2021-01-04T12:00:00Z');
    const ny = 'America/New_York';
    expect(formatTimestamp(summer, '%F %T %Z %z %:z', ny)).toBe('2021-07-04 08:00:00 EDT -0400 -04:00');
    expect(formatTimestamp(winter, '%F %T %Z %z %:z', ny)).toBe('2021-01-04 07:00:00 EST -0500 -05:00');
    expect(formatTimestamp(winter, '%Z %z', 'Europe/London')).toBe('GMT +0000');
    expect(formatTimestamp(winter, '%z %::z', 'Asia/Kolkata')).toBe('+0530 +05:30:00');
    expect(formatTimestamp(winter, '%H:%M %z', 'Asia/Kathmandu')).toBe('17:45 +0545');
    // spring forward: 06:59:59Z is 01:59:59 EST, 07:00:00Z is 03:00:00 EDT
    const sf = parseRfc3339('2021-03-14T07:00:00Z');
    expect(formatTimestamp(sf - 1_000_000_000n, '%T %Z', ny)).toBe('01:59:59 EST');
    expect(formatTimestamp(sf, '%T %Z', ny)).toBe('03:00:00 EDT');
    // fall back: 01:30 happens twice
    expect(formatTimestamp(parseRfc3339('2021-11-07T05:30:00Z'), '%T %z', ny)).toBe('01:30:00 -0400');
    expect(formatTimestamp(parseRfc3339('2021-11-07T06:30:00Z'), '%T %z', ny)).toBe('01:30:00 -0500');
  });

  it('rejects bad formats', () => {
    for (const bad of ['%', 'abc%', '%Q', '%-b', '%_Z', '%-D', '%4f', '%.2f', '%#z']) {
      expect(() => formatTimestamp(T, bad), bad).toThrow(TimeFormatError);
    }
    expect(() => formatTimestamp(T, '%Q')).toThrow('invalid format');
  });
});
