import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import type { Value } from '../../value/index.js';
import { textOf } from './args.js';
import { APACHE_COMMON, matchLogLine } from './access-log.js';

export const DEFAULT_ACCESS_TIMESTAMP_FORMAT = '%d/%b/%Y:%T %z';

export const COMMON_LOG_FIELDS: Record<string, Kind> = {
  host: Kind.bytes().orNull(),
  identity: Kind.bytes().orNull(),
  user: Kind.bytes().orNull(),
  timestamp: Kind.timestamp().orNull(),
  message: Kind.bytes().orNull(),
  method: Kind.bytes().orNull(),
  path: Kind.bytes().orNull(),
  protocol: Kind.bytes().orNull(),
  status: Kind.integer().orNull(),
  size: Kind.integer().orNull(),
};

const EXAMPLE_RESULT =
  '{"host": "127.0.0.1", "identity": "bob", "message": "GET /apache_pb.gif HTTP/1.0", "method": "GET", "path": "/apache_pb.gif", "protocol": "HTTP/1.0", "size": 2326, "status": 200, "timestamp": t\'2000-10-10T20:55:36Z\', "user": "frank"}';

export const parse_common_log: FunctionDef = {
  name: 'parse_common_log',
  parameters: [required('value', K.BYTES), optional('timestamp_format', K.BYTES)],
  compile(_args, ctx) {
    return {
      kind: Kind.object(COMMON_LOG_FIELDS),
      fallible: true,
      pure: true,
      call: (value: Value | undefined, format?: Value) => {
        const parsed = matchLogLine(
          APACHE_COMMON,
          textOf(value),
          format === undefined ? DEFAULT_ACCESS_TIMESTAMP_FORMAT : textOf(format),
          ctx.timezone,
        );
        if (!parsed) throw new VrlError('failed parsing common log line');
        return parsed;
      },
    };
  },
  examples: [
    {
      title: 'Parse using Common Log Format (with default timestamp format)',
      source: `parse_common_log!(s'127.0.0.1 bob frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326')`,
      result: EXAMPLE_RESULT,
    },
    {
      title: 'Parse using Common Log Format (with custom timestamp format)',
      source: `parse_common_log!(\n  s'127.0.0.1 bob frank [2000-10-10T20:55:36Z] "GET /apache_pb.gif HTTP/1.0" 200 2326',\n  "%+"\n)`,
      result: EXAMPLE_RESULT,
    },
  ],
};
