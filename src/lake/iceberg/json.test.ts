import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson, stringifyJsonExact } from './json.js';

const big = 7_123_456_789_012_345_678n;

describe('bigint-safe JSON', () => {
  it('reads integers beyond 2^53 exactly, wherever they are', () => {
    const text = `{"snapshot-id": ${big}, "list": [${big}, -${big}, 12], "safe": 1000000000000000, "f": 1.5e300,
      "s": "id ${big}, not a number", "nested": {"x": [ {"y": ${big}} ]}}`;
    expect(parseJson(text)).toEqual({
      'snapshot-id': big,
      list: [big, -big, 12],
      safe: 1000000000000000,
      f: 1.5e300,
      s: `id ${big}, not a number`,
      nested: { x: [{ y: big }] },
    });
  });

  it('reads a bare top-level integer exactly', () => {
    expect(parseJson(` ${big} `)).toBe(big);
    expect(parseJson('9007199254740994')).toBe(9007199254740994n);
    expect(parseJson('9007199254740991')).toBe(9007199254740991);
  });

  it('falls back to the exact parser when a long number sits inside a string', () => {
    const text = `{"doc": "a:${big},b", "id": ${big}}`;
    expect(parseJson(text)).toEqual({ doc: `a:${big},b`, id: big });
  });

  it('keeps __proto__ an own key, as JSON.parse does', () => {
    const v = parseJson(`{"__proto__": {"polluted": ${big}}, "x": 1}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual({ polluted: big });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports malformed JSON as a SyntaxError', () => {
    expect(() => parseJson(`{"a": ${big},}`)).toThrow(SyntaxError);
    expect(() => parseJson('[1, 2')).toThrow(SyntaxError);
  });

  it('writes what the reference serializer writes', () => {
    const values: unknown[] = [
      {
        a: big,
        b: [1, -big, null, undefined, 'x'],
        c: { d: Number.NaN, e: undefined, f: true },
        g: [],
        h: {},
      },
      [big],
      'plain',
      -big,
    ];
    for (const v of values)
      for (const indent of [0, 2]) {
        expect(stringifyJson(v, indent)).toBe(stringifyJsonExact(v, indent));
        expect(parseJson(stringifyJson(v, indent))).toEqual(parseJson(stringifyJsonExact(v, indent)));
      }
  });

  it('round-trips table metadata files byte for byte', () => {
    const dir = new URL('../../../schemas/', import.meta.url);
    // any JSON the project ships, plus a metadata-shaped document with 63-bit ids
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(parseJson(text)).toEqual(JSON.parse(text));
    }
    const meta = {
      'format-version': 2,
      'current-snapshot-id': big,
      snapshots: Array.from({ length: 50 }, (_, i) => ({
        'snapshot-id': big + BigInt(i),
        'timestamp-ms': 1.7e12 + i,
      })),
    };
    const text = stringifyJson(meta, 2);
    expect(stringifyJson(parseJson(text), 2)).toBe(text);
  });
});
