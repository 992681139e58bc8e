import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { parse_grok } from './parse_grok.js';
import { parse_groks } from './parse_groks.js';
import { callError, callFn, toPlain } from './test-helpers/testing.js';

describe('parse_grok', () => {
  const pattern = '%{TIMESTAMP_ISO8601:timestamp} %{LOGLEVEL:level} %{GREEDYDATA:message}';

  it('documented example', () => {
    expect(toPlain(callFn(parse_grok, ['2020-10-02T23:22:12.223222Z info Hello world', pattern]))).toEqual({
      timestamp: '2020-10-02T23:22:12.223222Z',
      level: 'info',
      message: 'Hello world',
    });
  });

  it('fails when the pattern does not match', () => {
    expect(callError(parse_grok, ['an ungrokkable message', pattern])).toBe(
      'unable to parse input with grok pattern',
    );
  });

  it('rejects invalid and non-literal patterns at compile time', () => {
    expect(() => callFn(parse_grok, ['x', '%{NOT_A_PATTERN:x}'])).toThrow(FunctionCompileError);
    try {
      callFn(parse_grok, ['x', '%{NOT_A_PATTERN:x}']);
    } catch (e) {
      expect((e as FunctionCompileError).code).toBe(112);
      expect((e as Error).message).toMatch(/^grok pattern error: /);
    }
    expect(() =>
      parse_grok.compile(
        [
          { kind: undefined as never, span: [0, 0] as never },
          { kind: undefined as never, span: [0, 0] as never },
        ],
        {
          timezone: 'UTC',
          compat: 'current',
          enrichmentTables: new Map(),
        },
      ),
    ).toThrow(FunctionCompileError);
  });

  it('completes on a 100 KB non-matching line', () => {
    expect(callError(parse_grok, ['x'.repeat(100_000), pattern])).toBe(
      'unable to parse input with grok pattern',
    );
  });
});

describe('parse_groks', () => {
  const aliases = {
    common_prefix: '%{_timestamp} %{_loglevel}',
    _timestamp: '%{TIMESTAMP_ISO8601:timestamp}',
    _loglevel: '%{LOGLEVEL:level}',
    _status: '%{POSINT:status}',
    _message: '%{GREEDYDATA:message}',
  };
  const patterns = ['%{common_prefix} %{_status} %{_message}', '%{common_prefix} %{_message}'];

  it('documented example', () => {
    expect(
      toPlain(callFn(parse_groks, ['2020-10-02T23:22:12.223222Z info Hello world', patterns, aliases])),
    ).toEqual({
      timestamp: '2020-10-02T23:22:12.223222Z',
      level: 'info',
      message: 'Hello world',
    });
  });

  it('converts numbers: integers stay integers', () => {
    const out = callFn(parse_groks, [
      'took 12 ms 1.5',
      ['took %{NUMBER:a:integer} ms %{NUMBER:b:number}'],
    ]) as Record<string, unknown>;
    expect(out.a).toBe(12n);
    expect(out.b).toBe(1.5);
  });

  it('reads alias sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groks-'));
    const file = join(dir, 'aliases.json');
    writeFileSync(
      file,
      JSON.stringify({ PATTERN_A: '%{PATTERN_B}', PATTERN_B: 'username=%{USERNAME:username}' }),
    );
    expect(toPlain(callFn(parse_groks, ['username=foo', ['%{PATTERN_A}'], undefined, [file]]))).toEqual({
      username: 'foo',
    });
    expect(() =>
      callFn(parse_groks, ['username=foo', ['%{PATTERN_A}'], undefined, [join(dir, 'missing.json')]]),
    ).toThrow(FunctionCompileError);
  });

  it('fails when no rule matches, and on bad patterns at compile time', () => {
    expect(callError(parse_groks, ['nope', patterns, aliases])).toBe(
      'unable to parse grok: value does not match any rule',
    );
    expect(() =>
      callFn(parse_groks, ['x', ['%{common_prefix}'], { common_prefix: '%{common_prefix}' }]),
    ).toThrow(FunctionCompileError);
    expect(() => callFn(parse_groks, ['x', [1n]])).toThrow(FunctionCompileError);
  });

  it('completes on a 100 KB non-matching line', () => {
    expect(callError(parse_groks, [`2020-10-02T23:22:12Z ${'x'.repeat(100_000)}`, patterns, aliases])).toBe(
      'unable to parse grok: value does not match any rule',
    );
  });
});
