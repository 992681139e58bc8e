import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlError, type Value } from '../../value/index.js';
import { basename } from './basename.js';
import { camelcase } from './camelcase.js';
import { contains } from './contains.js';
import { contains_all } from './contains_all.js';
import { dirname } from './dirname.js';
import { downcase } from './downcase.js';
import { ends_with } from './ends_with.js';
import { find } from './find.js';
import { format_int } from './format_int.js';
import { format_number } from './format_number.js';
import { join } from './join.js';
import { match } from './match.js';
import { match_any } from './match_any.js';
import { match_array } from './match_array.js';
import { redact } from './redact.js';
import { replace } from './replace.js';
import { shannon_entropy } from './shannon_entropy.js';
import { sieve } from './sieve.js';
import { slice } from './slice.js';
import { snakecase } from './snakecase.js';
import { split } from './split.js';
import { split_path } from './split_path.js';
import { starts_with } from './starts_with.js';
import { strip_ansi_escape_codes } from './strip_ansi_escape_codes.js';
import { strip_whitespace } from './strip_whitespace.js';
import { strlen } from './strlen.js';
import { truncate } from './truncate.js';
import { upcase } from './upcase.js';
import { compile, CTX, info, re, run } from './test-helpers/testing.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

function compileError(fn: () => unknown): FunctionCompileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FunctionCompileError) return e;
    throw e;
  }
  throw new Error('expected a FunctionCompileError');
}

function runtimeError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof VrlError) return e.message;
    throw e;
  }
  throw new Error('expected a VrlError');
}

describe('paths (Rust Path semantics)', () => {
  const cases: [string, string[], string | null, string][] = [
    // path, split_path, basename, dirname
    ['/home/user/', ['/', 'home', 'user'], 'user', '/home'],
    ['/home/user', ['/', 'home', 'user'], 'user', '/home'],
    ['/', ['/'], null, '/'],
    ['', [], null, '.'],
    ['.', ['.'], null, '.'],
    ['..', ['..'], null, '.'],
    ['file', ['file'], 'file', '.'],
    ['.file', ['.file'], '.file', '.'],
    ['file.tar.gz', ['file.tar.gz'], 'file.tar.gz', '.'],
    ['/home/user/file.txt', ['/', 'home', 'user', 'file.txt'], 'file.txt', '/home/user'],
    ['./a/./b/../c//d/', ['.', 'a', 'b', '..', 'c', 'd'], 'd', './a/./b/../c'],
    ['a/.', ['a'], 'a', '.'],
    ['/a/b/..', ['/', 'a', 'b', '..'], null, '/a/b'],
    ['a//b/c', ['a', 'b', 'c'], 'c', 'a//b'],
    ['a/./b', ['a', 'b'], 'b', 'a'],
    ['/a', ['/', 'a'], 'a', '/'],
    ['//x', ['/', 'x'], 'x', '/'],
  ];
  for (const [path, parts, base, dir] of cases) {
    it(JSON.stringify(path), () => {
      expect(run(split_path, path)).toEqual(parts);
      expect(run(basename, path)).toBe(base);
      expect(run(dirname, path)).toBe(dir);
    });
  }
  it('declares basename and dirname fallible (VRL accepts `basename!`)', () => {
    expect(compile(basename, ['a']).fallible).toBe(true);
    expect(compile(basename, ['a']).kind.bits).toBe(K.BYTES | K.NULL);
    expect(compile(dirname, ['a']).fallible).toBe(true);
    expect(compile(split_path, ['a']).fallible).toBe(false);
  });
});

describe('bytes that are not UTF-8', () => {
  it('are read lossily by text functions', () => {
    expect(run(upcase, bytes(0x61, 0xff, 0x62))).toBe('A\uFFFDB');
    expect(run(downcase, utf8('ÀB'))).toBe('àb');
    expect(run(strlen, bytes(0x61, 0xff, 0xfe))).toBe(3n);
    expect(run(contains, bytes(0x61, 0xff), 'a')).toBe(true);
    expect(run(ends_with, utf8('xyz'), utf8('YZ'), false)).toBe(true);
    expect(run(strip_whitespace, utf8('  a  '))).toBe('a');
  });
  it('slice works on byte offsets and may cut a character', () => {
    expect(run(slice, 'héllo', 1n, 2n)).toEqual(bytes(0xc3));
    expect(run(slice, 'héllo', 1n, 3n)).toBe('é');
    expect(run(slice, bytes(0xff, 0x61, 0x62), 1n)).toBe('ab');
    expect(run(slice, bytes(0xff, 0x61, 0x62), -3n, 1n)).toEqual(bytes(0xff));
  });
  it('find works on bytes', () => {
    expect(run(find, bytes(0xff, 0x61, 0x62), 'b')).toBe(2n);
    expect(run(find, 'héllo', bytes(0x6c))).toBe(3n);
    expect(run(find, bytes(0xff, 0x61), re('a'))).toBe(3n); // lossy text: U+FFFD is 3 bytes
  });
  it('starts_with compares bytes when case sensitive', () => {
    expect(run(starts_with, bytes(0xff, 0x61), bytes(0xff))).toBe(true);
    expect(run(starts_with, bytes(0xff, 0x61), bytes(0xfe))).toBe(false);
    expect(run(starts_with, bytes(0xff, 0x61), bytes(0xff), false)).toBe(false);
  });
  it('strip_ansi_escape_codes keeps bytes', () => {
    expect(run(strip_ansi_escape_codes, bytes(0x1b, 0x5b, 0x31, 0x6d, 0x61))).toBe('a');
    // A lone continuation byte above 0x9F prints U+FFFD, at or below is dropped (C1).
    expect(run(strip_ansi_escape_codes, bytes(0x61, 0xa0, 0x85, 0x62))).toBe('a\uFFFDb');
    expect(run(shannon_entropy, bytes(0xff, 0xff))).toBe(0);
  });
});

describe('strip_ansi_escape_codes', () => {
  const cases: [string, string][] = [
    ['foo bar', 'foo bar'],
    ['\u001b[3;4Hfoo bar', 'foo bar'],
    ['\u001b[46mfoo\u001b[0m bar', 'foo bar'],
    ['\u001b[=3lfoo bar', 'foo bar'],
    ['a\tb\rc\nd\u0007e', 'abc\nde'],
    ['\u001b]0;title\u0007x\u001b]8;;http://x\u001b\\link', 'xlink'],
    ['a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['a\u001bXsos\u001b\\b\u001b^pm\u001b\\c\u001b_apc\u001b\\d', 'abcd'],
    ['a\u001b[1\u0018b\u001b[1\u001ac', 'abc'],
    ['a\u001b[1\nm', 'a\n'],
    ['\u007f\u0085\u009b\u00a0', '\u007f\u00a0'],
    ['\u001b(Bx\u001b7y\u001b', 'xy'],
    ['\u001bP1q\u271cx\u001b\\y', 'xy'],
  ];
  for (const [input, output] of cases) {
    it(JSON.stringify(input), () => expect(run(strip_ansi_escape_codes, input)).toBe(output));
  }
});

describe('static arguments', () => {
  it('original_case must be a known case', () => {
    const e = compileError(() => compile(camelcase, ['a', 'kebab']));
    expect(e.code).toBe(401);
    expect(e.argument).toBe(1);
    expect(e.notes).toContain(
      'expected one of: "camelCase", "PascalCase", "SCREAMING_SNAKE", "snake_case", "kebab-case"',
    );
  });
  it('original_case must be static', () => {
    const e = compileError(() =>
      camelcase.compile([info('a'), { kind: Kind.bytes(), span: { start: 0, end: 0 } }], CTX),
    );
    expect(e.code).toBe(402);
  });
  it('excluded_boundaries must name boundaries', () => {
    const e = compileError(() => compile(snakecase, ['a', undefined, ['foo']]));
    expect(e.code).toBe(610);
    expect(e.message).toBe(
      'boundary must match one of: lower_upper, upper_lower, acronym, lower_digit, upper_digit, digit_lower, digit_upper',
    );
    expect(run(snakecase, 'fooBar', undefined, ['lower_upper'])).toBe('foobar');
    expect(run(snakecase, 'fooBar', undefined, [])).toBe('foo_bar');
  });
  it('segmentation must be byte, codepoint or grapheme', () => {
    expect(compileError(() => compile(shannon_entropy, ['a', 'word'])).code).toBe(401);
  });
  it('match_any wants regex literals', () => {
    const e = compileError(() => compile(match_any, ['a', ['x']]));
    expect(e.message).toBe('expected regex, got string');
    expect(run(match_any, 'teapot', [re('pan'), re('pot$')])).toBe(true);
  });
  it('redact validates filters and redactor', () => {
    const cases: [Value[], Value | undefined, string][] = [
      [['not a filter'], undefined, 'unknown filter name'],
      [['pattern'], undefined, 'pattern cannot be used without arguments'],
      [[{ type: 'pattern' }], undefined, 'pattern filter must have `patterns` specified'],
      [
        [{ type: 'pattern', patterns: 'x' }],
        undefined,
        '`patterns` must be array of regular expression literals',
      ],
      [[{ type: 'pattern', patterns: [1n] }], undefined, '`patterns` must be regular expressions'],
      [[{}], undefined, 'filters specified as objects must have type parameter'],
      [[1n], undefined, 'unknown literal for filter, must be a regex, filter name, or object'],
      [[re('x')], 'not a redactor', 'unknown name of redactor'],
      [[re('x')], { type: 'wrongtype' }, 'unknown `type` for `redactor`'],
      [[re('x')], { type: 'sha2', variant: 'MD5' }, 'invalid sha2 variant'],
      [[re('x')], { type: 'sha3', encoding: 'base32' }, 'unexpected encoding'],
      [[re('x')], { type: 'text' }, 'text redactor must have\n                `replacement` specified'],
    ];
    for (const [filters, redactor, error] of cases) {
      const e = compileError(() => compile(redact, ['x', filters, redactor]));
      expect(e.code).toBe(403);
      expect(e.notes).toContain(`error: ${error}`);
    }
  });
  it('truncate accepts `ellipsis` only in 0.24 compatibility mode', () => {
    expect(compileError(() => compile(truncate, ['abc', 1n, undefined, true])).code).toBe(108);
    const impl = compile(truncate, ['abcdef', 3n, undefined, true], { compat: '0.24' });
    expect(impl.call('abcdef', 3n, undefined, true)).toBe('abc...');
    expect(impl.call('abcdef', 3n, '!', false)).toBe('abc!');
  });
});

describe('runtime errors and kinds', () => {
  it('slice', () => {
    expect(runtimeError(() => run(slice, 'foo', 4n))).toBe('"start" must be between "-3" and "3"');
    expect(runtimeError(() => run(slice, 'foo', -4n))).toBe('"start" must be between "-3" and "3"');
    expect(runtimeError(() => run(slice, 'foo', 2n, 1n))).toBe('"end" must be greater or equal to "start"');
    expect(run(slice, [0n, 'ook', true], 1n)).toEqual(['ook', true]);
    expect(run(slice, 'foo', 1n, 5n)).toBe('oo');
    const impl = compile(slice, [[1n, 2n], 0n]);
    expect(impl.fallible).toBe(true);
    expect(impl.kind.bits).toBe(K.ARRAY);
  });
  it('join', () => {
    expect(runtimeError(() => run(join, ['one', 'two', 3n]))).toBe('all array items must be strings');
    expect(run(join, ['one', 'two', 'three'], ', ')).toBe('one, two, three');
    expect(compile(join, [[]]).fallible).toBe(true);
  });
  it('contains_all is fallible only when the elements may not be strings', () => {
    expect(runtimeError(() => run(contains_all, 'The Needle', [1n, 2n]))).toBe(
      'expected string, got integer',
    );
    expect(compile(contains_all, ['a', ['a']]).fallible).toBe(false);
    expect(compile(contains_all, ['a', ['a', 1n]]).fallible).toBe(true);
    expect(run(contains_all, 'The Needle In The Haystack', ['needle', 'haystack'], false)).toBe(true);
  });
  it('format_int', () => {
    expect(runtimeError(() => run(format_int, 5n, 1n))).toBe(
      'invalid base 1: must be be between 2 and 36 (inclusive)',
    );
    expect(run(format_int, -9223372036854775808n, 16n)).toBe('-8000000000000000');
    expect(run(format_int, 35n, 36n)).toBe('z');
  });
  it('find returns null when absent (-1 in 0.24 compatibility mode)', () => {
    expect(run(find, 'foobar', 'baz')).toBe(null);
    expect(run(find, 'foobar', 'bar', -1n)).toBe(null);
    expect(run(find, 'foobar', re('o+'), 100n)).toBe(null);
    expect(compile(find, ['a', 'b']).kind.bits).toBe(K.INTEGER | K.NULL);
    const legacy = compile(find, ['a', 'b'], { compat: '0.24' });
    expect(legacy.call('foobar', 'baz', undefined)).toBe(-1n);
    expect(legacy.kind.bits).toBe(K.INTEGER);
  });
  it('format_number', () => {
    expect(run(format_number, 1234.567)).toBe('1234.567');
    expect(run(format_number, 1234.567, 2n)).toBe('1234.56');
    expect(run(format_number, 1234.567, 2n, ',', ' ')).toBe('1 234,56');
    expect(run(format_number, 11_222_333_444.567_89, 3n, ',', '.')).toBe('11.222.333.444,567');
    expect(run(format_number, 100.0)).toBe('100');
    expect(run(format_number, 100.0, 2n)).toBe('100.00');
    expect(run(format_number, 123.45, 0n)).toBe('123');
    expect(run(format_number, 12345n, 2n)).toBe('12345.00');
    expect(run(format_number, 1e30)).toBe('1000000000000000019884624838656');
  });
  it('replace, split and sieve with upstream test vectors', () => {
    expect(run(replace, 'I like apples and bananas', 'a', 'o', 0n)).toBe('I like apples and bananas');
    expect(run(replace, 'I like apples and bananas', re('a'), 'o', 2n)).toBe('I like opples ond bananas');
    expect(run(replace, 'I like [apples] and bananas', re('\\[apples\\]'), 'biscuits')).toBe(
      'I like biscuits and bananas',
    );
    expect(run(split, 'This is a long string.', ' ', 2000n)).toEqual(['This', 'is', 'a', 'long', 'string.']);
    expect(run(split, 'ThisaisAlongAstring.', re('(?i)a'))).toEqual(['This', 'is', 'long', 'string.']);
    expect(run(split, '˙ƃuᴉɹʇs ƃuol ɐ sᴉ sᴉɥ┴', ' ')).toEqual(['˙ƃuᴉɹʇs', 'ƃuol', 'ɐ', 'sᴉ', 'sᴉɥ┴']);
    expect(
      run(
        sieve,
        '37ccx6a5uf52a7dv2hfxgpmltji09x6xkg0zv6yxsoi4kqs9atmjh7k50dcjb7z.فوائد.net.',
        re('[\\.]'),
        undefined,
        '<REMOVED>',
      ),
    ).toBe('<REMOVED>.<REMOVED>.<REMOVED>.');
  });
  it('match and match_array', () => {
    expect(run(match, 'foobar', re('\\s\\w+'))).toBe(false);
    expect(run(match, 'foo 2 bar', re('foo \\d bar'))).toBe(true);
    expect(run(match_array, ['foo', '123abc', 1n, true, [1n]], re('abc'))).toBe(true);
    expect(run(match_array, ['foo', '123abc', 1n, true, [1n]], re('abc'), true)).toBe(false);
  });
  it('redact recurses and keeps keys', () => {
    const out = run(redact, { '123-12-1234': ['123-12-1234', 5n] }, ['us_social_security_number']);
    expect(out).toEqual({ '123-12-1234': ['[REDACTED]', 5n] });
    expect(run(redact, 'hello 123456 world', [{ type: 'pattern', patterns: ['123456'] }])).toBe(
      'hello [REDACTED] world',
    );
    expect(run(redact, 7n, [re('7')])).toBe(7n);
  });
  it('shannon_entropy', () => {
    expect(run(shannon_entropy, 'ƒoo')).toBe(1.5);
    expect(run(shannon_entropy, '')).toBe(0);
    expect(run(shannon_entropy, '👨‍👩‍👧‍👦', 'grapheme')).toBe(0);
    expect(Math.floor((run(shannon_entropy, 'ƒoo', 'codepoint') as number) * 1e4) / 1e4).toBe(0.9182);
  });
});
