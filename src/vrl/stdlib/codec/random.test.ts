import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { VrlTimestamp } from '../../value/index.js';
import { random_bool } from './random_bool.js';
import { random_bytes } from './random_bytes.js';
import { random_float } from './random_float.js';
import { random_int } from './random_int.js';
import { uuid_from_friendly_id } from './uuid_from_friendly_id.js';
import { uuid_v4 } from './uuid_v4.js';
import { uuid_v7, uuidV7Millis } from './uuid_v7.js';
import { compileWith, oracle, run } from './test-helpers/test_support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuids', () => {
  it('v4 and v7 have the right shape and version', () => {
    expect(UUID.exec(run(uuid_v4) as string)?.[1]).toBe('4');
    expect(UUID.exec(run(uuid_v7) as string)?.[1]).toBe('7');
    expect(compileWith(uuid_v4, []).pure).toBe(false);
  });
  it('v7 keeps VRL’s millisecond arithmetic (documented example and the oracle)', () => {
    const ts = new VrlTimestamp(1609366853824727000n); // 2020-12-30T22:20:53.824727Z
    expect((run(uuid_v7, ts) as string).slice(0, 15)).toBe('0176b5bd-5d19-7');
    const vrl = oracle();
    for (const [text, ns] of [
      ['1969-12-30T22:20:53.824727Z', -92346175273000n],
      ['2024-02-29T12:00:00Z', 1709208000000000000n],
    ] as const) {
      const theirs = String(vrl.execute(`uuid_v7(t'${text}')`, {}).result);
      expect((run(uuid_v7, new VrlTimestamp(ns)) as string).slice(0, 15)).toBe(theirs.slice(0, 15));
    }
    expect(() => uuidV7Millis(2n ** 64n)).toThrowError(/out of range/);
  });
  it('friendly ids', () => {
    expect(run(uuid_from_friendly_id, '3s87yEvnmkiPBMHsj8bwwc')).toBe('7f41deed-d5e2-8b5e-7a13-ab4ff93cfad2');
    expect(() => run(uuid_from_friendly_id, '')).toThrowError(
      'failed to decode friendly id: Encoded input is an empty string',
    );
    expect(() => run(uuid_from_friendly_id, 'ab-c')).toThrowError(
      "failed to decode friendly id: Encoded input contains the invalid byte b'-' at index 2",
    );
    expect(() => run(uuid_from_friendly_id, 'é')).toThrowError(
      "failed to decode friendly id: Encoded input contains the invalid byte b'\\xc3' at index 0",
    );
    expect(() => run(uuid_from_friendly_id, 'z'.repeat(30))).toThrowError(
      'failed to decode friendly id: Decoded number cannot fit into a `u128`',
    );
  });
});

describe('random', () => {
  it('bool, bytes, float, int stay in range', () => {
    for (let i = 0; i < 50; i++) {
      expect(typeof run(random_bool)).toBe('boolean');
      const f = run(random_float, 0, 10) as number;
      expect(f >= 0 && f < 10).toBe(true);
      const n = run(random_int, -3n, 3n) as bigint;
      expect(n >= -3n && n < 3n).toBe(true);
    }
    const big = run(random_int, -(2n ** 63n), 2n ** 63n - 1n) as bigint;
    expect(big >= -(2n ** 63n) && big < 2n ** 63n - 1n).toBe(true);
    const bytes = run(random_bytes, 16n);
    expect(
      typeof bytes === 'string' ? new TextEncoder().encode(bytes).length : (bytes as Uint8Array).length,
    ).toBe(16);
    expect(run(random_bytes, 0n)).toBe('');
  });
  it('static ranges are checked at compile time, dynamic ones at run time', () => {
    expect(() => compileWith(random_int, [1n, 1n])).toThrow(FunctionCompileError);
    expect(() => compileWith(random_float, [1, 1])).toThrowError('invalid argument');
    expect(() => compileWith(random_bytes, [-1n])).toThrow(FunctionCompileError);
    expect(() => compileWith(random_bytes, [65537n])).toThrow(FunctionCompileError);
    expect(compileWith(random_int, [0n, 10n]).fallible).toBe(false);
    const dynamicInt = compileWith(random_int, [1n, 1n], false);
    expect(dynamicInt.fallible).toBe(true);
    expect(() => dynamicInt.call(1n, 1n)).toThrowError('max must be greater than min');
    expect(() => compileWith(random_bytes, [-1n], false).call(-1n)).toThrowError('Length cannot be negative');
    expect(() => compileWith(random_bytes, [65537n], false).call(65537n)).toThrowError(
      'Length is too large. Maximum is 64k',
    );
    try {
      compileWith(random_bytes, [-1n]);
    } catch (e) {
      expect((e as FunctionCompileError).code).toBe(403);
      expect((e as FunctionCompileError).notes).toContain('error: Length cannot be negative');
    }
  });
});
