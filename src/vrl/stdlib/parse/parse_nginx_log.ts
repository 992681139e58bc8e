import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import { hasField, setField } from '../../value/object.js';
import type { Value } from '../../value/index.js';
import { staticEnum, textOf } from './args.js';
import {
  matchLogLine,
  NGINX_COMBINED,
  NGINX_ERROR,
  NGINX_INGRESS_UPSTREAMINFO,
  NGINX_MAIN,
} from './access-log.js';
import { DEFAULT_ACCESS_TIMESTAMP_FORMAT } from './parse_common_log.js';

type Format = 'combined' | 'error' | 'ingress_upstreaminfo' | 'main';

const b = (): Kind => Kind.bytes();
const KINDS: Record<Format, Kind> = {
  combined: Kind.object({
    client: b(),
    user: b().orNull(),
    timestamp: Kind.timestamp(),
    request: b(),
    status: Kind.integer(),
    size: Kind.integer(),
    referer: b().orNull(),
    agent: b().orNull(),
    compression: b().orNull(),
  }),
  ingress_upstreaminfo: Kind.object({
    remote_addr: b().orUndefined(),
    remote_user: b().orUndefined(),
    timestamp: Kind.timestamp(),
    request: b(),
    status: Kind.integer(),
    body_bytes_size: Kind.integer(),
    http_referer: b().orUndefined(),
    http_user_agent: b().orUndefined(),
    request_length: Kind.integer(),
    request_time: Kind.float(),
    proxy_upstream_name: b(),
    proxy_alternative_upstream_name: b().orUndefined(),
    upstream_addr: b(),
    upstream_response_length: Kind.integer(),
    upstream_response_time: Kind.float(),
    upstream_status: Kind.integer(),
    req_id: b(),
  }),
  main: Kind.object({
    remote_addr: b().orUndefined(),
    remote_user: b().orUndefined(),
    timestamp: Kind.timestamp(),
    request: b(),
    status: Kind.integer(),
    body_bytes_size: Kind.integer(),
    http_referer: b().orUndefined(),
    http_user_agent: b().orUndefined(),
    http_x_forwarded_for: b().orUndefined(),
  }),
  error: Kind.object({
    timestamp: Kind.timestamp(),
    severity: b(),
    pid: Kind.integer(),
    tid: Kind.integer(),
    cid: Kind.integer(),
    message: b(),
    excess: Kind.float().orNull(),
    zone: b().orNull(),
    client: b().orNull(),
    server: b().orNull(),
    request: b().orNull(),
    upstream: b().orNull(),
    host: b().orNull(),
    port: b().orNull(),
  }),
};

const PATTERNS = {
  combined: NGINX_COMBINED,
  error: NGINX_ERROR,
  ingress_upstreaminfo: NGINX_INGRESS_UPSTREAMINFO,
  main: NGINX_MAIN,
};

export const parse_nginx_log: FunctionDef = {
  name: 'parse_nginx_log',
  parameters: [
    required('value', K.BYTES),
    required('format', K.BYTES),
    optional('timestamp_format', K.BYTES),
  ],
  compile(args, ctx) {
    const format = staticEnum<Format>(
      args,
      1,
      'format',
      ['combined', 'error', 'ingress_upstreaminfo', 'main'],
      'combined',
    );
    const defaultTimestampFormat = format === 'error' ? '%Y/%m/%d %H:%M:%S' : DEFAULT_ACCESS_TIMESTAMP_FORMAT;
    return {
      kind: KINDS[format],
      fallible: true,
      pure: true,
      call: (value: Value | undefined, _format?: Value, timestampFormat?: Value) => {
        const parsed = matchLogLine(
          [PATTERNS[format]],
          textOf(value),
          timestampFormat === undefined ? defaultTimestampFormat : textOf(timestampFormat),
          ctx.timezone,
        );
        if (!parsed) throw new VrlError('failed parsing log line');
        if (hasField(parsed, 'referrer')) {
          const referrer = parsed.referrer!;
          delete parsed.referrer;
          setField(parsed, 'referer', referrer);
        }
        return parsed;
      },
    };
  },
  examples: [
    {
      title: 'Parse via Nginx log format (combined)',
      source: `parse_nginx_log!(\n  s'172.17.0.1 - alice [01/Apr/2021:12:02:31 +0000] "POST /not-found HTTP/1.1" 404 153 "http://localhost/somewhere" "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.119 Safari/537.36" "2.75"',\n  "combined",\n)`,
      result:
        '{"agent": "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.119 Safari/537.36", "client": "172.17.0.1", "compression": "2.75", "referer": "http://localhost/somewhere", "request": "POST /not-found HTTP/1.1", "size": 153, "status": 404, "timestamp": t\'2021-04-01T12:02:31Z\', "user": "alice"}',
    },
    {
      title: 'Parse via Nginx log format (error)',
      source: `parse_nginx_log!(\n  s'2021/04/01 13:02:31 [error] 31#31: *1 open() "/usr/share/nginx/html/not-found" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "POST /not-found HTTP/1.1", host: "localhost:8081"',\n  "error"\n)`,
      result:
        '{"cid": 1, "client": "172.17.0.1", "host": "localhost:8081", "message": "open() \\"/usr/share/nginx/html/not-found\\" failed (2: No such file or directory)", "pid": 31, "request": "POST /not-found HTTP/1.1", "server": "localhost", "severity": "error", "tid": 31, "timestamp": t\'2021-04-01T13:02:31Z\'}',
    },
    {
      title: 'Parse via Nginx log format (ingress_upstreaminfo)',
      source: `parse_nginx_log!(\n  s'0.0.0.0 - bob [18/Mar/2023:15:00:00 +0000] "GET /some/path HTTP/2.0" 200 12312 "https://10.0.0.1/some/referer" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36" 462 0.050 [some-upstream-service-9000] [some-other-upstream-5000] 10.0.50.80:9000 19437 0.049 200 752178adb17130b291aefd8c386279e7',\n  "ingress_upstreaminfo"\n)`,
      result:
        '{"body_bytes_size": 12312, "http_referer": "https://10.0.0.1/some/referer", "http_user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36", "proxy_alternative_upstream_name": "some-other-upstream-5000", "proxy_upstream_name": "some-upstream-service-9000", "remote_addr": "0.0.0.0", "remote_user": "bob", "req_id": "752178adb17130b291aefd8c386279e7", "request": "GET /some/path HTTP/2.0", "request_length": 462, "request_time": 0.05, "status": 200, "timestamp": t\'2023-03-18T15:00:00Z\', "upstream_addr": "10.0.50.80:9000", "upstream_response_length": 19437, "upstream_response_time": 0.049, "upstream_status": 200}',
    },
    {
      title: 'Parse via Nginx log format (main)',
      source: `parse_nginx_log!(\n  s'172.24.0.3 - alice [31/Dec/2024:17:32:06 +0000] "GET / HTTP/1.1" 200 615 "https://domain.tld/path" "curl/8.11.1" "1.2.3.4, 10.10.1.1"',\n  "main"\n)`,
      result:
        '{"body_bytes_size": 615, "http_referer": "https://domain.tld/path", "http_user_agent": "curl/8.11.1", "http_x_forwarded_for": "1.2.3.4, 10.10.1.1", "remote_addr": "172.24.0.3", "remote_user": "alice", "request": "GET / HTTP/1.1", "status": 200, "timestamp": t\'2024-12-31T17:32:06Z\'}',
    },
  ],
};
