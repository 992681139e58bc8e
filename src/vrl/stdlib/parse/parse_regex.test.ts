import { describe, expect, it } from 'vitest';
import { compileRustRegex } from '../../regex/index.js';
import { VrlRegex } from '../../value/value.js';
import { parse_regex } from './parse_regex.js';
import { parse_regex_all } from './parse_regex_all.js';
import { callError, callFn, runOracle, runOurs, toPlain, vrlString } from './test-helpers/testing.js';

const rx = (pattern: string): VrlRegex => new VrlRegex(pattern, compileRustRegex(pattern));

describe('parse_regex', () => {
  it('documented examples', () => {
    expect(
      toPlain(callFn(parse_regex, ['first group and second group.', rx('(?P<number>.*?) group')])),
    ).toEqual({
      number: 'first',
    });
    expect(toPlain(callFn(parse_regex, ['first group and second group.', rx('(\\w+) group'), true]))).toEqual(
      {
        0: 'first group',
        1: 'first',
      },
    );
    expect(
      toPlain(callFn(parse_regex, ['8.7.6.5 - zorp', rx('^(?P<host>[\\w\\.]+) - (?P<user>[\\w]+)'), true])),
    ).toEqual({ 0: '8.7.6.5 - zorp', 1: '8.7.6.5', 2: 'zorp', host: '8.7.6.5', user: 'zorp' });
  });

  it('fails without a match', () => {
    expect(callError(parse_regex, ['abc', rx('\\d+')])).toBe('could not find any pattern matches');
  });

  it('types the result from a constant regex', () => {
    const impl = parse_regex.compile(
      [
        { kind: undefined as never, span: [0, 0] as never },
        { kind: undefined as never, constant: { value: rx('(?P<a>x)(y)?') }, span: [0, 0] as never },
        undefined,
      ],
      { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() },
    );
    expect([...impl.kind.object!.known.keys()].sort()).toEqual(['0', '1', '2', 'a']);
    expect(impl.fallible).toBe(true);
  });

  const cases: [string, string, boolean?][] = [
    ['a1b2c3', '(?P<l>[a-z])(?P<d>\\d)?', true],
    ['xyz', '(a)?(?P<n>x)(b)?(y)', true],
    ['xyz', '(?P<missing>q)?x'],
    [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326',
      '^(?P<ip>\\S+) \\S+ (?P<user>\\S+) \\[(?P<ts>[^\\]]+)\\] "(?P<req>[^"]*)" (?P<status>\\d+) (?P<size>\\d+)$',
    ],
    ['ünïcödé 42', '(?P<w>\\w+) (?P<n>\\d+)', true],
  ];
  for (const [value, pattern, numeric] of cases) {
    it(`matches VRL on ${JSON.stringify([value, pattern, numeric])}`, () => {
      const src = `parse_regex!(${vrlString(value)}, r'${pattern}'${numeric ? ', numeric_groups: true' : ''})`;
      expect(runOurs(parse_regex, [value, rx(pattern), numeric])).toEqual(runOracle(src));
      const srcAll = `parse_regex_all!(${vrlString(value)}, r'${pattern}'${numeric ? ', numeric_groups: true' : ''})`;
      expect(runOurs(parse_regex_all, [value, rx(pattern), numeric])).toEqual(runOracle(srcAll));
    });
  }
});

it('parse_regex completes on a 100 KB non-matching line', () => {
  expect(callError(parse_regex, ['a'.repeat(100_000), rx('^(?P<k>\\w+)=(?P<v>\\d+)$')])).toBe(
    'could not find any pattern matches',
  );
});

describe('parse_regex_all', () => {
  it('documented examples', () => {
    expect(
      toPlain(
        callFn(parse_regex_all, [
          'apples and carrots, peaches and peas',
          rx('(?P<fruit>[\\w\\.]+) and (?P<veg>[\\w]+)'),
        ]),
      ),
    ).toEqual([
      { fruit: 'apples', veg: 'carrots' },
      { fruit: 'peaches', veg: 'peas' },
    ]);
  });

  const empties: [string, string][] = [
    ['baaac', 'a*'],
    ['abc', ''],
    ['a,b,,c', '[^,]*'],
    ['😀x😀', 'x?'],
  ];
  for (const [value, pattern] of empties) {
    it(`handles empty matches like Rust: ${JSON.stringify([value, pattern])}`, () => {
      const src = `parse_regex_all!(${vrlString(value)}, r'${pattern}', numeric_groups: true)`;
      expect(runOurs(parse_regex_all, [value, rx(pattern), true])).toEqual(runOracle(src));
    });
  }
});
