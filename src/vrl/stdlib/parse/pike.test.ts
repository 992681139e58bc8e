import { describe, expect, it } from 'vitest';
import { namedCaptures, pike, pikeVmOnly } from './pike.js';

describe('pike (linear-time regex for the fixed log patterns)', () => {
  const cases: [string, string][] = [
    ['^(?P<a>.*?)\\s+(?P<b>\\d+)?x$', 'hello world  12x'],
    ['(a|ab)(c|bcd)(?P<d>d*)', 'abcd'],
    ['(?P<x>a*?)(?P<y>a*)', 'aaa'],
    ['^(?P<w>\\w+) (?P<n>\\d{2,3})$', 'ünï 123'],
    ['(?P<q>[^"]*)"', 'abc"def"'],
    ['(?P<z>b+)', 'aaabbbccc'],
    ['^(-|(?P<h>.*?))\\s+(-|(?P<i>.*?))\\s+x$', '- a b x'],
    ['(?P<e>)', ''],
    ['^(?P<s>[\\s\\S]*?)$', 'line1\nline2'],
    ['(?P<dot>.+)', 'a\nb'],
  ];
  for (const [pattern, text] of cases) {
    it(`${pattern} on ${JSON.stringify(text)}: both engines agree with JavaScript's leftmost-first result`, () => {
      const js = new RegExp(
        pattern
          .replace(/\(\?P</g, '(?<')
          .replace(/\\w/g, '[\\p{L}\\p{N}_]')
          .replace(/\\d/g, '\\p{Nd}'),
        'u',
      ).exec(text);
      const want = js ? new Map(Object.entries(js.groups ?? {}).filter(([, v]) => v !== undefined)) : null;
      expect(namedCaptures(pike(pattern), text)).toEqual(want);
      expect(namedCaptures(pikeVmOnly(pattern), text)).toEqual(want);
    });
  }

  it('\\s is Unicode White_Space as in Rust (NEL included, BOM not)', () => {
    expect(pike('^a\\sb$').exec('a\u0085b')).not.toBeNull();
    expect(pike('^a\\sb$').exec('a\u3000b')).not.toBeNull();
    expect(pike('^a\\sb$').exec('a\ufeffb')).toBeNull();
  });

  it('rejects unsupported syntax', () => {
    expect(() => pike('(?=x)')).toThrow();
    expect(() => pike('\\bx')).toThrow();
  });

  it('stays linear on hostile input', () => {
    const r = pike('^\\s*(-|(?P<a>.*?))\\s+(-|(?P<b>.*?))\\s+(-|(?P<c>.*?))\\s+\\[(?P<t>[^\\]]*)\\]$');
    expect(r.exec('a '.repeat(50_000))).toBeNull();
    expect(pikeVmOnly('^(?P<a>.*?)\\s+(?P<b>.*?)\\s+x$').exec('a '.repeat(50_000))).toBeNull();
  });
});
