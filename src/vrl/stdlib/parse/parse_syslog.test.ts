import { describe, expect, it } from 'vitest';
import { parse_syslog, resolveYear } from './parse_syslog.js';
import {
  callError,
  callFn,
  DEFAULT_CTX,
  runOracle,
  runOurs,
  toPlain,
  vrlString,
} from './test-helpers/testing.js';

describe('parse_syslog', () => {
  it('documented example', () => {
    const line =
      '<13>1 2020-03-13T20:45:38.119Z dynamicwireless.name non 2426 ID931 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"] Try to override the THX port, maybe it will reboot the neural interface!';
    expect(toPlain(callFn(parse_syslog, [line]))).toEqual({
      appname: 'non',
      'exampleSDID@32473': { eventID: '1011', eventSource: 'Application', iut: '3' },
      facility: 'user',
      hostname: 'dynamicwireless.name',
      message: 'Try to override the THX port, maybe it will reboot the neural interface!',
      msgid: 'ID931',
      procid: 2426,
      severity: 'notice',
      timestamp: '2020-03-13T20:45:38.119Z',
      version: 1,
    });
  });

  it('fails on non-syslog text', () => {
    expect(callError(parse_syslog, ['not much of a syslog message'])).toBe(
      'unable to parse input as valid syslog message',
    );
  });

  it('infers the year (December seen in January is last year)', () => {
    expect(resolveYear(12, new Date('2024-01-05T00:00:00Z'))).toBe(2023);
    expect(resolveYear(11, new Date('2024-01-05T00:00:00Z'))).toBe(2024);
    expect(resolveYear(12, new Date('2024-02-05T00:00:00Z'))).toBe(2024);
  });

  it('reads dates without an offset in the program time zone', () => {
    const ctx = { ...DEFAULT_CTX, timezone: 'America/New_York' };
    const out = toPlain(callFn(parse_syslog, ['<13>Mar 10 12:00:00 host app: hi'], ctx)) as {
      timestamp: string;
    };
    const utc = toPlain(callFn(parse_syslog, ['<13>Mar 10 12:00:00 host app: hi'])) as { timestamp: string };
    expect(Date.parse(out.timestamp) - Date.parse(utc.timestamp)).toBeGreaterThanOrEqual(4 * 3600_000);
  });

  const lines = [
    '<13>1 2020-03-13T20:45:38.119Z dynamicwireless.name non 2426 ID931 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"] Try to override the THX port!',
    '<133>Jun 13 16:33:35 haproxy[73411]: Proxy sticky-servers started.',
    'Jun 13 16:33:35 haproxy[73411]: I am missing a pri.',
    '<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [empty] qwerty',
    '<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [non_empty x="1"][empty] qwerty',
    '<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [non_empty x=""][empty] qwerty',
    '<131>Jun 8 11:54:08 master apache_error [Tue Jun 08 11:54:08.929301 2021] [php7:emerg] [pid 1374899] [client 95.223.77.60:41888] rest of message',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 key="hello \\"test\\""] An application event log entry...',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 key="hello a\\\\b"] An application event log entry...',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 key="hello [bye\\]"] An application event log entry...',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [a x="1\\n2\\q"][bad stuff][b y="2"] msg',
    "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
    '<34>Oct 11 22:14:15 2003 mymachine su: with a year',
    '<34>Oct  1 22:14:15 mymachine su[123]: two spaces',
    '<34>2003-10-11T22:14:15.003-07:00 mymachine su: rfc3339 in 3164',
    '<13>Feb 30 12:00:00 host app: invalid date',
    '<13>Feb 29 2020 12:00:00 host app: leap year',
    '<190>Dec 25 10:00:00 host app: december',
    '<13>Jun 13 16:33:35 host: message after host colon',
    '<13>Jun 13 16:33:35 - app[1]: dash host',
    '<13>Jun 13 16:33:35 host -: dash tag',
    '<13>Jun 13 16:33:35 [1]: empty app',
    '<13>Jun 13 16:33:35 host app[abc]: named pid',
    '<13>Jun 13 16:33:35 host app[+12]: plus pid',
    '<13>Jun 13 16:33:35 host app[99999999999]: big pid',
    '<13>Jun 13 16:33:35 host app: [id a="1" b="2"] structured in 3164',
    '<13>Jun 13 16:33:35 host app: - dash message',
    '<13>Jun 13 16:33:35.123 host app: fraction',
    '<13>Jun 13 16:33:35: host app: trailing colon',
    '<13>jun 13 16:33:35 host app: lowercase month',
    '<13>Jun 13 16:33:35 2001:db8::1 app: ipv6 host',
    '<13>Jun 13 16:33:35',
    '<13>Jun 13 16:33:35 host',
    '<999>Jun 13 16:33:35 host app: bad pri',
    '<200>Jun 13 16:33:35 host app: facility out of range',
    '<13>1 - host app 1 - - nil timestamp',
    '<13>1 2020-03-13T20:45:38Z - - - - -',
    '<13>1 2020-03-13T20:45:38Z host app proc msgid no structured data',
    '<13>1 2020-03-13T20:45:38Z host: app proc msgid - colon host',
    '<13>1 2020-03-13T20:45:38Z host app proc msgid [a b="c" d="e"]message right after',
    '<13>1 2020-03-13T20:45:38Z host app proc msgid [a b="c"  d="e"] double space',
    '<13>1 2020-03-13T20:45:38Z host app proc msgid [a  b="c"] double space after id',
    '<13>1 2020-03-13T20:45:38Z host app proc msgid [message x="y"] sd overrides message',
    '<13>1 2020-03-13T20:45:38.123456789123Z host app proc msgid - long fraction',
    '<13>1 2020-03-13t20:45:38z host app proc msgid - lowercase',
    '<13>1 2020-03-13T20:45:38+24:00 host app proc msgid - bad offset',
    '  <13>1 2020-03-13T20:45:38Z host app proc msgid - surrounding spaces  ',
    '<13>1\t2020-03-13T20:45:38Z\thost\tapp\tproc\tmsgid\t-\ttabs',
    '<86>Dec  7 17:00:01 web-01 sshd[2211]: Accepted publickey for deploy from 10.1.2.3 port 52311 ssh2: RSA SHA256:abc',
    '<14>Sep 30 12:34:56 fw01 %ASA-6-302013: Built outbound TCP connection',
    '<13>Jun 13 16:33:35 host app:no space',
    '<13>Jun 13 16:33:35 host app: ✓ unicode',
    '<46>Jan  5 15:33:03 plertrood-ThinkPad-X220 rsyslogd:  [origin software="rsyslogd" swVersion="8.32.0" x-pid="20506" x-info="http://www.rsyslog.com"] start',
    '<46>Jan  5 15:33:03 plertrood-ThinkPad-X220 rsyslogd:  [software="rsyslogd" swVersion="8.32.0" x-pid="20506" x-info="http://www.rsyslog.com"] start',
    '<46>Jan  5 15:33:03 plertrood-ThinkPad-X220  [software="rsyslogd" swVersion="8.32.0"] start',
    '<46>Jan 5 10:01:00 Übergröße außerplanmäßig größenordnungsmäßig',
    '<28>1 2020-05-22T14:59:09.250-03:00 OX-XXX-MX204 OX-XXX-CONTEUDO:rpd 6589 - - bgp_listen_accept: %DAEMON-4: Connection attempt from unconfigured neighbor: 2001:XXX::219:166+57284',
    '<13>Feb 13 20:07:26 74794bfb6795 root[8539]:syslog message',
    '<190>2019-02-13T21:53:30.605850+00:00 74794bfb6795 liblogging-stdlog:  [origin software="rsyslogd" swVersion="8.24.0" x-pid="9043" x-info="http://www.rsyslog.com"] start',
    "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \ufeff'su root' failed for lonvick on /dev/pts/8",
    '<134> Feb 29 14:07:19 myhostname sshd - - - this is my message',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"][examplePriority@32473 class="high"] An application event log entry...',
    '',
    'x',
  ];
  for (const line of lines) {
    it(`matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_syslog, [line])).toEqual(runOracle(`parse_syslog!(${vrlString(line)})`));
    });
  }

  // The oracle bundles syslog_loose 0.21; upstream VRL now uses 0.22, which keeps bracketed text
  // without parameters in the 3164 message and allows a trailing colon on 5424 fields.
  it('follows syslog_loose 0.22 where the oracle is older', () => {
    const year = new Date().getUTCFullYear();
    expect(
      toPlain(callFn(parse_syslog, ['<27>Jan 11 10:13:11 ip-10-0-0-1 kernel: [1234.5678] eth0: link up'])),
    ).toEqual({
      appname: 'kernel',
      facility: 'daemon',
      hostname: 'ip-10-0-0-1',
      message: '[1234.5678] eth0: link up',
      severity: 'err',
      timestamp: `${year}-01-11T10:13:11Z`,
    });
    expect(
      toPlain(callFn(parse_syslog, ['<13>Jun 13 16:33:35 host app: [id] not structured'])),
    ).toMatchObject({
      message: '[id] not structured',
    });
    expect(
      toPlain(callFn(parse_syslog, ['<13>1 2020-03-13T20:45:38Z host app: proc msgid: - colons'])),
    ).toMatchObject({
      appname: 'app:',
      msgid: 'msgid:',
      message: 'colons',
    });
  });

  it('completes on a 100 KB hostile line', () => {
    const line = `<13>1 2020-03-13T20:45:38Z h a p m ${'['.repeat(50_000)}${'a="'.repeat(16_000)}`;
    expect(() => callFn(parse_syslog, [line])).toThrow('unable to parse');
    const line2 = `Jun 13 16:33:35 h a: ${'[a b="c"'.repeat(12_500)}`;
    expect(toPlain(callFn(parse_syslog, [line2]))).toHaveProperty('message');
  });
});
