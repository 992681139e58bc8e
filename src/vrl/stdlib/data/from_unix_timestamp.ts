import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlError, VrlTimestamp } from '../../value/index.js';
import { fromEpochMicros, fromEpochMillis, fromEpochNanos, fromEpochSeconds } from '../../time/index.js';
import { staticEnum } from './args.js';
import { TIME_UNITS } from './timestamp_units.js';

const CONVERT = {
  seconds: fromEpochSeconds,
  milliseconds: fromEpochMillis,
  microseconds: fromEpochMicros,
  nanoseconds: fromEpochNanos,
} as const;

export const from_unix_timestamp: FunctionDef = {
  name: 'from_unix_timestamp',
  parameters: [required('value', K.INTEGER), optional('unit', K.BYTES)],
  compile(args) {
    const unit = staticEnum(args, 1, 'unit', TIME_UNITS, 'seconds');
    const convert = CONVERT[unit];
    return {
      kind: Kind.timestamp(),
      fallible: true,
      pure: true,
      call(value) {
        try {
          return new VrlTimestamp(convert(value as bigint));
        } catch {
          throw new VrlError(`unable to coerce ${value as bigint} into timestamp`);
        }
      },
    };
  },
  examples: [
    {
      title: 'Convert from a Unix timestamp (seconds)',
      source: 'from_unix_timestamp!(5)',
      result: "t'1970-01-01T00:00:05Z'",
    },
    {
      title: 'Convert from a Unix timestamp (milliseconds)',
      source: 'from_unix_timestamp!(5000, unit: "milliseconds")',
      result: "t'1970-01-01T00:00:05Z'",
    },
    {
      title: 'Convert from a Unix timestamp (microseconds)',
      source: 'from_unix_timestamp!(5000, unit: "microseconds")',
      result: "t'1970-01-01T00:00:00.005Z'",
    },
    {
      title: 'Convert from a Unix timestamp (nanoseconds)',
      source: 'from_unix_timestamp!(5000, unit: "nanoseconds")',
      result: "t'1970-01-01T00:00:00.000005Z'",
    },
  ],
};
