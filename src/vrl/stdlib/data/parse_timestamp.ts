import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError, VrlTimestamp } from '../../value/index.js';
import { parseTimestamp, TimeFormatError } from '../../time/index.js';

export const parse_timestamp: FunctionDef = {
  name: 'parse_timestamp',
  parameters: [
    required('value', K.BYTES | K.TIMESTAMP),
    required('format', K.BYTES),
    optional('timezone', K.BYTES),
  ],
  compile(_args, ctx) {
    return {
      kind: Kind.timestamp(),
      fallible: true,
      pure: true,
      call(value, format, timezone) {
        if (value instanceof VrlTimestamp) return value;
        const text = toText(value as string | Uint8Array);
        let zone =
          timezone === undefined || timezone === null
            ? ctx.timezone
            : toText(timezone as string | Uint8Array);
        if (zone === '') zone = 'local'; // VRL reads an empty zone name as the local zone

        try {
          return new VrlTimestamp(parseTimestamp(text, toText(format as string | Uint8Array), zone));
        } catch (e) {
          if (e instanceof TimeFormatError) throw new VrlError(e.message);
          throw e;
        }
      },
    };
  },
  examples: [
    {
      title: 'Parse timestamp',
      source: 'parse_timestamp!("10-Oct-2020 16:00+00:00", format: "%v %R %:z")',
      result: "t'2020-10-10T16:00:00Z'",
    },
    {
      title: 'Parse timestamp with timezone',
      source: 'parse_timestamp!("16/10/2019 12:00:00", format: "%d/%m/%Y %H:%M:%S", timezone: "Asia/Taipei")',
      result: "t'2019-10-16T04:00:00Z'",
    },
  ],
};
