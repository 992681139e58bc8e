import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlError, type VrlTimestamp } from '../../value/index.js';
import { toEpochMicros, toEpochMillis, toEpochSeconds } from '../../time/index.js';
import { staticEnum } from './args.js';
import { TIME_UNITS } from './timestamp_units.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function toNanos(ns: bigint): bigint {
  if (ns < I64_MIN || ns > I64_MAX) throw new VrlError("can't convert out of range timestamp");
  return ns;
}

const CONVERT = {
  seconds: toEpochSeconds,
  milliseconds: toEpochMillis,
  microseconds: toEpochMicros,
  nanoseconds: toNanos,
} as const;

export const to_unix_timestamp: FunctionDef = {
  name: 'to_unix_timestamp',
  parameters: [required('value', K.TIMESTAMP), optional('unit', K.BYTES)],
  compile(args) {
    const unit = staticEnum(args, 1, 'unit', TIME_UNITS, 'seconds');
    const convert = CONVERT[unit];
    // Infallible in VRL's type system, although nanoseconds out of the i64 range abort.
    return {
      kind: Kind.integer(),
      fallible: false,
      pure: true,
      call: (value) => convert((value as VrlTimestamp).ns),
    };
  },
  examples: [
    {
      title: 'Convert to a Unix timestamp (seconds)',
      source: "to_unix_timestamp(t'2021-01-01T00:00:00+00:00')",
      result: '1609459200',
    },
    {
      title: 'Convert to a Unix timestamp (milliseconds)',
      source: `to_unix_timestamp(t'2021-01-01T00:00:00Z', unit: "milliseconds")`,
      result: '1609459200000',
    },
    {
      title: 'Convert to a Unix timestamp (microseconds)',
      source: `to_unix_timestamp(t'2021-01-01T00:00:00Z', unit: "microseconds")`,
      result: '1609459200000000',
    },
    {
      title: 'Convert to a Unix timestamp (nanoseconds)',
      source: `to_unix_timestamp(t'2021-01-01T00:00:00Z', unit: "nanoseconds")`,
      result: '1609459200000000000',
    },
  ],
};
