import { describe, expect, it } from 'vitest';
import { parse_ruby_hash } from './parse_ruby_hash.js';
import { callError, oracle, runOurs } from './test-helpers/testing.js';

function oracleOn(x: string): unknown {
  try {
    return { ok: oracle().execute('parse_ruby_hash!(.x)', { x }).result };
  } catch (e) {
    return { error: String(e).replace(/^[\s\S]*?\(\d+:\d+\): /, '') };
  }
}

describe('parse_ruby_hash', () => {
  const cases = [
    '{ "test" => "value", "testNum" => 0.2, "testObj" => { "testBool" => true, "testNull" => nil } }',
    'x',
    '{ "a" => 1 ',
    '{ "a" => }',
    '{ "a" 1 }',
    '{ "a" => "x }',
    '{ a: [1,] }',
    '{} x',
    '',
    '{ "a\\x" => 1 }',
    '{ :a => :b, 1 => nil, \'q\' => true, c: -1.5e3, d: [1, "two", {e: nil}] }',
    '{ a: inf, b: 1e5, c: .5, d: 5. }',
    '{ a: INF, b: -1 }',
    '{a:1}',
    '{ "x\\"y" => "z\\nq" }',
    '{ "\\x" => 1 }',
    '{ a: 1e }',
    '{ a: 1, a: 2 }',
    '{\n  "multi" => "line",\n  :x => [ ]\n}',
    '{ :"quoted sym" => :\'other\' }',
    '{ a: [1, [2, [3]]], b: {} }',
    '{ a: nilly }',
    '{ a: "unterminated',
    '{ a: [1, 2 }',
    "{ \"k\" => 'v\\'s' }",
  ];
  for (const c of cases) {
    it(`matches VRL on ${JSON.stringify(c)}`, () => {
      expect(runOurs(parse_ruby_hash, [c])).toEqual(oracleOn(c));
    });
  }
  it('completes on 100 KB hostile input', () => {
    expect(callError(parse_ruby_hash, [`{ a: ${'['.repeat(50_000)}`])).toBe('ruby hash nested too deeply');
    expect(callError(parse_ruby_hash, [`{ a: "${'\\"'.repeat(50_000)}`])).toMatch(
      /line too long to display context/,
    );
  });
});
