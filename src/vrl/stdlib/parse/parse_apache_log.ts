import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import type { Value } from '../../value/index.js';
import { staticEnum, textOf } from './args.js';
import { APACHE_COMBINED, APACHE_COMMON, APACHE_ERROR, matchLogLine } from './access-log.js';
import { COMMON_LOG_FIELDS, DEFAULT_ACCESS_TIMESTAMP_FORMAT } from './parse_common_log.js';

type Format = 'common' | 'combined' | 'error';

const KINDS: Record<Format, Kind> = {
  common: Kind.object(COMMON_LOG_FIELDS),
  combined: Kind.object({
    ...COMMON_LOG_FIELDS,
    referrer: Kind.bytes().orNull(),
    agent: Kind.bytes().orNull(),
  }),
  error: Kind.object({
    timestamp: Kind.timestamp().orNull(),
    module: Kind.bytes().orNull(),
    severity: Kind.bytes().orNull(),
    thread: Kind.bytes().orNull(),
    port: Kind.bytes().orNull(),
    message: Kind.bytes().orNull(),
  }),
};

const PATTERNS = { common: APACHE_COMMON, combined: APACHE_COMBINED, error: APACHE_ERROR };

export const parse_apache_log: FunctionDef = {
  name: 'parse_apache_log',
  parameters: [
    required('value', K.BYTES),
    required('format', K.BYTES),
    optional('timestamp_format', K.BYTES),
  ],
  compile(args, ctx) {
    const format = staticEnum<Format>(args, 1, 'format', ['common', 'combined', 'error'], 'common');
    return {
      kind: KINDS[format],
      fallible: true,
      pure: true,
      call: (value: Value | undefined, _format?: Value, timestampFormat?: Value) => {
        const parsed = matchLogLine(
          PATTERNS[format],
          textOf(value),
          timestampFormat === undefined ? DEFAULT_ACCESS_TIMESTAMP_FORMAT : textOf(timestampFormat),
          ctx.timezone,
        );
        if (!parsed) throw new VrlError(`failed parsing ${format} log line`);
        return parsed;
      },
    };
  },
  examples: [
    {
      title: 'Parse using Apache log format (common)',
      source: `parse_apache_log!(s'127.0.0.1 bob frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326', format: "common")`,
      result:
        '{"host": "127.0.0.1", "identity": "bob", "message": "GET /apache_pb.gif HTTP/1.0", "method": "GET", "path": "/apache_pb.gif", "protocol": "HTTP/1.0", "size": 2326, "status": 200, "timestamp": t\'2000-10-10T20:55:36Z\', "user": "frank"}',
    },
    {
      title: 'Parse using Apache log format (combined)',
      source: `parse_apache_log!(\n  s'127.0.0.1 bob frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.seniorinfomediaries.com/vertical/channels/front-end/bandwidth" "Mozilla/5.0 (X11; Linux i686; rv:5.0) Gecko/1945-10-12 Firefox/37.0"',\n  "combined",\n)`,
      result:
        '{"agent": "Mozilla/5.0 (X11; Linux i686; rv:5.0) Gecko/1945-10-12 Firefox/37.0", "host": "127.0.0.1", "identity": "bob", "message": "GET /apache_pb.gif HTTP/1.0", "method": "GET", "path": "/apache_pb.gif", "protocol": "HTTP/1.0", "referrer": "http://www.seniorinfomediaries.com/vertical/channels/front-end/bandwidth", "size": 2326, "status": 200, "timestamp": t\'2000-10-10T20:55:36Z\', "user": "frank"}',
    },
    {
      title: 'Parse using Apache log format (error)',
      source: `parse_apache_log!(\n  s'[01/Mar/2021:12:00:19 +0000] [ab:alert] [pid 4803:tid 3814] [client 147.159.108.175:24259] I will bypass the haptic COM bandwidth, that should matrix the CSS driver!',\n  "error"\n)`,
      result:
        '{"client": "147.159.108.175", "message": "I will bypass the haptic COM bandwidth, that should matrix the CSS driver!", "module": "ab", "pid": 4803, "port": 24259, "severity": "alert", "thread": "3814", "timestamp": t\'2021-03-01T12:00:19Z\'}',
    },
  ],
};
