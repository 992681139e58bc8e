/**
 * Differential tests on generated inputs (fixed seed, so deterministic): short strings over the
 * characters each grammar treats specially, compared with the upstream oracle.
 */
import { describe, expect, it } from 'vitest';
import { parse_cef } from './parse_cef.js';
import { parse_key_value } from './parse_key_value.js';
import { parse_ruby_hash } from './parse_ruby_hash.js';
import { parse_syslog } from './parse_syslog.js';
import { parse_tokens } from './parse_tokens.js';
import { parse_csv } from './parse_csv.js';
import { parse_influxdb } from './parse_influxdb.js';
import { oracle, runOurs } from './test-helpers/testing.js';
import type { FunctionDef } from '../function.js';
import type { Value } from '../../value/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(seed: number, pieces: readonly string[], count: number, maxLen: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const len = Math.floor(r() * maxLen);
    let s = '';
    for (let i = 0; i < len; i++) s += pieces[Math.floor(r() * pieces.length)];
    out.push(s);
  }
  return out;
}

function oracleOn(src: string, x: string, y?: unknown): unknown {
  try {
    return { ok: oracle().execute(src, { x, y }).result };
  } catch (e) {
    return { error: String(e).replace(/^[\s\S]*?\(\d+:\d+\): /, '') };
  }
}

function compare(
  def: FunctionDef,
  src: string,
  inputs: readonly string[],
  extra: (Value | undefined)[] = [],
): void {
  const mismatches: unknown[] = [];
  for (const x of inputs) {
    const ours = runOurs(def, [x, ...extra]);
    const theirs = oracleOn(src, x);
    try {
      expect(ours).toEqual(theirs);
    } catch {
      mismatches.push({ x, ours, theirs });
    }
  }
  expect(mismatches.slice(0, 3)).toEqual([]);
}

describe('generated inputs agree with VRL', () => {
  it('parse_key_value (defaults)', () => {
    compare(
      parse_key_value,
      'parse_key_value!(.x)',
      generate(1, ['a', 'b', '=', ' ', '"', "'", '\\', ',', 'k=v', ' ', '\t', 'é'], 400, 14),
    );
  });
  it('parse_key_value (comma and colon, strict)', () => {
    compare(
      parse_key_value,
      'parse_key_value!(.x, key_value_delimiter: ":", field_delimiter: ",", whitespace: "strict")',
      generate(2, ['a', ':', ',', ' ', '"', '\\', 'x:y'], 300, 12),
      [':', ',', 'strict'],
    );
  });
  it('parse_key_value (no standalone keys)', () => {
    compare(
      parse_key_value,
      'parse_key_value!(.x, accept_standalone_key: false)',
      generate(3, ['a', '=', ' ', '"', 'k=v', ' '], 300, 10),
      [undefined, undefined, undefined, false],
    );
  });
  it('parse_syslog', () => {
    const prefix = ['<13>', '<13>1 ', '<999>', ''];
    const bodies = generate(
      4,
      [
        'Jun 13 16:33:35',
        ' ',
        'host',
        'app[12]',
        ':',
        '-',
        '[a b="c"]',
        '2020-03-13T20:45:38Z',
        'msg',
        '1',
        '\t',
      ],
      300,
      9,
    );
    compare(
      parse_syslog,
      'parse_syslog!(.x)',
      bodies.map((b, i) => prefix[i % prefix.length]! + b),
    );
  });
  it('parse_tokens', () => {
    compare(
      parse_tokens,
      'parse_tokens(string!(.x))',
      generate(5, ['a', ' ', '"', '[', ']', '\\', '-', '\t'], 400, 12),
    );
  });
  it('parse_csv', () => {
    compare(parse_csv, 'parse_csv!(.x)', generate(6, ['a', ',', '"', '\n', '\r', ' '], 400, 10));
  });
  it('parse_cef', () => {
    // Canonical extensions only (`x=1` first, single spaces, no `|`, `\\` or quotes): the oracle's
    // parse_cef predates upstream's changes to leading/multiple spaces and escapes.
    const bodies = generate(7, ['a', ' a', '=', ' k=v', 'n', ' cs1Label=L', ' cs1=v'], 300, 10);
    compare(
      parse_cef,
      'parse_cef!(.x)',
      bodies.map((b) => `CEF:0|v|p|1|id|n|5|x=1${b}`),
    );
    compare(parse_cef, 'parse_cef!(.x)', generate(8, ['CEF:', '|', 'a', ' ', '\\|'], 200, 12));
  });
  it('parse_ruby_hash', () => {
    compare(
      parse_ruby_hash,
      'parse_ruby_hash!(.x)',
      generate(
        9,
        ['{', '}', '[', ']', 'a', ':', '=>', ',', ' ', '"', "'", '1', 'nil', '\\', '.5'],
        400,
        10,
      ).map((b) => `{${b}`),
    );
  });
  it('parse_influxdb', () => {
    compare(
      parse_influxdb,
      'parse_influxdb!(.x)',
      generate(10, ['cpu', ',', 't=v', ' ', 'x=1', 'y=2i', '=', '"s"', '\\', '\n', '#', '5'], 300, 8),
    );
  });
});
