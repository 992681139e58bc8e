import { describe, expect, it } from 'vitest';
import { parse_apache_log } from './parse_apache_log.js';
import { parse_common_log } from './parse_common_log.js';
import { parse_nginx_log } from './parse_nginx_log.js';
import { callError, callFn, runOracle, runOurs, toPlain, vrlString } from './test-helpers/testing.js';
import { FunctionCompileError } from '../function.js';

const CLF = [
  '127.0.0.1 bob frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  '- - - - - - -',
  '  127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "-" - -  ',
  '127.0.0.1 - - [-] "GET /x HTTP/1.1" 304 -',
  '10.0.0.1 - jane doe [10/Oct/2000:13:55:36 +0200] "POST /a b c HTTP/1.1" 201 0',
  '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "garbage request" 400 12',
  '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /q?x=\\"y\\" HTTP/1.1" 200 5',
  '10.0.0.1 - - [10/Oct/2000:13:55:36] "GET / HTTP/1.1" 200 5',
  '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 99999999999999999999',
  '1 2 3 [31/Feb/2000:13:55:36 -0700] "GET" 200 1',
  'not a log line',
  '',
];

const COMBINED = [
  '127.0.0.1 bob frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
  '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326 "-" "-"',
  '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326 - -',
  '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326 "ref" "agent" trailing stuff',
  '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326',
];

const ERROR = [
  '[01/Mar/2021:12:00:19 +0000] [ab:alert] [pid 4803:tid 3814] [client 147.159.108.175:24259] I will bypass the haptic COM bandwidth, that should matrix the CSS driver!',
  '[01/Mar/2021:12:00:19 +0000] [ab:alert] [pid 4803] [client 147.159.108.175:24259] message',
  '[01/Mar/2021:12:00:19 +0000] [-] [-] [-] -',
  '[Mon Mar 01 12:00:19.123456 2021] [core:error] [pid 4803:tid 3814] [client 1.2.3.4:5678] AH00037: Symbolic link not allowed: /var/www',
  '[Mon Mar 01 12:00:19 2021] [proxy:warn] [pid 12] AH01144: No protocol handler was valid for the URL /x, referer http://a/b',
];

const NGINX: [string, string][] = [
  [
    '172.17.0.1 - alice [01/Apr/2021:12:02:31 +0000] "POST /not-found HTTP/1.1" 404 153 "http://localhost/somewhere" "Mozilla/5.0" "2.75"',
    'combined',
  ],
  ['172.17.0.1 - - [01/Apr/2021:12:02:31 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.64.0"', 'combined'],
  ['172.17.0.1 - - [01/Apr/2021:12:02:31 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.64.0" "-"', 'combined'],
  [
    '2021/04/01 13:02:31 [error] 31#31: *1 open() "/usr/share/nginx/html/not-found" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "POST /not-found HTTP/1.1", host: "localhost:8081"',
    'error',
  ],
  [
    '2021/04/01 13:02:31 [warn] 1#1: *7 delaying request, excess: 0.960, by zone "one", client: 10.0.0.1, server: example.com, request: "GET / HTTP/1.1", host: "example.com", referrer: "http://a/"',
    'error',
  ],
  ['2021/04/01 13:02:31 [notice] 1#1: signal process started', 'error'],
  [
    '2021/04/01 13:02:31 [crit] 7#7: *3 connect() failed, upstream: "http://10.0.0.2:80/", host: "h"',
    'error',
  ],
  [
    '0.0.0.0 - bob [18/Mar/2023:15:00:00 +0000] "GET /some/path HTTP/2.0" 200 12312 "https://10.0.0.1/some/referer" "Mozilla/5.0" 462 0.050 [some-upstream-service-9000] [some-other-upstream-5000] 10.0.50.80:9000 19437 0.049 200 752178adb17130b291aefd8c386279e7',
    'ingress_upstreaminfo',
  ],
  [
    '0.0.0.0 - - [18/Mar/2023:15:00:00 +0000] "GET / HTTP/2.0" 200 1 "-" "-" 4 0.001 [up] [] - - - - abc',
    'ingress_upstreaminfo',
  ],
  [
    '172.24.0.3 - alice [31/Dec/2024:17:32:06 +0000] "GET / HTTP/1.1" 200 615 "https://domain.tld/path" "curl/8.11.1" "1.2.3.4, 10.10.1.1"',
    'main',
  ],
  ['172.24.0.3 - - [31/Dec/2024:17:32:06 +0000] "GET / HTTP/1.1" 200 615 "-" "-" "-"', 'main'],
  ['garbage', 'main'],
  ['2021/02/30 13:02:31 [error] 31#31: *1 invalid date', 'error'],
  ['2021/02/28 25:02:31 [error] 31#31: *1 invalid hour', 'error'],
];

describe('parse_common_log', () => {
  it('documented example', () => {
    expect(toPlain(callFn(parse_common_log, [CLF[0]!]))).toEqual({
      host: '127.0.0.1',
      identity: 'bob',
      message: 'GET /apache_pb.gif HTTP/1.0',
      method: 'GET',
      path: '/apache_pb.gif',
      protocol: 'HTTP/1.0',
      size: 2326,
      status: 200,
      timestamp: '2000-10-10T20:55:36Z',
      user: 'frank',
    });
    expect(callError(parse_common_log, ['x'])).toBe('failed parsing common log line');
  });
  for (const line of CLF) {
    it(`matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_common_log, [line])).toEqual(runOracle(`parse_common_log!(${vrlString(line)})`));
    });
  }
  it('custom timestamp format', () => {
    const line = '127.0.0.1 bob frank [2000-10-10T20:55:36Z] "GET /apache_pb.gif HTTP/1.0" 200 2326';
    expect(runOurs(parse_common_log, [line, '%+'])).toEqual(
      runOracle(`parse_common_log!(${vrlString(line)}, "%+")`),
    );
    expect(runOurs(parse_common_log, [CLF[0]!, '%d/%b/%Y:%T'])).toEqual(
      runOracle(`parse_common_log!(${vrlString(CLF[0]!)}, "%d/%b/%Y:%T")`),
    );
  });
});

describe('parse_apache_log', () => {
  for (const [format, lines] of [
    ['common', CLF],
    ['combined', COMBINED],
    ['error', ERROR],
  ] as const) {
    for (const line of lines) {
      it(`${format}: matches VRL on ${JSON.stringify(line)}`, () => {
        expect(runOurs(parse_apache_log, [line, format])).toEqual(
          runOracle(`parse_apache_log!(${vrlString(line)}, format: "${format}")`),
        );
      });
    }
  }
  it('error format with a custom timestamp format', () => {
    const line = ERROR[3]!;
    expect(runOurs(parse_apache_log, [line, 'error', '%a %b %d %H:%M:%S%.f %Y'])).toEqual(
      runOracle(
        `parse_apache_log!(${vrlString(line)}, format: "error", timestamp_format: "%a %b %d %H:%M:%S%.f %Y")`,
      ),
    );
  });
  it('rejects an unknown format at compile time', () => {
    expect(() => callFn(parse_apache_log, ['x', 'nginx'])).toThrow(FunctionCompileError);
  });
});

describe('parse_nginx_log', () => {
  for (const [line, format] of NGINX) {
    it(`${format}: matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_nginx_log, [line, format])).toEqual(
        runOracle(`parse_nginx_log!(${vrlString(line)}, format: "${format}")`),
      );
    });
  }
});

describe('hostile input', () => {
  const junk = `${'a '.repeat(25_000)}${'[x" '.repeat(12_500)}`;
  it('completes on 100 KB non-matching lines', () => {
    expect(callError(parse_common_log, [junk])).toBe('failed parsing common log line');
    for (const format of ['common', 'combined', 'error']) {
      expect(callError(parse_apache_log, [junk, format])).toBe(`failed parsing ${format} log line`);
    }
    for (const format of ['combined', 'error', 'ingress_upstreaminfo', 'main']) {
      expect(callError(parse_nginx_log, [junk, format])).toBe('failed parsing log line');
    }
  });
});
