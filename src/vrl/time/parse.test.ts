import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  fromEpochSeconds,
  parseRfc3339,
  parseTimestamp,
  TimeFormatError,
  toRfc3339,
} from './index.js';

const p = (text: string, format: string, tz?: string): string => toRfc3339(parseTimestamp(text, format, tz));

function errorOf(fn: () => unknown): TimeFormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TimeFormatError) return e;
    throw e;
  }
  throw new Error('expected a TimeFormatError');
}

describe('parseTimestamp: VRL documented examples and unit cases', () => {
  it('parse_timestamp examples', () => {
    expect(p('10-Oct-2020 16:00+00:00', '%v %R %:z')).toBe('2020-10-10T16:00:00Z');
    expect(p('16/10/2019 12:00:00', '%d/%m/%Y %H:%M:%S', 'Asia/Taipei')).toBe('2019-10-16T04:00:00Z');
    expect(p('16/10/2019 12:00:00', '%d/%m/%Y %H:%M:%S', 'Europe/Paris')).toBe('2019-10-16T10:00:00Z');
  });
  it('offset in the text', () => {
    expect(p('16/10/2019:12:00:00 +0000', '%d/%m/%Y:%H:%M:%S %z')).toBe('2019-10-16T12:00:00Z');
  });
  it('timezone argument, with and without DST', () => {
    expect(p('16/10/2019:12:00:00', '%d/%m/%Y:%H:%M:%S', 'Europe/Paris')).toBe('2019-10-16T10:00:00Z');
    expect(p('31/12/2019:12:00:00', '%d/%m/%Y:%H:%M:%S', 'Europe/Paris')).toBe('2019-12-31T11:00:00Z');
  });
  it('parsed offset wins over the timezone argument', () => {
    expect(p('2019-10-16 12:00:00 +0200', '%F %T %z', 'America/New_York')).toBe('2019-10-16T10:00:00Z');
  });
  it('unknown timezone', () => {
    expect(() => parseTimestamp('16/10/2019:12:00:00', '%d/%m/%Y:%H:%M:%S', 'Europe/Pariss')).toThrow(
      'unable to parse timezone: Europe/Pariss',
    );
    expect(errorOf(() => parseTimestamp('x', '%s', '+01:00')).kind).toBe('timezone');
  });
  it('local is UTC', () => {
    expect(p('2019-10-16 12:00:00', '%F %T', 'local')).toBe('2019-10-16T12:00:00Z');
  });
});

describe('parseTimestamp: chrono rules', () => {
  it('%z accepts +hhmm and +hh:mm; %:z too; %#z allows missing minutes and Z', () => {
    expect(p('2020-01-01 00:00 +0100', '%F %R %z')).toBe('2019-12-31T23:00:00Z');
    expect(p('2020-01-01 00:00 +01:00', '%F %R %z')).toBe('2019-12-31T23:00:00Z');
    expect(p('2020-01-01 00:00 -01:30', '%F %R %:z')).toBe('2020-01-01T01:30:00Z');
    expect(p('2020-01-01 00:00 +01', '%F %R %#z')).toBe('2019-12-31T23:00:00Z');
    expect(p('2020-01-01 00:00 Z', '%F %R %#z')).toBe('2020-01-01T00:00:00Z');
    expect(p('2020-01-01 00:00 +01:00:00', '%F %R %::z')).toBe('2019-12-31T23:00:00Z');
  });
  it('%+ is relaxed RFC 3339', () => {
    expect(p('2021-02-10T23:32:00Z', '%+')).toBe('2021-02-10T23:32:00Z');
    expect(p('2021-02-10 23:32:00.5+01:00', '%+')).toBe('2021-02-10T22:32:00.500Z');
    expect(p('2021-02-10T23:32:00.123456789-0500', '%+')).toBe('2021-02-11T04:32:00.123456789Z');
  });
  it('%s epoch seconds, with fraction and negatives', () => {
    expect(p('1609459200', '%s')).toBe('2021-01-01T00:00:00Z');
    expect(p('1609459200.25', '%s%.f')).toBe('2021-01-01T00:00:00.250Z');
    expect(p('-1', '%s')).toBe('1969-12-31T23:59:59Z');
    expect(p('1609459200 2021', '%s %Y')).toBe('2021-01-01T00:00:00Z');
    expect(() => parseTimestamp('1609459200 2020', '%s %Y')).toThrow(
      'no possible date and time matching input',
    );
  });
  it('names are case-insensitive; %A/%B take short or long, %a/%b only short', () => {
    expect(p('sunday 04 JULY 2021 10:00', '%A %d %B %Y %R')).toBe('2021-07-04T10:00:00Z');
    expect(p('SUN 04 jul 2021 10:00', '%a %d %b %Y %R')).toBe('2021-07-04T10:00:00Z');
    expect(() => parseTimestamp('Sunday 04 Jul 2021 10:00', '%a %d %b %Y %R')).toThrow(
      'input contains invalid',
    );
    expect(() => parseTimestamp('July', '%b')).toThrow('trailing input');
    expect(() => parseTimestamp('Ju', '%b')).toThrow('premature end of input');
    expect(() => parseTimestamp('Jux', '%B')).toThrow('input contains invalid');
    expect(p('Sun 04 Jul 2021 10:00', '%A %d %B %Y %R')).toBe('2021-07-04T10:00:00Z');
    expect(() => parseTimestamp('Mon 04 Jul 2021 10:00', '%a %d %b %Y %R')).toThrow('no possible date');
  });
  it('12-hour clock needs %p', () => {
    expect(p('2021-07-04 12:05 am', '%F %I:%M %p')).toBe('2021-07-04T00:05:00Z');
    expect(p('2021-07-04 12:05 PM', '%F %I:%M %P')).toBe('2021-07-04T12:05:00Z');
    expect(p('2021-07-04 01:05:09 PM', '%F %r')).toBe('2021-07-04T13:05:09Z');
    expect(() => parseTimestamp('2021-07-04 01:05', '%F %I:%M')).toThrow('input is not enough');
  });
  it('whitespace and padding', () => {
    expect(p('2021-07-04    1:05', '%F %H:%M')).toBe('2021-07-04T01:05:00Z');
    expect(p(' 4-Jul-2021 1:5', '%v %k:%M')).toBe('2021-07-04T01:05:00Z');
    expect(p('2021-7-4 1:05', '%Y-%-m-%-d %_H:%M')).toBe('2021-07-04T01:05:00Z');
  });
  it('%y, %C, ordinals and week-based dates', () => {
    expect(p('69-01-01 00:00', '%y-%m-%d %R')).toBe('2069-01-01T00:00:00Z');
    expect(p('70-01-01 00:00', '%y-%m-%d %R')).toBe('1970-01-01T00:00:00Z');
    expect(p('19 99-12-31 00:00', '%C %y-%m-%d %R')).toBe('1999-12-31T00:00:00Z');
    expect(p('2020 366 00:00', '%Y %j %R')).toBe('2020-12-31T00:00:00Z');
    expect(p('2020-W53-7 00:00', '%G-W%V-%u %R')).toBe('2021-01-03T00:00:00Z');
    expect(p('2021 00 5 00:00', '%Y %U %w %R')).toBe('2021-01-01T00:00:00Z');
    expect(p('2021 01 Mon 00:00', '%Y %W %a %R')).toBe('2021-01-04T00:00:00Z');
  });
  it('fixed-width fractions', () => {
    expect(p('2021-01-01 00:00:00.123', '%F %T%.3f')).toBe('2021-01-01T00:00:00.123Z');
    expect(p('2021-01-01 00:00:00 123456', '%F %T %6f')).toBe('2021-01-01T00:00:00.123456Z');
    expect(p('2021-01-01 00:00:00 000000001', '%F %T %f')).toBe('2021-01-01T00:00:00.000000001Z');
    expect(p('2021-01-01 00:00:00', '%F %T%.f')).toBe('2021-01-01T00:00:00Z');
    expect(() => parseTimestamp('2021-01-01 00:00:00 12', '%F %T %3f')).toThrow('premature end of input');
  });
  it('%Z skips a name but a zone format still needs an offset', () => {
    expect(p('Sun Jul 04 10:00:00 +0000 2021', '%a %b %d %T %z %Y')).toBe('2021-07-04T10:00:00Z');
    expect(() => parseTimestamp('Sun Jul 04 10:00:00 UTC 2021', '%a %b %d %T %Z %Y')).toThrow(
      'input is not enough for unique date and time',
    );
  });
  it('leap seconds fold forward', () => {
    expect(p('2016-12-31 23:59:60', '%F %T')).toBe('2017-01-01T00:00:00Z');
  });
});

describe('parseTimestamp: DST in America/New_York', () => {
  const ny = 'America/New_York';
  it('ordinary wall times', () => {
    expect(p('2021-07-04 08:00:00', '%F %T', ny)).toBe('2021-07-04T12:00:00Z');
    expect(p('2021-01-04 07:00:00', '%F %T', ny)).toBe('2021-01-04T12:00:00Z');
  });
  it('spring forward: 02:xx does not exist', () => {
    expect(p('2021-03-14 01:59:59', '%F %T', ny)).toBe('2021-03-14T06:59:59Z');
    expect(() => parseTimestamp('2021-03-14 02:30:00', '%F %T', ny)).toThrow(
      'Invalid timestamp "2021-03-14 02:30:00": no possible date and time matching input',
    );
    expect(p('2021-03-14 03:00:00', '%F %T', ny)).toBe('2021-03-14T07:00:00Z');
  });
  it('fall back: 01:xx is ambiguous, chrono refuses to guess', () => {
    expect(p('2021-11-07 00:59:59', '%F %T', ny)).toBe('2021-11-07T04:59:59Z');
    expect(errorOf(() => parseTimestamp('2021-11-07 01:30:00', '%F %T', ny)).parseKind).toBe('NotEnough');
    expect(p('2021-11-07 02:00:00', '%F %T', ny)).toBe('2021-11-07T07:00:00Z');
    expect(p('2021-11-07 01:30:00 -0400', '%F %T %z', ny)).toBe('2021-11-07T05:30:00Z');
    expect(p('2021-11-07 01:30:00 -0500', '%F %T %z', ny)).toBe('2021-11-07T06:30:00Z');
  });
});

describe('parseTimestamp: invalid inputs', () => {
  const cases: Array<[string, string, string]> = [
    ['2020-10-10', '%Y-%m-%d', 'input is not enough for unique date and time'],
    ['10:00', '%R', 'input is not enough for unique date and time'],
    ['2020-10-10 10', '%F %H', 'input is not enough for unique date and time'],
    ['2021-02-29 00:00', '%F %R', 'input is out of range'],
    ['2021-13-01 00:00', '%F %R', 'input is out of range'],
    ['2021-01-01 24:00', '%F %R', 'input is out of range'],
    ['2021 366 00:00', '%Y %j %R', 'input is out of range'],
    ['2021-01-x1 00:00', '%F %R', 'input contains invalid characters'],
    ['2021-01-01', '%F %R', 'premature end of input'],
    ['2021-01-01 00:00 extra', '%F %R', 'trailing input'],
    ['2021-01-01 00:00', '%F %Q', 'bad or unsupported format string'],
    ['2021-01-01 00:00 +2400', '%F %R %z', 'input is out of range'],
    ['2021-01-01 00:00 0100', '%F %R %z', 'input contains invalid characters'],
    ['2021-01-01 00:00', '%F %R %z', 'premature end of input'],
    ['2021-01-01 12:00 xm', '%F %I:%M %p', 'input contains invalid characters'],
    ['2021-W54-1 00:00', '%G-W%V-%u %R', 'input is out of range'],
    ['2021-W53-1 00:00', '%G-W%V-%u %R', 'input is out of range'],
    ['', '%s', 'premature end of input'],
  ];
  it.each(cases)('%j with %j', (text, format, message) => {
    const e = errorOf(() => parseTimestamp(text, format));
    expect(e.kind).toBe('parse');
    expect(e.message).toBe(`Invalid timestamp ${JSON.stringify(text)}: ${message}`);
  });
});

describe('round trips: format then parse', () => {
  const instants = [
    parseRfc3339('2021-07-04T12:34:56.123456789Z'),
    parseRfc3339('2020-02-29T00:00:00Z'),
    parseRfc3339('2000-12-31T23:59:59.5Z'),
    parseRfc3339('1969-12-31T23:59:59.999999999Z'),
    parseRfc3339('1900-03-01T06:07:08.000001Z'),
    parseRfc3339('0001-01-01T00:00:00Z'),
    fromEpochSeconds(0),
    parseRfc3339('2021-01-03T11:00:00Z'),
  ];
  const lossless = [
    '%+',
    '%F %T%.f %z',
    '%Y-%m-%d %H:%M:%S%.9f %:z',
    '%Y-%m-%d %H:%M:%S %f',
    '%Y%m%d%H%M%S%9f',
    '%C%y %j %T%.f',
    '%G-W%V-%u %T%.f',
    '%Y %U %w %T%.f',
    '%Y %W %a %T%.f',
    '%A %d %B %Y %I:%M:%S %p%.f',
    '%a %h %e %r %Y%.f',
    '%v %k:%M:%S%.f %:z',
    '%c%.f',
    '%s%.f',
    '%s %9f',
    '%Y-%m-%dT%H:%M:%S%.f%%%t%n%::z',
  ];
  for (const fmt of lossless) {
    it(fmt, () => {
      for (const ns of instants) {
        const text = formatTimestamp(ns, fmt);
        expect(parseTimestamp(text, fmt), `${fmt} -> ${JSON.stringify(text)}`).toBe(ns);
      }
    });
  }
  it('truncating formats', () => {
    const ns = instants[0] as bigint;
    expect(parseTimestamp(formatTimestamp(ns, '%F %T%.3f'), '%F %T%.3f')).toBe(ns - 456_789n);
    expect(parseTimestamp(formatTimestamp(ns, '%F %T %6f'), '%F %T %6f')).toBe(ns - 789n);
    expect(parseTimestamp(formatTimestamp(ns, '%D %R'), '%D %R')).toBe(parseRfc3339('2021-07-04T12:34:00Z'));
    expect(parseTimestamp(formatTimestamp(ns, '%x %X'), '%x %X')).toBe(parseRfc3339('2021-07-04T12:34:56Z'));
  });
  it('in a zone, every hour across both 2021 transitions (except ambiguous ones)', () => {
    const ny = 'America/New_York';
    for (const start of ['2021-03-13T00:00:00Z', '2021-11-06T00:00:00Z']) {
      for (let h = 0; h < 72; h++) {
        const ns = parseRfc3339(start) + BigInt(h) * 3_600_000_000_000n + 7n;
        const withOffset = formatTimestamp(ns, '%F %T%.f %z', ny);
        expect(parseTimestamp(withOffset, '%F %T%.f %z')).toBe(ns);
        const wall = formatTimestamp(ns, '%F %T%.f', ny);
        if (!wall.includes('2021-11-07 01:')) expect(parseTimestamp(wall, '%F %T%.f', ny)).toBe(ns);
      }
    }
  });
});
