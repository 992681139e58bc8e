import { describe, expect, it } from 'vitest';
import {
  clearRustRegexCache,
  compileRustRegex,
  RegexSyntaxError,
  rustRegexCacheSize,
  translateRustRegex,
} from './index.js';

function js(pattern: string, flags?: string, octal = false): RegExp {
  const t = translateRustRegex(pattern, flags, { octal });
  return new RegExp(t.source, t.flags);
}

/** First match of the translated pattern, or null. */
function find(pattern: string, input: string, flags?: string): string | null {
  return js(pattern, flags).exec(input)?.[0] ?? null;
}

/** Start offsets of every match (empty matches included), like Rust's `find_iter`. */
function offsets(pattern: string, input: string): number[] {
  const t = translateRustRegex(pattern);
  return [...input.matchAll(new RegExp(t.source, t.flags + 'g'))].map((m) => m.index);
}

function rejects(pattern: string, fragment: string, flags?: string): RegexSyntaxError {
  let caught: unknown;
  try {
    translateRustRegex(pattern, flags);
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${JSON.stringify(pattern)} to be rejected`).toBeInstanceOf(RegexSyntaxError);
  expect((caught as Error).message).toContain(fragment);
  return caught as RegexSyntaxError;
}

// [pattern, input, expected first match (null = no match), Rust flags]
type Row = [string, string, string | null, string?];

const rows: Record<string, Row[]> = {
  'literals and dot': [
    ['abc', 'xabcx', 'abc'],
    ['a.c', 'a\nc', null],
    ['a.c', 'a\rc', 'a\rc'], // JavaScript's `.` would refuse \r, \u2028, \u2029
    ['a.c', 'a\u2028c', 'a\u2028c'],
    ['(?s)a.c', 'a\nc', 'a\nc'],
    ['a.c', 'a\nc', 'a\nc', 's'],
    ['(?R)a.c', 'a\rc', null],
    ['.', '😀', '😀'],
    ['😀+', '😀😀x', '😀😀'],
    ['[😀-😂]', 'x😁', '😁'],
    ['', 'abc', ''],
  ],
  escapes: [
    ['\\x41\\x{1F600}\\u0042\\U00000043\\u{44}\\U{45}', 'A😀BCDE', 'A😀BCDE'],
    ['\\t\\n\\r\\f\\v\\a', '\t\n\r\f\v\x07', '\t\n\r\f\v\x07'],
    ['\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$\\#\\&\\-\\~\\\\', '.+*?()|[]{}^$#&-~\\', '.+*?()|[]{}^$#&-~\\'],
    ['\\%\\!\\ \\/\\@\\,', '%! /@,', '%! /@,'],
    ['a/b', 'a/b', 'a/b'],
  ],
  'perl classes (Unicode unless (?-u))': [
    ['\\d+', 'x٣٤5', '٣٤5'],
    ['(?-u)\\d+', '٣٤5', '5'],
    ['\\w+', ' héllo_1 ', 'héllo_1'],
    ['(?-u)\\w+', 'héllo', 'h'],
    ['\\s', 'a\u0085b', '\u0085'], // NEL is White_Space
    ['\\s', 'a\uFEFFb', null], // JavaScript's \s would match U+FEFF
    ['(?-u)\\s', '\u00A0', null],
    ['\\D+', '12ab3', 'ab'],
    ['\\W+', 'ab, cd', ', '],
    ['\\S+', '  xy ', 'xy'],
  ],
  'anchors and multi-line': [
    ['^b$', 'a\nb', null],
    ['a$', 'a\n', null], // Rust's $ never matches before a trailing newline
    ['(?m)^b$', 'a\nb\nc', 'b'],
    ['(?m)^b$', 'a\rb\r', null], // only \n ends a line
    ['(?mR)^b$', 'a\r\nb\r\n', 'b'],
    ['\\Aab', 'ab', 'ab'],
    ['(?m)\\Ab', 'a\nb', null],
    ['(?m)a\\z', 'a\nb', null],
    ['(?m)a\\z', 'ba', 'a'],
    ['^*a', 'a', 'a'],
  ],
  'word boundaries': [
    ['\\bé', ' é', 'é'], // é is a word character in Rust
    ['é\\b', 'éa', null],
    ['\\Bb', 'ab', 'b'],
    ['\\Bb', ' b', null],
    ['(?-u)\\bx', 'éx', 'x'],
    ['\\<foo\\>', 'a foo b', 'foo'],
    ['\\<foo', 'afoo', null],
    ['x\\b{end}', 'x!', 'x'],
    ['x\\b{end}', 'xy', null],
    ['\\b{start}y', 'x y', 'y'],
    ['\\b{start-half}x', '.x', 'x'],
    ['x\\b{end-half}', 'x', 'x'],
  ],
  'Unicode properties': [
    ['\\pL+', 'abc1', 'abc'],
    ['\\p{Greek}+', 'abc αβγ', 'αβγ'],
    ['\\PL+', 'ab12cd', '12'],
    ['\\p{Script=Latin}+', 'αab', 'ab'],
    ['\\p{sc=Grek}', 'aα', 'α'],
    ['\\p{scx:Greek}', 'aα', 'α'],
    ['\\p{Uppercase_Letter}+', 'abCD', 'CD'],
    ['\\p{gc=Nd}+', 'a42', '42'],
    ['\\p{greek}', 'aα', 'α'], // loose matching
    ['\\p{Is_Greek}', 'aα', 'α'],
    ['\\p{Old Italic}', 'a\u{10300}', '\u{10300}'],
    ['\\p{White_Space}', 'a\tb', '\t'],
    ['\\p{sc!=Latin}+', 'abα', 'α'],
    ['[\\p{Greek}\\d]+', 'xα1β', 'α1β'],
  ],
  'ASCII classes and brackets': [
    ['[[:alpha:]]+', '1ab1', 'ab'],
    ['[[:^digit:]]+', '12ab', 'ab'],
    ['[[:punct:]]+', 'a!?]b', '!?]'],
    ['[[:xdigit:][:space:]]+', 'g f0\vz', ' f0\v'],
    ['[]a]+', 'x]a]', ']a]'],
    ['[^]a]+', ']xy', 'xy'],
    ['[a-]+', 'x-a-', '-a-'],
    ['[\\[\\]]+', 'x[]', '[]'],
    ['[a&b~]+', 'x&~', '&~'],
    ['[^\\d\\s]+', '12ab 3', 'ab'],
  ],
  'class set operations': [
    ['[a-z&&[^aeiou]]+', 'aebcd', 'bcd'],
    ['[0-9--4]+', '1234', '123'],
    ['[a-g~~b-h]+', 'ahb', 'ah'],
    ['[\\W\\d]+', 'ab1!c', '1!'],
    ['[x[^xyz]]', 'y', null],
    ['[x[^xyz]]+', 'yxa', 'xa'],
    ['[\\pL--\\p{Greek}&&\\p{Lu}]+', 'αΑaBC', 'BC'],
  ],
  repetition: [
    ['a{3}', 'aaaa', 'aaa'],
    ['a{2,}', 'aaaa', 'aaaa'],
    ['a{1,2}', 'aaa', 'aa'],
    ['a{1,2}?', 'aaa', 'a'],
    ['a+?', 'aaa', 'a'],
    ['(?U)a+', 'aaa', 'a'],
    ['(?U)a+?', 'aaa', 'aaa'],
    ['(?U:a*)a*', 'aaa', 'aaa'],
    ['(?:ab)+', 'ababa', 'abab'],
    ['\\b+x', 'x', 'x'],
  ],
  'verbose mode': [
    ['(?x) a b c # comment\n d', 'abcd', 'abcd'],
    ['(?x)[a b]+', 'x ab', 'ab'],
    ['(?x)a\\ b', 'a b', 'a b'],
    ['(?x: a b )c d', 'abc d', 'abc d'],
    ['(?x)a {2}', 'aa', 'aa'],
    ['a #b', 'a #b', 'a #b'], // without x, space and # are literals
  ],
  'case-insensitivity': [
    ['(?i)hello', 'HeLLo', 'HeLLo'],
    ['hello', 'HeLLo', 'HeLLo', 'i'],
    ['a(?i)b', 'aB', 'aB'],
    ['a(?i)b', 'AB', null],
    ['(?i:a)b', 'AB', null],
    ['(?i)k', '\u212A', '\u212A'], // Kelvin sign folds to k
    ['x(?i:k)', 'x\u212A', 'x\u212A'],
    ['x(?i:s)', 'xſ', 'xſ'],
    ['x(?i:i)', 'xı', null], // dotless ı folds to i only under Turkic rules, which Rust does not use
    ['(?i)i', 'ı', null],
    ['(?i-u)k', '\u212A', null],
    ['(?i-u)k', 'K', 'K'],
    ['(?i)[a-c]x(?-i)y', 'BXy', 'BXy'],
    ['(?i)[a-c]x(?-i)y', 'BXY', null],
    ['a(?i)[^a]', 'aA', null],
    ['(?i)a|b', 'B', 'B'], // a flag holds to the end of its group, across `|`
    ['(a(?i)b)c', 'aBC', null],
    ['(?i)[a-z&&[^b]]', 'B', null],
    ['(?i)\\p{Lu}', 'a', 'a'],
    ['x(?i:\\p{Lu})', 'xa', 'xa'],
    ['x(?i:[[:upper:]])', 'xa', 'xa'],
  ],
  alternation: [
    ['a|', 'b', ''],
    ['(|a)b', 'ab', 'ab'],
    ['cat|dog', 'hotdog', 'dog'],
  ],
};

describe('translateRustRegex: behaviour', () => {
  for (const [group, table] of Object.entries(rows)) {
    describe(group, () => {
      const withFlags = table.map(([p, i, e, f]) => [p, i, e, f ?? ''] as const);
      it.each(withFlags)('%j on %j → %j (flags %j)', (pattern, input, expected, flags) => {
        expect(find(pattern, input, flags)).toBe(expected);
      });
    });
  }

  it('CRLF mode: $ matches before \\r and at the end, never between \\r and \\n', () => {
    expect(offsets('(?mR)$', 'a\r\nb')).toEqual([1, 4]);
    expect(offsets('(?m)$', 'a\r\nb')).toEqual([2, 4]);
    expect(offsets('(?mR)^', 'a\r\nb\rc')).toEqual([0, 3, 5]);
  });

  it('octal escapes only when enabled', () => {
    expect(js('\\141', undefined, true).test('a')).toBe(true);
    rejects('\\141', 'backreferences are not supported');
  });
});

describe('translateRustRegex: captures', () => {
  it('maps (?P<name>) and (?<name>) to JavaScript named groups', () => {
    const t = translateRustRegex('(?P<year>\\d{4})-(?<month>\\d{2})');
    expect(t.groupNames).toEqual(['year', 'month']);
    expect(t.captureNames).toEqual([null, 'year', 'month']);
    expect(new RegExp(t.source, t.flags).exec('on 2024-05')?.groups).toEqual({ year: '2024', month: '05' });
  });

  it('keeps numbering with unnamed, non-capturing and flag groups', () => {
    const t = translateRustRegex('(a)(?:b)(?i:c)(?P<d>d)(e)');
    expect(t.captureNames).toEqual([null, null, 'd', null]);
    const m = new RegExp(t.source, t.flags).exec('abCde');
    expect([m?.[1], m?.[2], m?.[3]]).toEqual(['a', 'd', 'e']);
  });

  it('Rust names JavaScript cannot spell become plain groups, still listed by number', () => {
    const t = translateRustRegex('(?P<a.b>x)(?P<c[0]>y)');
    expect(t.captureNames).toEqual([null, 'a.b', 'c[0]']);
    expect(new RegExp(t.source, t.flags).exec('xy')?.slice(1)).toEqual(['x', 'y']);
  });
});

describe('translateRustRegex: output shape', () => {
  it.each([
    ['abc', 'u'],
    ['(?i)abc', 'iu'],
    ['a(?i)b', 'u'],
    ['(?m)^a$', 'u'],
    ['[a-z&&[^x]]', 'v'],
    ['(?i)[\\w--\\d]', 'v'], // Unicode \w is closed under case folding: no `i` needed
    ['(?i)[a-z--x]', 'iv'],
  ])('%j uses flags %j (never m, always u or v)', (pattern, flags) => {
    expect(translateRustRegex(pattern).flags).toBe(flags);
  });

  it('applies the flags argument as a leading flag group', () => {
    expect(js('a.b', 'is').test('A\nB')).toBe(true);
    rejects('a', 'invalid flags argument', 'q');
  });
});

describe('translateRustRegex: rejections', () => {
  it.each([
    ['(?=a)', 'look-around'],
    ['(?!a)', 'look-around'],
    ['(?<=a)b', 'look-around'],
    ['(?<!a)b', 'look-around'],
    ['(a)\\1', 'backreferences are not supported'],
    ['\\0', 'backreferences are not supported'],
    ['(?P<n>a)(?P=n)', 'backreferences are not supported'],
    ['(?P>n)', 'recursion'],
    ['\\K', 'unrecognized escape'],
    ['\\Z', 'unrecognized escape'],
    ['\\', 'incomplete escape'],
    ['a)', 'unopened group'],
    ['(a', 'unclosed group'],
    ['[a', 'unclosed character class'],
    ['[]', 'unclosed character class'],
    ['a{2', 'unclosed counted repetition'],
    ['a{3,2}', 'invalid repetition range'],
    ['a{x}', 'invalid counted repetition'],
    ['*a', 'repetition operator missing expression'],
    ['a|*', 'repetition operator missing expression'],
    ['(?i)*', 'repetition operator missing expression'],
    ['[z-a]', 'invalid range'],
    ['[\\d-z]', 'invalid range'],
    ['(?P<>a)', 'empty capture group name'],
    ['(?P<1a>x)', 'invalid capture group name'],
    ['(?P<n>a)(?<n>b)', 'duplicate capture group name'],
    ['(?P<n', 'unclosed capture group name'],
    ['(?)', 'empty flag group'],
    ['(?z)', 'unrecognized flag'],
    ['(?ii)', 'duplicate flag'],
    ['(?i-)', 'expected a flag after "-"'],
    ['(?--i)', 'repeated negation'],
    ['\\p{Foo}', 'unknown or unsupported Unicode property'],
    ['\\p{Age=3.0}', 'unknown or unsupported Unicode property'],
    ['\\pX', 'unknown or unsupported Unicode property'],
    ['\\p{Greek', 'unclosed Unicode class'],
    ['\\x{110000}', 'not a Unicode scalar value'],
    ['\\x{D800}', 'not a Unicode scalar value'],
    ['\\xG1', 'invalid hex escape'],
    ['\\x{}', 'empty hex escape'],
    ['\\u12', 'needs exactly 4 digits'],
    ['(?-u).', 'invalid UTF-8'],
    ['(?-u)\\W', 'invalid UTF-8'],
    ['(?-u)[^a]', 'invalid UTF-8'],
    ['(?-u)\\xFF', 'invalid UTF-8'],
    ['(?-u)[[:^alpha:]]', 'invalid UTF-8'],
    ['(?-u)\\pL', 'not allowed with Unicode mode disabled'],
    ['[[:foo:]]', 'unrecognized ASCII class'],
    ['[\\b]', 'not valid in a character class'],
    ['[\\A]', 'not valid in a character class'],
    ['\\b{middle}', 'unrecognized word boundary'],
    ['a\uD800', 'lone UTF-16 surrogate'],
  ])('%j → %j', (pattern, fragment) => {
    rejects(pattern, fragment);
  });

  it('reports where the problem is', () => {
    expect(rejects('ab(?=c)', 'look-around').offset).toBe(2);
    expect(rejects('x(a', 'unclosed group').offset).toBe(1);
    expect(rejects('(?i-z)', 'unrecognized flag').offset).toBe(4);
    expect(rejects('ab\\q', 'unrecognized escape').message).toContain('offset 2');
  });
});

describe('compileRustRegex', () => {
  it('returns a working RegExp with capture names', () => {
    const c = compileRustRegex('(?P<k>\\w+)=(?P<v>\\w+)');
    expect(c.regex.exec('a=b')?.groups).toEqual({ k: 'a', v: 'b' });
    expect(c.groupNames).toEqual(['k', 'v']);
    expect(c.captureNames).toEqual([null, 'k', 'v']);
  });

  it('caches stateless regexes and hands out fresh global ones', () => {
    clearRustRegexCache();
    expect(compileRustRegex('x+', 'i').regex).toBe(compileRustRegex('x+', 'i').regex);
    const g1 = compileRustRegex('x', '', { global: true }).regex;
    const g2 = compileRustRegex('x', '', { global: true }).regex;
    expect(g1).not.toBe(g2);
    expect(g1.flags).toBe('gu');
    expect('xax'.replace(g1, 'y')).toBe('yay');
  });

  it('evicts least recently used entries beyond its limit', () => {
    clearRustRegexCache();
    const first = compileRustRegex('keep').regex;
    for (let i = 0; i < 300; i++) {
      compileRustRegex(`p${i}`);
      if (i % 50 === 0) compileRustRegex('keep');
    }
    expect(rustRegexCacheSize()).toBe(256);
    expect(compileRustRegex('keep').regex).toBe(first);
  });

  it('throws RegexSyntaxError and caches nothing for bad patterns', () => {
    clearRustRegexCache();
    expect(() => compileRustRegex('(?=x)')).toThrow(RegexSyntaxError);
    expect(rustRegexCacheSize()).toBe(0);
  });
});
