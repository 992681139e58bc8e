import { describe, expect, it } from 'vitest';
import { parse_csv } from './parse_csv.js';
import { callError, callFn, oracle, runOurs, toPlain } from './test-helpers/testing.js';

describe('parse_csv', () => {
  it('documented examples and upstream cases', () => {
    expect(toPlain(callFn(parse_csv, ['foo,bar,"foo "", bar"']))).toEqual(['foo', 'bar', 'foo ", bar']);
    expect(toPlain(callFn(parse_csv, ['foo bar', ' ']))).toEqual(['foo', 'bar']);
    expect(toPlain(callFn(parse_csv, ['foo']))).toEqual(['foo']);
    expect(toPlain(callFn(parse_csv, ['']))).toEqual([]);
    expect(toPlain(callFn(parse_csv, ['first,line\nsecond,line,with,more,fields']))).toEqual([
      'first',
      'line',
    ]);
    expect(callError(parse_csv, ['foo bar', ',,'])).toBe('delimiter must be a single character');
  });

  it('keeps invalid UTF-8 fields as bytes', () => {
    const out = callFn(parse_csv, [Uint8Array.from([0x66, 0x2c, 0x62, 0xff])]) as unknown[];
    expect(out[0]).toBe('f');
    expect(out[1]).toEqual(Uint8Array.from([0x62, 0xff]));
  });

  const cases: [string, string?][] = [
    ['\uFEFFa,b'],
    ['"a"b,c'],
    ['a,"b'],
    ['a, "b" ,c'],
    ['"a""b",c'],
    ['"a"\n'],
    ['a,,b,'],
    ['"",x'],
    ['"a\nb",c'],
    [','],
    ['\r\n'],
    ['\n\nx,y'],
    ['"a"  ,b'],
    ['a"b"c,d'],
    ['a;b;"c;d"', ';'],
    ['a\tb\t"c"', '\t'],
    ['2024-01-01,GET,/index.html,200,"Mozilla/5.0 (X11; Linux x86_64)"'],
    ['a,b', 'é'],
  ];
  for (const [value, delimiter] of cases) {
    it(`matches VRL on ${JSON.stringify([value, delimiter])}`, () => {
      const src = delimiter === undefined ? 'parse_csv!(.x)' : 'parse_csv!(.x, delimiter: .d)';
      let want: unknown;
      try {
        want = { ok: oracle().execute(src, { x: value, d: delimiter }).result };
      } catch (e) {
        want = { error: String(e).replace(/^[\s\S]*?: (?=[^:]*$)/, '') };
      }
      expect(runOurs(parse_csv, [value, delimiter])).toEqual(want);
    });
  }
});
