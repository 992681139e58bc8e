import { describe, expect, it } from 'vitest';
import { stripNullMembers } from './records.js';

/** The reference: parse, drop null members recursively (lists keep nulls), print. */
function reference(text: string): string {
  const drop = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(drop);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== null)
          .map(([k, x]) => [k, drop(x)]),
      );
    return v;
  };
  return JSON.stringify(drop(JSON.parse(text)));
}

describe('stripNullMembers', () => {
  it.each([
    ['{"a":null,"b":1}', '{"b":1}'],
    ['{"b":1,"a":null}', '{"b":1}'],
    ['{"a":null}', '{}'],
    ['{"a":1,"b":null,"c":null}', '{"a":1}'],
    ['{"a":null,"b":null,"c":2}', '{"c":2}'],
    ['{"x":{"a":null},"y":[null,1,{"z":null}]}', '{"x":{},"y":[null,1,{}]}'],
    ['{"s":"a\\":null,","t":null}', '{"s":"a\\":null,"}'],
    ['{"s":"ends with backslash \\\\","n":null}', '{"s":"ends with backslash \\\\"}'],
    ['{"k:null":1,"n":null}', '{"k:null":1}'],
    ['{"a":"null","b":nullx}', '{"a":"null","b":nullx}'],
  ])('%s', (input, expected) => {
    expect(stripNullMembers(input)).toBe(expected);
  });

  it('agrees with parse-and-drop on random documents', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const strings = ['', 'null', ':null', '\\', '"', 'a\\"b', ':null,', '}', 'ü', '\n'];
    const value = (depth: number): unknown => {
      const r = rand();
      if (r < 0.3) return null;
      if (r < 0.45) return strings[Math.floor(rand() * strings.length)];
      if (r < 0.55) return Math.floor(rand() * 1000);
      if (r < 0.6) return rand() < 0.5;
      if (depth > 3) return 'leaf';
      if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 5); i > 0; i--)
        o[strings[Math.floor(rand() * strings.length)]! + i] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 3000; i++) {
      const doc = { root: value(0), tail: value(1) };
      const text = JSON.stringify(doc);
      expect(stripNullMembers(text)).toBe(reference(text));
    }
  });
});
