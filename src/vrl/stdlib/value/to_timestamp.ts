/**
 * `to_timestamp(value, unit: "seconds")` as VRL had it until its removal (Vector 0.24, Matano's managed
 * sources call it 300+ times): timestamps pass through, integers and floats count `unit`s since the epoch,
 * strings are read by VRL's timestamp conversion (local formats in the program's time zone, Unix seconds,
 * RFC 3339, RFC 2822, zoned formats). The float arithmetic reproduces the old implementation, quirks
 * included (a float of milliseconds keeps only whole seconds plus the fraction as microseconds;
 * nanoseconds round the fraction to 0 or 1 ns). `microseconds` is an addition.
 */
import { K, Kind } from '../../types/index.js';
import { isValidTimestamp, NANOS_PER_SECOND } from '../../time/index.js';
import {
  isBytes,
  kindDisplay,
  kindOf,
  toText,
  VrlError,
  VrlTimestamp,
  type Value,
} from '../../value/index.js';
import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';
import { convertTimestamp } from './util/conversion.js';
import { floatToI64, rustFloatDisplay } from './util/rust.js';

type Unit = 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds';
const UNITS: readonly Unit[] = ['seconds', 'milliseconds', 'microseconds', 'nanoseconds'];

/** Rust's `f64 as u32`: truncates and saturates at 0 and u32::MAX. */
function asU32(x: number): number {
  return Math.min(Math.max(Math.trunc(x), 0), 4294967295);
}

/** chrono's `Utc.timestamp_opt(secs, nsecs)`; undefined where chrono has no such instant. */
function timestampOpt(seconds: bigint, nanos: number): bigint | undefined {
  if (nanos >= 2e9) return undefined;
  // A nanosecond field of a second or more is only valid as a leap second (chrono folds it here).
  if (nanos >= 1e9 && ((seconds % 60n) + 60n) % 60n !== 59n) return undefined;
  const ns = seconds * NANOS_PER_SECOND + BigInt(nanos);
  return isValidTimestamp(ns) ? ns : undefined;
}

function fromInteger(v: bigint, unit: Unit): bigint {
  let ns: bigint | undefined;
  switch (unit) {
    case 'seconds':
      ns = v * NANOS_PER_SECOND;
      break;
    case 'milliseconds':
      ns = v * 1_000_000n;
      break;
    case 'microseconds':
      ns = v * 1_000n;
      break;
    case 'nanoseconds':
      return v;
  }
  if (!isValidTimestamp(ns)) throw new VrlError(`unable to coerce ${v} into timestamp`);
  return ns;
}

function fromFloat(v: number, unit: Unit): bigint {
  const trunc = Math.trunc(v);
  const fract = v - trunc;
  let ns: bigint | undefined;
  switch (unit) {
    case 'seconds':
      ns = timestampOpt(floatToI64(trunc), asU32(Math.round(Math.abs(fract * 1e9)) * Math.sign(fract)));
      break;
    case 'milliseconds':
      ns = timestampOpt(floatToI64(trunc / 1e3), asU32(Math.round(Math.abs(fract * 1e6)) * Math.sign(fract)));
      break;
    case 'microseconds':
      ns = timestampOpt(floatToI64(trunc / 1e6), asU32(Math.round(Math.abs(fract * 1e3)) * Math.sign(fract)));
      break;
    case 'nanoseconds':
      ns = timestampOpt(floatToI64(trunc / 1e9), asU32(Math.round(Math.abs(fract)) * Math.sign(fract)));
      break;
  }
  if (ns === undefined) throw new VrlError(`unable to coerce ${rustFloatDisplay(v)} into timestamp`);
  return ns;
}

export function coerceToTimestamp(value: Value, unit: Unit, timezone: string): VrlTimestamp {
  if (value instanceof VrlTimestamp) return value;
  if (typeof value === 'bigint') return new VrlTimestamp(fromInteger(value, unit));
  if (typeof value === 'number') return new VrlTimestamp(fromFloat(value, unit));
  if (isBytes(value)) return new VrlTimestamp(convertTimestamp(toText(value), timezone));
  throw new VrlError(`unable to coerce ${kindDisplay(kindOf(value))} into timestamp`);
}

export const toTimestamp: FunctionDef = {
  name: 'to_timestamp',
  parameters: [required('value', K.ANY), optional('unit', K.BYTES)],
  compatOnly: true,
  compile(args, ctx) {
    let unit: Unit = 'seconds';
    if (args[1] !== undefined) {
      const constant = args[1].constant?.value;
      const text = constant !== undefined && isBytes(constant) ? toText(constant) : undefined;
      if (text === undefined)
        throw new FunctionCompileError(402, 'expected static expression for argument "unit"', 1);
      if (!(UNITS as readonly string[]).includes(text)) {
        throw new FunctionCompileError(401, 'invalid enum variant for argument "unit"', 1, [
          `expected one of: ${UNITS.map((u) => `"${u}"`).join(', ')}`,
        ]);
      }
      unit = text as Unit;
    }
    const timezone = ctx.timezone;
    return {
      kind: Kind.timestamp(),
      fallible: !args[0]!.kind.isSubsetOf(K.TIMESTAMP),
      pure: true,
      call: (value) => coerceToTimestamp(value!, unit, timezone),
    };
  },
  examples: [
    {
      title: 'timestamp',
      source: "to_timestamp(t'2020-01-01T00:00:00Z')",
      result: "t'2020-01-01T00:00:00Z'",
    },
    { title: 'integer as seconds', source: 'to_timestamp!(5)', result: "t'1970-01-01T00:00:05Z'" },
    { title: 'float as seconds', source: 'to_timestamp!(5.6)', result: "t'1970-01-01T00:00:05.600Z'" },
    {
      title: 'integer as milliseconds',
      source: 'to_timestamp!(5000, unit: "milliseconds")',
      result: "t'1970-01-01T00:00:05Z'",
    },
    {
      title: 'float as nanoseconds',
      source: 'to_timestamp!(56000000000.7, unit: "nanoseconds")',
      result: "t'1970-01-01T00:00:56.000000001Z'",
    },
    {
      title: 'string valid',
      source: "to_timestamp!(s'2020-01-01T00:00:00Z')",
      result: "t'2020-01-01T00:00:00Z'",
    },
    {
      title: 'string invalid',
      source: "to_timestamp!(s'foo')",
      error: 'function call error for "to_timestamp" at (0:21): No matching timestamp format found for "foo"',
    },
    {
      title: 'true',
      source: 'to_timestamp!(true)',
      error: 'function call error for "to_timestamp" at (0:19): unable to coerce boolean into timestamp',
    },
    {
      title: 'false',
      source: 'to_timestamp!(false)',
      error: 'function call error for "to_timestamp" at (0:20): unable to coerce boolean into timestamp',
    },
    {
      title: 'null',
      source: 'to_timestamp!(null)',
      error: 'function call error for "to_timestamp" at (0:19): unable to coerce null into timestamp',
    },
    {
      title: 'array',
      source: 'to_timestamp!([])',
      error: 'function call error for "to_timestamp" at (0:17): unable to coerce array into timestamp',
    },
    {
      title: 'object',
      source: 'to_timestamp!({})',
      error: 'function call error for "to_timestamp" at (0:17): unable to coerce object into timestamp',
    },
    {
      title: 'regex',
      source: "to_timestamp!(r'foo')",
      error: 'function call error for "to_timestamp" at (0:21): unable to coerce regex into timestamp',
    },
  ],
};
