import { describe, expect, it } from 'vitest';
import { parse_aws_alb_log } from './parse_aws_alb_log.js';
import { parse_aws_vpc_flow_log } from './parse_aws_vpc_flow_log.js';
import { callError, callFn, runOracle, runOurs, toPlain, vrlString } from './test-helpers/testing.js';

const ALB =
  'http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "-" "-" "-" "-" "-"';
const ALB_HTTPS =
  'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-"';

describe('parse_aws_alb_log', () => {
  const lines: [string, boolean?][] = [
    [ALB],
    [ALB_HTTPS],
    [`${ALB} TID_12345`],
    [`${ALB} extra`],
    ['x'],
    [''],
    [
      'http 2018-11-30T22:23:00.186641Z app/x 192.168.131.39:2817 - x 0.001 0.000 200 200 34 366 "GET / HTTP/1.1"',
    ],
    ['http 2018-11-30T22:23:00.186641Z app/x 192.168.131.39:2817 - 0.0 0.001 0.000 200 200 34 366 "GET"'],
    ['http 2018-11-30T22:23:00.186641Z app/x 192.168.131.39:2817 - 0.0 0.001 0.000 200 200 34 366 "GET /'],
    [
      'http 2018-11-30T22:23:00.186641Z app/x 192.168.131.39:2817 - 0.0 0.001 0.000 200 200 34 366 "- - -" "a \\"b\\"" - - arn "t" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "-" 10.0.0.1:80 200 "-" "-"',
    ],
  ];
  for (const [line, strict] of lines) {
    it(`matches VRL on ${JSON.stringify([line, strict])}`, () => {
      const src = `parse_aws_alb_log!(${vrlString(line)}${strict === false ? ', strict_mode: false' : ''})`;
      const want = runOracle(src);
      expect(runOurs(parse_aws_alb_log, [line, strict])).toEqual(want);
    });
  }
  it('non-strict mode ignores trailing fields (newer than the oracle)', () => {
    const out = toPlain(callFn(parse_aws_alb_log, [`${ALB} TID_12345 "-" "-" "-"`, false])) as Record<
      string,
      unknown
    >;
    expect(out.traceability_id).toBe('TID_12345');
    expect(out.target_port_list).toEqual([]);
    expect(callError(parse_aws_alb_log, [`${ALB} TID_12345 "-"`])).toBe(
      'Log should be fully consumed: " "-""',
    );
  });

  it('completes on a 100 KB hostile line', () => {
    expect(callError(parse_aws_alb_log, [`http ${'1'.repeat(100_000)}x`])).toMatch(/^failed to get field/);
  });
});

describe('parse_aws_vpc_flow_log', () => {
  it('documented example', () => {
    expect(
      toPlain(
        callFn(parse_aws_vpc_flow_log, [
          '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA',
        ]),
      ),
    ).toEqual({
      version: 2,
      account_id: '123456789010',
      interface_id: 'eni-1235b8ca123456789',
      srcaddr: null,
      dstaddr: null,
      srcport: null,
      dstport: null,
      protocol: null,
      packets: null,
      bytes: null,
      start: 1431280876,
      end: 1431280934,
      action: null,
      log_status: 'NODATA',
    });
  });
  it('v11 fields (newer than the oracle)', () => {
    expect(
      toPlain(
        callFn(parse_aws_vpc_flow_log, [
          '11 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 REJECT OK BPA nat-0c50d5961bcb2d47b 1 nat_gateway',
          'version srcaddr dstaddr srcport dstport protocol start end action log_status reject_reason resource_id encryption_status interface_type',
        ]),
      ),
    ).toMatchObject({
      reject_reason: 'BPA',
      resource_id: 'nat-0c50d5961bcb2d47b',
      encryption_status: 1,
      interface_type: 'nat_gateway',
    });
  });

  const lines: [string, string?][] = [
    [
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    ],
    [
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT',
    ],
    [
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK extra',
    ],
    [
      'x 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    ],
    ['a b', 'version bogus'],
    ['1 2', 'version version'],
    [
      '- eni-1 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5',
      'instance_id interface_id srcaddr dstaddr pkt_srcaddr pkt_dstaddr',
    ],
    ['', ''],
  ];
  for (const [line, format] of lines) {
    it(`matches VRL on ${JSON.stringify([line, format])}`, () => {
      const src = `parse_aws_vpc_flow_log!(${vrlString(line)}${format === undefined ? '' : `, ${vrlString(format)}`})`;
      expect(runOurs(parse_aws_vpc_flow_log, [line, format])).toEqual(runOracle(src));
    });
  }
});
