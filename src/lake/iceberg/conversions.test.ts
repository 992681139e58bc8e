import { describe, expect, it } from 'vitest';
import {
  fromBytes,
  toBytes,
  truncateBinaryUpper,
  truncateStringLower,
  truncateStringUpper,
} from './conversions.js';
import { parseJson, stringifyJson } from './json.js';

const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);

describe('single-value serialization', () => {
  it('encodes per spec appendix D', () => {
    expect(hex(toBytes('boolean', true))).toBe('01');
    expect(hex(toBytes('int', 1))).toBe('01000000');
    expect(hex(toBytes('int', -1))).toBe('ffffffff');
    expect(hex(toBytes('long', 1))).toBe('0100000000000000');
    expect(hex(toBytes('long', 2n ** 62n))).toBe('0000000000000040');
    expect(hex(toBytes('timestamptz', 1_700_000_000_000_000))).toBe(
      Buffer.from(new BigInt64Array([1_700_000_000_000_000n]).buffer).toString('hex'),
    );
    expect(hex(toBytes('float', 1))).toBe('0000803f');
    expect(hex(toBytes('double', 1))).toBe('000000000000f03f');
    expect(hex(toBytes('date', 17486))).toBe('4e440000');
    expect(hex(toBytes('string', 'iceberg'))).toBe(Buffer.from('iceberg').toString('hex'));
    expect(hex(toBytes('uuid', 'f79c3e09-677c-4bbd-a479-3f349cb785e7'))).toBe(
      'f79c3e09677c4bbda4793f349cb785e7',
    );
    expect(hex(toBytes('decimal(4, 2)', '14.20'))).toBe('058c');
    expect(hex(toBytes('decimal(4, 2)', '-1.00'))).toBe('9c');
    expect(hex(toBytes('decimal(9, 2)', '1.28'))).toBe('0080');
  });

  it('round-trips', () => {
    const cases: [Parameters<typeof toBytes>[0], unknown][] = [
      ['int', -42],
      ['long', 9_007_199_254_740_993n],
      ['long', 12],
      ['double', -1.5],
      ['string', 'héllo'],
      ['uuid', 'f79c3e09-677c-4bbd-a479-3f349cb785e7'],
      ['decimal(9, 2)', '-123.45'],
      ['timestamptz', 1_704_103_200_000_000],
      ['boolean', false],
    ];
    for (const [t, v] of cases) expect(fromBytes(t, toBytes(t, v))).toEqual(v);
  });

  it('truncates string bounds to 16 code points with a correct upper increment', () => {
    const s = 'abcdefghijklmnopqrstuvwxyz';
    expect(truncateStringLower(s)).toBe('abcdefghijklmnop');
    expect(truncateStringUpper(s)).toBe('abcdefghijklmnoq');
    expect(truncateStringUpper('short')).toBe('short');
    const emoji = '😀'.repeat(20);
    expect(Array.from(truncateStringLower(emoji))).toHaveLength(16);
    expect(truncateStringUpper(emoji)).toBe('😀'.repeat(15) + '😁');
    const maxed = 'a' + String.fromCodePoint(0x10ffff).repeat(15) + 'zz';
    expect(truncateStringUpper(maxed)).toBe('b');
    expect(truncateStringUpper(String.fromCodePoint(0x10ffff).repeat(17))).toBe(null);
    // U+D7FF increments past the surrogate range
    expect(truncateStringUpper('a'.repeat(15) + '\ud7ff' + 'x')).toBe('a'.repeat(15) + '\ue000');
    expect(
      hex(
        truncateBinaryUpper(
          Uint8Array.from([...Array(16).fill(1), 0xff, 0xff]).map((x, i) => (i === 15 ? 0xff : x)),
        ),
      ),
    ).toBe('01'.repeat(14) + '02');
  });
});

describe('bigint-safe JSON', () => {
  it('keeps 63-bit integers exact', () => {
    const text =
      '{"snapshot-id": 9223372036854775807, "small": 42, "f": 1.5, "neg": -9007199254740993, "s": "x\\"y", "a": [true, null]}';
    const v = parseJson(text) as Record<string, unknown>;
    expect(v['snapshot-id']).toBe(9223372036854775807n);
    expect(v.small).toBe(42);
    expect(v.f).toBe(1.5);
    expect(v.neg).toBe(-9007199254740993n);
    expect(v.s).toBe('x"y');
    expect(stringifyJson(v)).toBe(
      '{"snapshot-id":9223372036854775807,"small":42,"f":1.5,"neg":-9007199254740993,"s":"x\\"y","a":[true,null]}',
    );
    expect(parseJson(stringifyJson(v, 2))).toEqual(v);
    expect(() => parseJson('{"a": }')).toThrow(SyntaxError);
  });
});
