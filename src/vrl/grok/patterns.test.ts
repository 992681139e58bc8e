import { describe, expect, it } from 'vitest';

import { compileGrok, GROK_PATTERNS, grokMatch, isStandardPattern, parseGrok, parseGroks } from './index.js';

/** Whole-input matches (groks dialect anchors the pattern). */
function matches(name: string, text: string): boolean {
  return grokMatch(compileGrok(`%{${name}}`), text) !== null;
}

const CASES: Record<string, { yes: string[]; no: string[] }> = {
  USERNAME: { yes: ['root', 'john.doe-2_x'], no: ['a b', 'ü', ''] },
  USER: { yes: ['admin'], no: ['a@b c'] },
  EMAILLOCALPART: { yes: ['john.doe', "o'brien+tag"], no: ['.john', 'a..b'] },
  EMAILADDRESS: { yes: ['john.doe@example.com', 'x@localhost'], no: ['john@', '@example.com', 'a b@c.d'] },
  INT: { yes: ['0', '-12', '+7'], no: ['1.5', 'x1', ''] },
  BASE10NUM: { yes: ['1', '-1.5', '.5', '+3.25'], no: ['1.', 'e5', '1.2.3'] },
  NUMBER: { yes: ['42', '3.14'], no: ['abc', '--1'] },
  BASE16NUM: { yes: ['0x1F', 'deadBEEF', '-0xff'], no: ['0xZZ', 'g1'] },
  BASE16FLOAT: { yes: ['0x1.8', 'ff', '1.5'], no: ['0x', 'zz'] },
  POSINT: { yes: ['1', '8080'], no: ['0', '-1', '012'] },
  NONNEGINT: { yes: ['0', '012', '77'], no: ['-1', '1.0'] },
  WORD: { yes: ['hello', 'snake_case1'], no: ['two words', 'a-b', ''] },
  NOTSPACE: { yes: ['a/b?c=d'], no: ['a b', ''] },
  SPACE: { yes: ['', '   ', '\t'], no: ['x'] },
  DATA: { yes: ['', 'anything at all'], no: [] },
  GREEDYDATA: { yes: ['', 'anything at all'], no: [] },
  QUOTEDSTRING: {
    yes: ['"hello"', '"esc \\" aped"', "'single'", '`back`', '""'],
    no: ['"open', 'bare', '"a" "b"'],
  },
  QS: { yes: ['"Mozilla/5.0 (X11)"'], no: ['\'mixed"'] },
  UUID: { yes: ['123e4567-e89b-12d3-a456-426614174000'], no: ['123e4567e89b12d3a456426614174000', 'xyz'] },
  URN: {
    yes: ['urn:isbn:0451450523', 'urn:ietf:rfc:2648', 'urn:uuid:6e8bc430-9c3a-11d9'],
    no: ['urn:', 'isbn:1'],
  },
  CISCOMAC: { yes: ['0123.4567.89ab'], no: ['0123.4567'] },
  WINDOWSMAC: { yes: ['01-23-45-67-89-AB'], no: ['01-23-45-67-89'] },
  COMMONMAC: { yes: ['01:23:45:67:89:ab'], no: ['01:23:45:67:89:zz'] },
  MAC: { yes: ['0123.4567.89ab', '01-23-45-67-89-AB', '01:23:45:67:89:ab'], no: ['01:23:45'] },
  IPV4: {
    yes: ['0.0.0.0', '127.0.0.1', '192.168.1.254', '255.255.255.255', '10.0.0.9'],
    no: ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4x', '1.2.3.999', 'a.b.c.d'],
  },
  IPV6: {
    yes: [
      '::',
      '::1',
      '2001:db8::1',
      'fe80::1%eth0',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '1::',
      '1:2:3:4:5:6:7::',
      '::ffff:192.168.1.1',
      '64:ff9b::10.0.0.1',
      'FE80::0202:B3FF:FE1E:8329',
      '1:2:3:4:5:6:1.2.3.4',
    ],
    no: ['1:2:3:4:5:6:7:8:9', '2001:db8:::1', '1::2::3', '12345::', 'g::1', ':1', '1.2.3.4', '::ffff:1.2.3'],
  },
  IP: { yes: ['10.1.2.3', '::1'], no: ['example.com'] },
  HOSTNAME: {
    yes: ['localhost', 'example.com', 'a-b.example.co.uk', 'example.com.'],
    no: ['-bad.com', 'under_score.com', 'a..b', ''],
  },
  IPORHOST: { yes: ['10.0.0.1', 'www.example.org', '::1'], no: ['bad host'] },
  HOSTPORT: { yes: ['example.com:443', '10.0.0.1:8080'], no: ['example.com', 'example.com:0'] },
  UNIXPATH: { yes: ['/var/log/syslog', '/', '/a'], no: ['relative/path', 'C:\\x'] },
  TTY: { yes: ['/dev/pts/0', '/dev/tty1', '/dev/ttyp0'], no: ['/dev/null'] },
  WINPATH: { yes: ['C:\\Windows\\System32', '\\\\server\\share'], no: ['/unix/path', 'C:'] },
  PATH: { yes: ['/usr/bin/env', 'D:\\data\\x.txt'], no: ['nope'] },
  URIPROTO: { yes: ['http', 'svn+ssh', 'coap.tcp'], no: ['1http', 'h'] },
  URIHOST: { yes: ['example.com', 'example.com:8080', '::1'], no: ['example.com:'] },
  URIPATH: { yes: ['/', '/a/b.html', '/%7Euser/x;y=1'], no: ['a/b', '/a b'] },
  URIPARAM: { yes: ['?', '?a=1&b=2', '?q=[x]'], no: ['a=1', '?a b'] },
  URIPATHPARAM: { yes: ['/search?q=grok', '/index.html'], no: ['?q=1'] },
  URI: {
    yes: [
      'http://example.com',
      'https://user:pw@example.com:8443/path/to?x=1&y=2',
      'ftp://10.0.0.1/file.txt',
      'http://localhost',
    ],
    no: ['example.com/path', 'http:/x'],
  },
  MONTH: {
    yes: ['Jan', 'January', 'feb', 'Sep', 'December', 'Okt', 'Dez', 'Mai'],
    no: ['Foo', 'Janu'],
  },
  MONTHNUM: { yes: ['1', '01', '12'], no: ['13', '00', '0'] },
  MONTHNUM2: { yes: ['01', '12'], no: ['1', '13'] },
  MONTHDAY: { yes: ['1', '01', '09', '10', '29', '31'], no: ['32', '00', '0'] },
  DAY: { yes: ['Mon', 'Monday', 'sun', 'Thursday'], no: ['Mo', 'Funday'] },
  YEAR: { yes: ['2024', '99'], no: ['202', '20245'] },
  HOUR: { yes: ['0', '09', '23'], no: ['24', '99'] },
  MINUTE: { yes: ['00', '59'], no: ['60', '5'] },
  SECOND: { yes: ['00', '59', '60', '7', '59.123', '01,5'], no: ['61', 'a'] },
  TIME: { yes: ['13:55:36', '00:00:00.000', '9:05:01'], no: ['24:00:00', '13:55', '13:60:00'] },
  DATE_US: { yes: ['10/31/2024', '1-2-24'], no: ['31/10/2024'] },
  DATE_EU: { yes: ['31.10.2024', '31/10/2024', '1-2-24'], no: ['10/31/2024'] },
  ISO8601_TIMEZONE: { yes: ['Z', '+02:00', '-0700', '+0530'], no: ['z', 'UTC', '+2:00x', '+05'] },
  ISO8601_SECOND: { yes: ['05', '05.123'], no: ['99'] },
  TIMESTAMP_ISO8601: {
    yes: [
      '2020-10-02T23:22:12.223222Z',
      '2024-01-15 08:30:00',
      '2024-01-15T08:30',
      '2024-01-15T08:30:00+01:00',
      '2024-01-15T083000-0500',
    ],
    no: ['2024-13-01T00:00:00Z', '2024-01-15', '15/01/2024 08:30:00'],
  },
  DATE: { yes: ['12/31/2024', '31.12.2024'], no: ['2024-12-31'] },
  DATESTAMP: { yes: ['12/31/2024 23:59:59', '31.12.2024-00:00:01'], no: ['12/31/2024'] },
  TZ: { yes: ['UTC', 'PST', 'EDT', 'CST', 'MDT'], no: ['XYZ', 'utc', 'CET'] },
  DATESTAMP_RFC822: { yes: ['Sun Nov 22 2026 23:27:00 UTC'], no: ['Sun, 22 Nov 2026 23:27:00 +0000'] },
  DATESTAMP_RFC2822: {
    yes: ['Sun, 22 Nov 2026 23:27:00 +0000', 'Mon, 1 Jan 2024 00:00:00 Z'],
    no: ['Sun 22 Nov 2026'],
  },
  DATESTAMP_OTHER: { yes: ['Sun Nov 22 23:27:00 UTC 2026'], no: ['Sun Nov 22 23:27:00 2026'] },
  DATESTAMP_EVENTLOG: { yes: ['20240115083000'], no: ['2024-01-15 08:30:00'] },
  SYSLOGTIMESTAMP: {
    yes: ['Feb  5 10:00:00', 'Feb 15 10:00:00', 'Dec 31 23:59:59', 'Jan 1 00:00:00'],
    no: ['Feb 5 10:00', '2024 Feb 5 10:00:00', 'Foo 5 10:00:00'],
  },
  HTTPDATE: {
    yes: ['10/Oct/2000:13:55:36 -0700', '01/Jan/2024:00:00:00 +0000'],
    no: ['10/10/2000:13:55:36 -0700'],
  },
  HTTPDERROR_DATE: { yes: ['Wed Oct 11 14:32:52 2000'], no: ['Oct 11 14:32:52 2000'] },
  LOGLEVEL: {
    yes: [
      'info',
      'INFO',
      'Information',
      'warn',
      'WARNING',
      'err',
      'Error',
      'crit',
      'FATAL',
      'debug',
      'trace',
      'notice',
      'alert',
      'emerg',
      'severe',
    ],
    no: ['verbose', 'InFo', 'informational'],
  },
  PROG: { yes: ['sshd', 'postfix/smtpd', 'CRON'], no: ['a[1]', 'a b'] },
  SYSLOGPROG: { yes: ['sshd[1234]', 'kernel'], no: ['sshd[abc]'] },
  SYSLOGHOST: { yes: ['myhost', '10.0.0.1'], no: ['my host'] },
  SYSLOGFACILITY: { yes: ['<4.6>'], no: ['<4>'] },
  HTTPDUSER: { yes: ['-', 'frank', 'frank@example.com'], no: ['a b'] },
};

describe('standard pattern library', () => {
  it('contains the names VRL ships', () => {
    const required = [
      'SYSLOGBASE',
      'COMMONAPACHELOG',
      'COMBINEDAPACHELOG',
      'HTTPD_COMMONLOG',
      'HTTPD_COMBINEDLOG',
      'HTTPD20_ERRORLOG',
      'HTTPD24_ERRORLOG',
      'HTTPD_ERRORLOG',
      ...Object.keys(CASES),
    ];
    for (const name of required) expect(isStandardPattern(name), name).toBe(true);
    expect(isStandardPattern('toString')).toBe(false);
    expect(Object.isFrozen(GROK_PATTERNS)).toBe(true);
  });

  for (const [name, { yes, no }] of Object.entries(CASES)) {
    it(`${name}: positive and negative samples`, () => {
      for (const s of yes) expect(matches(name, s), `${name} should match ${JSON.stringify(s)}`).toBe(true);
      for (const s of no)
        expect(matches(name, s), `${name} should not match ${JSON.stringify(s)}`).toBe(false);
    });
  }
});

describe('log-format patterns', () => {
  const combined =
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 ' +
    '"http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';

  it('COMBINEDAPACHELOG on a realistic line', () => {
    expect(parseGroks(combined, ['%{COMBINEDAPACHELOG}'])).toEqual({
      clientip: '127.0.0.1',
      ident: '-',
      auth: 'frank',
      timestamp: '10/Oct/2000:13:55:36 -0700',
      verb: 'GET',
      request: '/apache_pb.gif',
      httpversion: '1.0',
      response: '200',
      bytes: '2326',
      referrer: '"http://www.example.com/start.html"',
      agent: '"Mozilla/4.08 [en] (Win98; I ;Nav)"',
    });
  });

  it('COMMONAPACHELOG: "-" bytes, raw request fallback, IPv6 client', () => {
    expect(parseGroks('::1 - - [01/Jan/2024:00:00:00 +0000] "-" 408 -', ['%{COMMONAPACHELOG}'])).toEqual({
      clientip: '::1',
      ident: '-',
      auth: '-',
      timestamp: '01/Jan/2024:00:00:00 +0000',
      rawrequest: '-',
      response: '408',
    });
    expect(parseGroks('not an access log', ['%{COMMONAPACHELOG}'])).toBeNull();
  });

  it('parse_grok keeps empty captures such as an empty raw request', () => {
    const r = parseGrok('1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "" 400 0', '%{COMMONAPACHELOG}');
    expect(r).toMatchObject({ rawrequest: '', response: '400', bytes: '0' });
  });

  it('SYSLOGBASE with program and pid', () => {
    expect(
      parseGroks('Feb  5 17:32:18 web-01 sshd[4242]: Accepted publickey for root', [
        '%{SYSLOGBASE} %{GREEDYDATA:message}',
      ]),
    ).toEqual({
      timestamp: 'Feb  5 17:32:18',
      logsource: 'web-01',
      program: 'sshd',
      pid: '4242',
      message: 'Accepted publickey for root',
    });
  });

  it('SYSLOGBASE with facility, without pid', () => {
    expect(
      parseGroks('Dec 31 23:59:59 <4.6> 10.0.0.1 kernel: boom', ['%{SYSLOGBASE} %{GREEDYDATA:message}']),
    ).toEqual({
      timestamp: 'Dec 31 23:59:59',
      facility: '4',
      priority: '6',
      logsource: '10.0.0.1',
      program: 'kernel',
      message: 'boom',
    });
  });

  it('HTTPD24_ERRORLOG and HTTPD20_ERRORLOG via HTTPD_ERRORLOG', () => {
    expect(
      parseGroks(
        '[Wed Oct 11 14:32:52.958285 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:55321] AH00128: File does not exist: /x',
        ['%{HTTPD_ERRORLOG}'],
      ),
    ).toEqual({
      timestamp: 'Wed Oct 11 14:32:52.958285 2000',
      module: 'core',
      loglevel: 'error',
      pid: '35708',
      tid: '4328636416',
      clientip: '72.15.99.187',
      clientport: '55321',
      errorcode: 'AH00128',
      message: 'File does not exist: /x',
    });
    expect(
      parseGroks(
        '[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration',
        ['%{HTTPD_ERRORLOG}'],
      ),
    ).toEqual({
      timestamp: 'Wed Oct 11 14:32:52 2000',
      loglevel: 'error',
      clientip: '127.0.0.1',
      message: 'client denied by server configuration',
    });
  });

  it('unanchored parse_grok finds an IP inside a longer line', () => {
    expect(parseGrok('connection from 10.1.2.3 port 22', 'from %{IP:ip} port %{INT:port}')).toEqual({
      ip: '10.1.2.3',
      port: '22',
    });
  });
});
