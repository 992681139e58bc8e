/**
 * The coercions against upstream VRL on a table of inputs: strings with spaces, signs, exponents, hex,
 * special floats, booleans, null, floats at the i64 limits, timestamps.
 */
import { describe, expect, it } from 'vitest';
import { toRfc3339 } from '../../time/index.js';
import { VrlError, VrlTimestamp, type Value } from '../../value/index.js';
import { coerceToBool } from './to_bool.js';
import { coerceToFloat } from './to_float.js';
import { coerceToInt } from './to_int.js';
import { coerceToString } from './to_string.js';
import { runOracle } from './test-helpers/oracle.js';
import { toPlain } from './test-helpers/plain.js';

const STRINGS = [
  '0',
  '1',
  '-1',
  '+5',
  '007',
  ' 5',
  '5 ',
  '',
  ' ',
  '-',
  '+',
  '1_000',
  '1,5',
  '0x10',
  '0b1',
  '1e3',
  '1E3',
  '1.5',
  '-1.5',
  '.5',
  '5.',
  '.',
  'e5',
  '1e',
  '1e+2',
  '1e-2',
  '1.5e400',
  'inf',
  '-inf',
  'infinity',
  'Infinity',
  'INF',
  'NaN',
  'nan',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '99999999999999999999',
  'true',
  'false',
  'TRUE',
  'False',
  'yes',
  'YES',
  'no',
  'y',
  'n',
  'Y',
  'N',
  't',
  'f',
  'T',
  'F',
  'on',
  'off',
  '2',
  '-0',
  '00',
  'foobar',
  'héllo',
  '١',
  '\t1',
  'tRuE',
  'nO',
];

/** VRL source for a string literal. */
function lit(text: string): string {
  return JSON.stringify(text);
}

interface Case {
  source: string;
  value: Value;
}

const cases: Case[] = [
  ...STRINGS.map((s) => ({ source: lit(s), value: s as Value })),
  { source: 'true', value: true },
  { source: 'false', value: false },
  { source: 'null', value: null },
  { source: '0', value: 0n },
  { source: '-7', value: -7n },
  { source: '9223372036854775807', value: 9223372036854775807n },
  { source: '-9223372036854775807 - 1', value: -9223372036854775808n },
  { source: '0.0', value: 0 },
  { source: '-0.0', value: -0 },
  { source: '5.6', value: 5.6 },
  { source: '-5.6', value: -5.6 },
  { source: '0.1', value: 0.1 },
  { source: '52.2', value: 52.2 },
  { source: '100.0', value: 100 },
  { source: '123456789012345680000.0', value: 123456789012345680000 },
  { source: '0.000001', value: 0.000001 },
  { source: '0.00000015', value: 0.00000015 },
  { source: '9223372036854775807.0', value: 2 ** 63 },
  { source: '-9223372036854775808.0', value: -(2 ** 63) },
  { source: '92233720368547758070.0', value: 10 * 2 ** 63 },
  { source: '-92233720368547758070.0', value: -10 * 2 ** 63 },
  { source: "t'2020-12-30T22:20:53.824727Z'", value: new VrlTimestamp(1609366853824727000n) },
  { source: "t'1969-12-31T23:59:59.5Z'", value: new VrlTimestamp(-500000000n) },
  { source: '[]', value: [] },
  { source: '{}', value: {} },
];

function ours(
  fn: (v: Value) => Value,
  value: Value,
): { ok: true; result: unknown } | { ok: false; error: string } {
  try {
    const result = fn(value);
    return { ok: true, result: result instanceof VrlTimestamp ? toRfc3339(result.ns) : toPlain(result) };
  } catch (error) {
    if (!(error instanceof VrlError)) throw error;
    return { ok: false, error: error.message };
  }
}

const FUNCTIONS: [string, (v: Value) => Value][] = [
  ['to_int', coerceToInt],
  ['to_float', coerceToFloat],
  ['to_bool', coerceToBool],
  ['to_string', coerceToString],
];

/** The oracle is 32-bit WebAssembly: its `isize` (used by `to_bool` on numeric strings) is i32, native VRL's is i64. */
function wasmOnlyDivergence(name: string, c: Case): boolean {
  if (name !== 'to_bool' || typeof c.value !== 'string' || !/^[+-]?[0-9]+$/.test(c.value)) return false;
  const n = BigInt(c.value);
  return n > 2147483647n || n < -2147483648n;
}

for (const [name, fn] of FUNCTIONS) {
  describe(`${name} against upstream`, () => {
    for (const c of cases) {
      if (wasmOnlyDivergence(name, c)) continue;
      it(c.source, () => {
        const upstream = runOracle(`${name}!(${c.source})`);
        const mine = ours(fn, c.value);
        // The oracle hands floats back as JS numbers and infinities as null.
        expect(mine).toEqual(upstream);
      });
    }
  });
}

describe('coercion kinds', () => {
  it('reads numeric strings as 64-bit for to_bool (native VRL)', () => {
    expect(coerceToBool('9223372036854775807')).toBe(true);
    expect(coerceToBool('-9223372036854775808')).toBe(true);
    expect(() => coerceToBool('9223372036854775808')).toThrow('Invalid boolean value "9223372036854775808"');
  });

  it('keeps integer and float apart', () => {
    expect(coerceToInt(5.6)).toBe(5n);
    expect(coerceToFloat(5n)).toBe(5);
    expect(typeof coerceToFloat('1')).toBe('number');
    expect(coerceToInt(1e300)).toBe(9223372036854775807n);
    expect(coerceToInt(-1e300)).toBe(-9223372036854775808n);
    expect(coerceToFloat('1e400')).toBe(Infinity);
    expect(coerceToString(1e21)).toBe('1000000000000000000000');
    expect(coerceToString(1.5e-7)).toBe('0.00000015');
    expect(coerceToString(new Uint8Array([0xff]))).toEqual(new Uint8Array([0xff]));
  });
});
