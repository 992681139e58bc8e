/**
 * Seeded random Datadog queries against the oracle (VRL 0.25): the parse result (success, or pest's error
 * text) must agree, and so must the match result for queries without boolean operators (0.25 predates the
 * conjunction-precedence fix, vectordotdev/vrl#1542).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Kind } from '../../../types/index.js';
import { parseVrlJson } from '../../../value/index.js';
import { FunctionCompileError } from '../../function.js';
import { match_datadog_query } from '../match_datadog_query.js';

/** A VRL raw string literal (no templating, no escapes but `\\'`). */
function rawString(text: string): string {
  return `s'${text.replaceAll("'", "\\'")}'`;
}

const verel = createRequire(import.meta.url)('@bpinternal/verel') as {
  execute(src: string, event: unknown): { result: unknown };
  check(src: string): { errors: { code: number; message: string }[] };
};

const PIECES = [
  'a',
  'b',
  'foo',
  'x1',
  '@a',
  '@b.c',
  'tags',
  'host',
  'message',
  'env',
  ':',
  ':',
  '*',
  '?',
  '"',
  '"q r"',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ' TO ',
  ' ',
  ' ',
  '  ',
  '>',
  '>=',
  '<',
  '\\',
  '\\-',
  '-',
  '+',
  '1',
  '2.5',
  '-3',
  'E',
  '_exists_',
  '_missing_',
  ' OR ',
  ' AND ',
  'NOT ',
  '&&',
  '||',
  '!',
  '~',
  '^',
  '=',
  'é',
  '\t',
];
const BOOLEAN_OPS = /\b(OR|AND|NOT)\b|&&|\|\||(^|[\s(])[-+]/;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const EVENT =
  '{"a": 1, "b": {"c": "x"}, "message": "foo bar q r", "tags": ["env:prod", "a:1"], "host": "h1"}';

function ours(query: string): { error?: string; result?: boolean } {
  try {
    const impl = match_datadog_query.compile(
      [
        { kind: Kind.object(new Map()), span: { start: 0, end: 0 } },
        { kind: Kind.bytes(), constant: { value: query }, span: { start: 0, end: 0 } },
      ],
      { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() },
    );
    return { result: impl.call(parseVrlJson(EVENT)) as boolean };
  } catch (e) {
    if (e instanceof FunctionCompileError) return { error: e.code === 610 ? e.message : `E${e.code}` };
    throw e;
  }
}

function oracle(query: string): { error?: string; result?: boolean } | 'panic' {
  const src = `match_datadog_query(${EVENT}, ${rawString(query)})`;
  let errors;
  try {
    errors = verel.check(src).errors;
  } catch {
    return 'panic';
  }
  if (errors.length > 0) {
    const e = errors[0]!;
    return { error: e.message.includes('E403') ? 'E403' : e.message };
  }
  return { result: verel.execute(src, {}).result as boolean };
}

describe('match_datadog_query fuzz', () => {
  it('agrees with the oracle on 1500 random queries', () => {
    const next = rng(12345);
    let compared = 0;
    for (let i = 0; i < 1500; i++) {
      const n = 1 + Math.floor(next() * 6);
      let query = '';
      for (let j = 0; j < n; j++) query += PIECES[Math.floor(next() * PIECES.length)]!;
      if (query.endsWith('\\')) continue; // a raw string literal cannot end with a backslash
      const want = oracle(query);
      if (want === 'panic') continue;
      const got = ours(query);
      if (want.error !== undefined || got.error !== undefined || !BOOLEAN_OPS.test(query)) {
        expect({ query, ...got }).toEqual({ query, ...want });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(800);
  });
});
