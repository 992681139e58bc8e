/** `to_timestamp` (compat: the VRL of Vector 0.24), which the current oracle no longer has. */
import { describe, expect, it } from 'vitest';
import { toRfc3339 } from '../../time/index.js';
import { Kind } from '../../types/index.js';
import { VrlTimestamp, type Value } from '../../value/index.js';
import { FunctionCompileError, type CompileContext } from '../function.js';
import { TEST_CONTEXT } from './test-helpers/run-example.js';
import { toTimestamp } from './to_timestamp.js';
import { kindOfValue } from './util/kinds.js';

function convert(value: Value, unit?: string, ctx: CompileContext = TEST_CONTEXT): string {
  const info = (v: Value) => ({ kind: kindOfValue(v), constant: { value: v }, span: { start: 0, end: 0 } });
  const impl = toTimestamp.compile([info(value), unit === undefined ? undefined : info(unit)], ctx);
  const result = impl.call(value, unit);
  if (!(result instanceof VrlTimestamp)) throw new Error('not a timestamp');
  return toRfc3339(result.ns);
}

describe('to_timestamp', () => {
  it('is compat-only and typed timestamp', () => {
    expect(toTimestamp.compatOnly).toBe(true);
    const ts = { kind: Kind.timestamp(), span: { start: 0, end: 0 } };
    expect(toTimestamp.compile([ts], TEST_CONTEXT)).toMatchObject({ fallible: false });
    expect(toTimestamp.compile([{ ...ts, kind: Kind.bytes() }], TEST_CONTEXT)).toMatchObject({
      fallible: true,
    });
    expect(toTimestamp.compile([ts], TEST_CONTEXT).kind.toString()).toBe('timestamp');
  });

  it('reads integers in each unit', () => {
    expect(convert(1609459200n)).toBe('2021-01-01T00:00:00Z');
    expect(convert(1609459200123n, 'milliseconds')).toBe('2021-01-01T00:00:00.123Z');
    expect(convert(1609459200123456n, 'microseconds')).toBe('2021-01-01T00:00:00.123456Z');
    expect(convert(1609459200123456789n, 'nanoseconds')).toBe('2021-01-01T00:00:00.123456789Z');
    expect(convert(-1n)).toBe('1969-12-31T23:59:59Z');
  });

  it('reads floats as the old implementation did', () => {
    expect(convert(5.6)).toBe('1970-01-01T00:00:05.600Z');
    expect(convert(1609459200.25)).toBe('2021-01-01T00:00:00.250Z');
    // Negative fractions saturate to zero nanoseconds (`as u32`).
    expect(convert(-1.5)).toBe('1969-12-31T23:59:59Z');
    // Milliseconds keep whole seconds of the integer part plus the fraction read as milliseconds.
    expect(convert(5000.5, 'milliseconds')).toBe('1970-01-01T00:00:05.000500Z');
    expect(convert(56000000000.7, 'nanoseconds')).toBe('1970-01-01T00:00:56.000000001Z');
  });

  it('fails out of range with the number in the message', () => {
    expect(() => convert(9223372036854775807n)).toThrow(
      'unable to coerce 9223372036854775807 into timestamp',
    );
    expect(() => convert(1e20)).toThrow('unable to coerce 100000000000000000000 into timestamp');
  });

  it('parses strings in the accepted formats', () => {
    expect(convert('2020-01-01T00:00:00Z')).toBe('2020-01-01T00:00:00Z');
    expect(convert('2020-01-01T01:00:00.5+01:00')).toBe('2020-01-01T00:00:00.500Z');
    expect(convert('2020-01-01 12:30:00')).toBe('2020-01-01T12:30:00Z');
    expect(convert('2020-01-01T12:30:00')).toBe('2020-01-01T12:30:00Z');
    expect(convert('1609459200')).toBe('2021-01-01T00:00:00Z');
    expect(convert('Tue, 1 Jul 2003 10:52:37 +0200')).toBe('2003-07-01T08:52:37Z');
    expect(convert('Tue, 01 Jul 2003 10:52:37 GMT')).toBe('2003-07-01T10:52:37Z');
    expect(convert('10/Oct/2000:13:55:36 -0700')).toBe('2000-10-10T20:55:36Z');
    expect(convert('Wed Jan  1 00:00:00 2020')).toBe('2020-01-01T00:00:00Z');
  });

  it('reads zone-less strings in the program time zone', () => {
    const ctx: CompileContext = { ...TEST_CONTEXT, timezone: 'America/New_York' };
    expect(convert('2020-01-01 00:00:00', undefined, ctx)).toBe('2020-01-01T05:00:00Z');
    expect(convert('2020-01-01T00:00:00Z', undefined, ctx)).toBe('2020-01-01T00:00:00Z');
  });

  it('fails on other strings and kinds', () => {
    expect(() => convert('foo')).toThrow('No matching timestamp format found for "foo"');
    expect(() => convert(true)).toThrow('unable to coerce boolean into timestamp');
    expect(() => convert(null)).toThrow('unable to coerce null into timestamp');
  });

  it('rejects an unknown unit at compile time', () => {
    expect(() => convert(1n, 'minutes')).toThrow(FunctionCompileError);
    try {
      convert(1n, 'minutes');
    } catch (error) {
      expect((error as FunctionCompileError).code).toBe(401);
    }
  });
});
