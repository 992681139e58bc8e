import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError, type VrlTimestamp } from '../../value/index.js';
import { formatTimestamp, TimeFormatError } from '../../time/index.js';

export const format_timestamp: FunctionDef = {
  name: 'format_timestamp',
  parameters: [required('value', K.TIMESTAMP), required('format', K.BYTES), optional('timezone', K.BYTES)],
  compile() {
    return {
      kind: Kind.bytes(),
      fallible: true,
      pure: true,
      call(value, format, timezone) {
        // Without a `timezone` argument VRL formats in UTC (not the program's default zone).
        const zone =
          timezone === undefined || timezone === null ? undefined : toText(timezone as string | Uint8Array);
        try {
          return formatTimestamp((value as VrlTimestamp).ns, toText(format as string | Uint8Array), zone);
        } catch (e) {
          if (e instanceof TimeFormatError) throw new VrlError(e.message);
          throw e;
        }
      },
    };
  },
  examples: [
    {
      title: 'Format a timestamp (ISO8601/RFC 3339)',
      source: `format_timestamp!(t'2020-10-21T16:00:00Z', format: "%+")`,
      result: '"2020-10-21T16:00:00+00:00"',
    },
    {
      title: 'Format a timestamp (custom)',
      source: `format_timestamp!(t'2020-10-21T16:00:00Z', format: "%v %R")`,
      result: '"21-Oct-2020 16:00"',
    },
    {
      title: 'Format a timestamp with custom format string',
      source: `format_timestamp!(t'2021-02-10T23:32:00+00:00', format: "%d %B %Y %H:%M")`,
      result: '"10 February 2021 23:32"',
    },
    {
      title: 'Format a timestamp with timezone conversion',
      source: `format_timestamp!(t'2021-02-10T23:32:00+00:00', format: "%d %B %Y %H:%M", timezone: "Europe/Berlin")`,
      result: '"11 February 2021 00:32"',
    },
  ],
};
