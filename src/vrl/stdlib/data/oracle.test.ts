/**
 * Differential tests: each program runs through our functions and through upstream VRL (WebAssembly);
 * results (as plain JSON) and error messages must agree. Inputs come from the event (`.x`) so that both
 * sides see runtime values.
 */
import { describe, expect, it } from 'vitest';
import { oracle, ours } from './test-helpers/testing.js';

type Case = [source: string, inputs: unknown[]];

const IPS = [
  '1.2.3.4',
  '0.0.0.0',
  '255.255.255.255',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3',
  '1.2.3.4.5',
  ' 1.2.3.4',
  '1.2.3.-4',
  '::',
  '::1',
  '2001:db8::1',
  '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
  'fe80::1%eth0',
  '::ffff:1.2.3.4',
  '::1.2.3.4',
  '1::',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  ':::',
  '1::2::3',
  '[::1]',
  '2001:db8:0:0:1:0:0:1',
  '2001:db8::1:0:0:1',
  '0:0:0:0:0:0:0:0',
  '12345::',
  'g::1',
  '::ffff:0:1.2.3.4',
  '64:ff9b::1.2.3.4',
  'ABCD:EF01::',
  '::0:0:1',
  '1:0:0:2:0:0:0:3',
  '',
  'foobar',
];

const CASES: Record<string, Case[]> = {
  parse_json: [
    [
      'parse_json!(.x)',
      [
        '{"a":1,"b":[1.5,true,null,"x"],"c":{"d":-0.0}}',
        '1e3',
        '-12',
        '9223372036854775807',
        '9223372036854775808',
        '-9223372036854775809',
        '"\\u00e9\\n"',
        '  [1, 2]  ',
        '\uFEFF{"a":1}',
        '{"__proto__": 1}',
      ],
    ],
    ['parse_json(.x) ?? "err"', ['{', '[1,]', '{"a" 1}', 'tru', '"abc', '1 2', '', '{"a":1}}', '[1 2]']],
    [
      'r, err = parse_json(.x); err',
      [
        '{',
        '[1,]',
        '{"a" 1}',
        'nul',
        '"abc',
        '1 2',
        '',
        '{"a":1}}',
        '[1 2]',
        '{ INVALID }',
        '{"a":\n x}',
        '{"a":1,}',
        '[1',
        '{"a"',
        '{"a":',
        '{"a":1',
        '[',
        'tx',
        'truex',
        '01',
        '1.',
        '-',
        '"\\x"',
        '"\\ud800"',
        '{"a":1 "b":2}',
        ' ',
        '"a\nb"',
        '1e',
        '[1,2',
        '{1:2}',
        '[,]',
        '{"é": x}',
        '1e400',
        '[1,',
        '{"a":1,',
      ],
    ],
    [
      'parse_json!(.x, max_depth: 1)',
      ['{"a":{"b":1}, "c": [1, 2]}', '[ {"a": 1} , 2 ]', '"s"', '3', ' {"k": { "x" : [ 1 ] } } '],
    ],
    ['parse_json!(.x, max_depth: 2)', ['{"a":{"b":{"c":1}}, "d": [[1], 2]}', '[[[1]], {"a": {"b": 2}}]']],
    ['r, err = parse_json(.x, max_depth: 129); err', ['{}']],
    ['r, err = parse_json(.x, max_depth: 2); err', ['{"a":']],
    ['parse_json!(.x, lossy: false)', ['{"a":"b"}', '\uFEFF[1]']],
  ],
  is_json: [
    [
      'is_json(string!(.x))',
      ['{}', '[]', '1', '"a"', 'null', 'true', '{', '', ' {"a": [1, {"b": null}]} ', 'nan'],
    ],
    [
      '[is_json(string!(.x), variant: "object"), is_json(string!(.x), variant: "array"), is_json(string!(.x), variant: "bool"), is_json(string!(.x), variant: "number"), is_json(string!(.x), variant: "string"), is_json(string!(.x), variant: "null")]',
      ['{}', '  []', 'true', 'false', '-1.5', '"s"', 'null', 'x', '{"a":'],
    ],
  ],
  parse_url: [
    [
      'parse_url!(.x)',
      [
        'https://user:pw@example.com:8443/a/b?x=1&y=2&x=3#frag',
        'http://example.com',
        'http://example.com:80/',
        'https://[2001:db8::1]:8080/p',
        'ftp://ftp.example.org/file.txt',
        'mailto:someone@example.com',
        'file:///etc/passwd',
        'http://example.com/path%20with%20spaces?q=a+b&r=%2B#',
        'HTTP://EXAMPLE.COM/A',
        'http://münchen.de/',
        'http://1.2.3.4:81/x?',
        'custom://host/path',
        'urn:isbn:0451450523',
        'https://example.com/?a&b=&=c',
        'http://a.b/c/../d/./e',
      ],
    ],
    [
      'parse_url!(.x, default_known_ports: true)',
      [
        'https://example.com',
        'http://example.com',
        'ws://a',
        'wss://a',
        'ftp://a',
        'gopher://a',
        'http://a:8080',
      ],
    ],
    [
      'r, err = parse_url(.x); err',
      [
        'example.com',
        '/relative/path',
        'http://',
        'http://a:99999/',
        'http://[::1/',
        'http://exa mple.com/',
        '',
      ],
    ],
  ],
  parse_query_string: [
    [
      'parse_query_string(string!(.x))',
      [
        'foo=1&bar=2',
        '?a=1&a=2&a=3',
        'a+b=c+d&e=%20f%zz',
        '=&=',
        'x',
        '',
        '&&a=1&&',
        'k=%E2%82%AC',
        'a=1=2',
        '??a=1',
      ],
    ],
  ],
  parse_etld: [
    [
      'parse_etld!(.x)',
      [
        'www.example.com',
        'sub.sussex.ac.uk',
        'vector.acmecorp',
        'foo.github.io',
        'localhost',
        'a.b.c.example.co.uk',
        'www.ck',
        'foo.bar.ck',
        'example.com.',
      ],
    ],
    ['parse_etld!(.x, plus_parts: 1)', ['www.example.com', 'a.b.c.example.co.uk', 'example.com', 'com']],
    ['parse_etld!(.x, plus_parts: 3)', ['a.b.c.example.co.uk', 'x.y']],
    ['r, err = parse_etld(.x); err', ['']],
  ],
  parse_duration: [
    [
      'parse_duration!(.x, unit: "ms")',
      [
        '1s',
        '1.5s',
        '100ms',
        '1h30m',
        '2d',
        '1w',
        '1s 1ms',
        '10us',
        '10µs',
        '3ns',
        '0.001s',
        '1.1d12.3s',
        'x1s',
        '1m1m',
      ],
    ],
    ['parse_duration!(.x, unit: "h")', ['90m', '1d', '1w', '30s']],
    ['r, err = parse_duration(.x, unit: "s"); err', ['foo', '1', '1S', '1d foo', '1xy']],
    ['r, err = parse_duration("1s", unit: .x); err', ['x', 'S', 'µs']],
  ],
  parse_bytes: [
    [
      'parse_bytes!(.x, unit: "B")',
      [
        '1KiB',
        '1MiB',
        '1KB',
        '1kB',
        '1.5',
        '0.5B',
        '10 GiB',
        '1_000',
        '1e3',
        '1.2345 K',
        '2gi',
        '512',
        '1EiB',
      ],
    ],
    ['parse_bytes!(.x, unit: "MB", base: "10")', ['1GB', '3.007GB', '1KiB', '768kB', '1EB']],
    [
      'r, err = parse_bytes(.x, unit: "KiB"); err',
      ['foo', '1YiB', '', '-1', '1,5', '18446744073709551616', 'k', '.5k'],
    ],
    ['r, err = parse_bytes("1KiB", unit: .x); err', ['kiB', 'ZB', 'KiB']],
  ],
  parse_int: [
    [
      'parse_int!(.x)',
      [
        '42',
        '-42',
        '+42',
        '0',
        '0x2a',
        '0b101',
        '0o17',
        '017',
        '9223372036854775807',
        '-9223372036854775808',
      ],
    ],
    [
      'r, err = parse_int(.x); err',
      ['', '0x', '09', '1.5', ' 1', '9223372036854775808', '-9223372036854775809', 'abc', '-0x1', '0X1A'],
    ],
    ['parse_int!(.x, base: 16)', ['ff', 'FF', '-7f', '0']],
    ['parse_int!(.x, base: 36)', ['zz', 'Z0']],
    ['r, err = parse_int(.x, base: 1); err', ['10', 'a"b']],
    ['r, err = parse_int(.x, base: 37); err', ['10']],
  ],
  parse_float: [
    [
      'parse_float!(.x)',
      [
        '1',
        '-1.5',
        '1e10',
        '1E-5',
        '.5',
        '5.',
        '+3.14',
        '-0',
        '1.7976931348623157e308',
        '0.1',
        '123456789012345678901234567890',
      ],
    ],
    ['r, err = parse_float(.x); err', ['', 'abc', '1e', ' 1', '1,5', 'NaN', 'nan', '0x10', '1_000']],
  ],
  parse_timestamp: [
    [
      'parse_timestamp!(.x, format: "%Y-%m-%dT%H:%M:%S%z")',
      ['2021-01-01T00:00:00+0100', '2020-02-29T23:59:59-0530'],
    ],
    [
      'parse_timestamp!(.x, format: "%d/%m/%Y %H:%M:%S", timezone: "America/New_York")',
      ['16/10/2019 12:00:00', '01/01/2020 00:00:00', '10/03/2019 12:00:00'],
    ],
    ['parse_timestamp!(.x, format: "%s")', ['0', '1609459200', '1']],
    ['parse_timestamp!(.x, format: "%v %R %:z")', ['10-Oct-2020 16:00+00:00']],
    ['r, err = parse_timestamp(.x, format: "%Y-%m-%d"); err', ['2021-01-01', 'x', '2021-13-01']],
    [
      'r, err = parse_timestamp("2021-01-01 00:00", format: "%Y-%m-%d %H:%M", timezone: .x); err',
      ['Nowhere/City', '', '+01:00'],
    ],
    [
      'parse_timestamp!(.x, format: "%Y-%m-%d %H:%M:%S%.f", timezone: "Europe/Paris")',
      ['2021-07-01 12:00:00.123', '2021-01-01 12:00:00.5'],
    ],
    ['parse_timestamp!(t\'2021-01-01T00:00:00Z\', format: "%Y")', [null]],
  ],
  format_timestamp: [
    [
      'format_timestamp!(from_unix_timestamp!(.x), format: "%Y-%m-%d %H:%M:%S %Z %z %a %b %j")',
      [0, 1609459200, 1700000000, -86400],
    ],
    ['format_timestamp!(from_unix_timestamp!(.x), format: "%+", timezone: "Asia/Kolkata")', [0, 1609459200]],
    [
      'format_timestamp!(from_unix_timestamp!({X}, unit: "nanoseconds"), format: "%s %.3f %.6f %.9f %f")',
      ['1609459200123456789'],
    ],
    ["r, err = format_timestamp(t'2021-01-01T00:00:00Z', format: .x); err", ['%Y', '%Q', '%']],
    [
      'r, err = format_timestamp(t\'2021-01-01T00:00:00Z\', format: "%H", timezone: .x); err',
      ['Invalid/Zone', 'UTC', 'Europe/Berlin'],
    ],
  ],
  from_unix_timestamp: [
    ['from_unix_timestamp!(.x)', [0, 1, -1, 1609459200, 253402300799]],
    ['from_unix_timestamp!(.x, unit: "milliseconds")', [0, 1609459200123, -1]],
    ['from_unix_timestamp!(.x, unit: "microseconds")', [1609459200123456, -1]],
    ['from_unix_timestamp!({X}, unit: "nanoseconds")', ['1609459200123456789', '-1']],
    ['r, err = from_unix_timestamp({X}); err', ['9223372036854775807', '-9223372036854775807']],
    ['r, err = from_unix_timestamp({X}, unit: "milliseconds"); err', ['9223372036854775807']],
  ],
  to_unix_timestamp: [
    ['to_unix_timestamp(from_unix_timestamp!({X}, unit: "nanoseconds"))', ['1609459200999999999', '-1', '0']],
    [
      'to_unix_timestamp(from_unix_timestamp!({X}, unit: "nanoseconds"), unit: "milliseconds")',
      ['1609459200999999999', '-1'],
    ],
    [
      'to_unix_timestamp(from_unix_timestamp!({X}, unit: "nanoseconds"), unit: "microseconds")',
      ['1609459200999999999', '-1'],
    ],
    [
      'to_unix_timestamp(from_unix_timestamp!({X}, unit: "nanoseconds"), unit: "nanoseconds")',
      ['1609459200999999999', '-1'],
    ],
  ],
  ip: [
    ['[is_ipv4(string!(.x)), is_ipv6(string!(.x))]', IPS],
    ['ip_pton(.x) ?? "bad"', IPS],
    [
      'ip_ntop!(ip_pton!(.x))',
      IPS.filter(
        (ip) =>
          ![
            '256.1.1.1',
            '01.2.3.4',
            '1.2.3',
            '1.2.3.4.5',
            ' 1.2.3.4',
            '1.2.3.-4',
            'fe80::1%eth0',
            '1:2:3:4:5:6:7:8:9',
            ':::',
            '1::2::3',
            '[::1]',
            '12345::',
            'g::1',
            '',
            'foobar',
          ].includes(ip),
      ),
    ],
    ['r, err = ip_to_ipv6(.x); [r, err]', IPS],
    ['r, err = ipv6_to_ipv4(.x); [r, err]', IPS],
    ['r, err = ip_aton(.x); [r, err]', IPS],
    ['r, err = ip_ntoa(.x); [r, err]', [0, 1, 16909060, 4294967295, 4294967296, -1]],
    ['r, err = ip_ntop(.x); [r, err]', ['abc', 'abcd', '0123456789abcdef', '']],
    ['r, err = ip_subnet(.x, "/24"); [r, err]', IPS],
    [
      'r, err = ip_subnet("2001:db8:85a3::8a2e:370:7334", .x); [r, err]',
      ['/0', '/1', '/64', '/127', '/128', '/129', 'ffff:ffff::', '255.0.0.0', '/x', '/', 'bad'],
    ],
    [
      'r, err = ip_subnet("192.168.10.32", .x); [r, err]',
      ['/0', '/8', '/31', '/32', '/33', '255.255.0.0', '0.0.0.255', '::', '/-1'],
    ],
    [
      'r, err = ip_cidr_contains(.x, "192.168.10.32"); [r, err]',
      [
        '192.168.0.0/16',
        '192.168.10.32',
        '192.168.10.0/24',
        '10.0.0.0/8',
        '0.0.0.0/0',
        '192.168.10.32/33',
        '192.168.1.1/16',
        '::/0',
        'x',
        '192.168.0.0/',
        '192.168.0.0/abc',
      ],
    ],
    [
      'r, err = ip_cidr_contains(.x, "2001:db8::ff"); [r, err]',
      [
        '2001:db8::/32',
        '2001:db8::/64',
        '2001:db9::/32',
        '::/0',
        '2001:db8::1/64',
        '::ffff:0:0/96',
        '0.0.0.0/0',
      ],
    ],
    [
      'r, err = ip_cidr_contains(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], .x); [r, err]',
      ['10.1.2.3', '172.31.255.255', '172.32.0.0', '192.168.1.1', '8.8.8.8', '::ffff:10.0.0.1', 'nope'],
    ],
    ['r, err = ip_cidr_contains([.x, "10.0.0.0/8"], "10.1.1.1"); [r, err]', ['10.0.0.0/8', 'bad']],
  ],
  community_id: [
    [
      'community_id!(source_ip: .x, destination_ip: "10.0.0.1", source_port: 1234, destination_port: 80, protocol: 6)',
      ['10.0.0.2', '10.0.0.1', '192.168.1.1', '1.1.1.1'],
    ],
    [
      'community_id!(source_ip: "10.0.0.1", destination_ip: .x, source_port: 80, destination_port: 80, protocol: 17)',
      ['10.0.0.1', '10.0.0.0'],
    ],
    [
      'community_id!(source_ip: .x, destination_ip: "2001:db8::1", source_port: 5353, destination_port: 53, protocol: 17)',
      ['2001:db8::2', '::1', 'fe80::1'],
    ],
    [
      'community_id!(source_ip: "192.168.0.89", destination_ip: "192.168.0.1", source_port: .x, destination_port: 0, protocol: 1)',
      [8, 0, 3, 13, 14, 11],
    ],
    [
      'community_id!(source_ip: "fe80::200:86ff:fe05:80da", destination_ip: "fe80::260:97ff:fe07:69ea", source_port: .x, destination_port: 0, protocol: 58)',
      [135, 136, 128, 129, 1, 143],
    ],
    [
      'community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: 6, source_port: 1122, destination_port: 3344, seed: .x)',
      [0, 1, 65535],
    ],
    ['community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: .x)', [46, 47, 50, 0, 255]],
    [
      'community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: 47, source_port: .x, destination_port: 2)',
      [1],
    ],
    [
      'r, err = community_id(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: .x, source_port: 1, destination_port: 2); err',
      [256, -1],
    ],
    [
      'r, err = community_id(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: 6, source_port: .x, destination_port: 2); err',
      [65536, -1],
    ],
    [
      'r, err = community_id(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: 6, source_port: 1, destination_port: 2, seed: .x); err',
      [65536],
    ],
    [
      'r, err = community_id(source_ip: .x, destination_ip: "5.6.7.8", protocol: 6, source_port: 1, destination_port: 2); err',
      ['bad', '::1'],
    ],
    [
      'r, err = community_id(source_ip: "5.6.7.8", destination_ip: .x, protocol: 6, source_port: 1); err',
      ['bad', '1.1.1.1'],
    ],
  ],
  parse_user_agent: [
    [
      '[parse_user_agent(string!(.x)), parse_user_agent(string!(.x), mode: "reliable"), parse_user_agent(string!(.x), mode: "enriched")]',
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
        'Mozilla/5.0 (Linux; Android 13; SM-S908B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Mobile Safari/537.36',
        'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/119.0',
        'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        'curl/7.68.0',
        'python-requests/2.31.0',
        'aws-sdk-go/1.44.0 (go1.20; linux; amd64)',
        '',
        'Wget/1.21.2',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
        'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)',
        'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      ],
    ],
  ],
  parse_cbor: [
    [
      'parse_cbor!(decode_base64!(.x))',
      [
        'oWVmaWVsZGV2YWx1ZQ==',
        'gvUA',
        '9w==',
        'v2FhAf8=',
        'n/X0/w==',
        'ggEC',
        'GwAAAAAAAAAA',
        '+3/wAAAAAAAA',
        '+TwA',
        'OQPn',
        'f2JhYmFj/w==',
      ],
    ],
    [
      'r, err = parse_cbor(decode_base64!(.x)); err',
      ['oWVmaWVsZA==', '/w==', 'oQFh', 'wkEB', '+n/AAAA=', 'QmFi', '1hhBAQ==', ''],
    ],
  ],
  parse_xml: [
    [
      'parse_xml!(.x)',
      [
        '<a>1</a>',
        '<a><b>1</b><b>2</b><c/></a>',
        '<a x="1"><b y="true">t</b></a>',
        '<a>x<b/>y</a>',
        '<a></a>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<root>\n  <item id="1">one</item>\n  <item id="2">two</item>\n</root>',
        '<a><![CDATA[x<y]]> z</a>',
        '<p:a xmlns:p="u" p:x="1"><p:b>t</p:b></p:a>',
        '<a>null</a>',
        '<a>false</a>',
        '<a>-1.5e3</a>',
        '<a>9223372036854775808</a>',
        '<a x="&lt;&#65;&#x42;&amp;"/>',
        '<a>&quot;q&apos;</a>',
        '<a><!-- c -->x</a>',
        '<a>  spaced  </a>',
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>4624</EventID><Level>0</Level></System><EventData><Data Name="SubjectUserSid">S-1-5-18</Data><Data Name="LogonType">5</Data></EventData></Event>',
      ],
    ],
    ['parse_xml!(.x, trim: false)', ['<a>\n  <b>1</b>\n</a>', '<a> x </a>']],
    ['parse_xml!(.x, include_attr: false)', ['<a x="1"><b y="2">t</b></a>']],
    ['parse_xml!(.x, attr_prefix: "_", text_key: "#text")', ['<a x="1">t</a>']],
    ['parse_xml!(.x, always_use_text_key: true)', ['<a><b>t</b></a>', '<a>1</a>']],
    [
      'parse_xml!(.x, parse_bool: false, parse_null: false, parse_number: false)',
      ['<a><b>true</b><c>null</c><d>12</d><e></e></a>'],
    ],
    [
      'r, err = parse_xml(.x); err',
      [
        '',
        'abc',
        '<a>',
        '<a></b>',
        '<a/><b/>',
        '<a x="1" x="2"/>',
        '<a>&foo;</a>',
        '<!DOCTYPE a><a/>',
        '<a/>junk',
        '<p:a/>',
      ],
    ],
  ],
  realistic: [
    [
      'parse_xml!(.x)',
      [
        '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n  <Name>bucket</Name>\n  <Contents>\n    <Key>a.log</Key>\n    <Size>1024</Size>\n    <LastModified>2021-01-01T00:00:00.000Z</LastModified>\n  </Contents>\n  <Contents>\n    <Key>b.log</Key>\n    <Size>0</Size>\n  </Contents>\n  <IsTruncated>false</IsTruncated>\n</ListBucketResult>',
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-A5BA-3E3B0328C30D}"/><EventID>4625</EventID><TimeCreated SystemTime="2021-06-01T12:00:00.000000000Z"/><Execution ProcessID="636" ThreadID="2260"/><Channel>Security</Channel></System><EventData><Data Name="TargetUserName">admin</Data><Data Name="IpAddress">10.0.0.5</Data><Data Name="IpPort">-</Data><Data Name="Empty"></Data></EventData></Event>',
        '<root xml:lang="en"><a>1.0</a><b>+1</b><c>-</c><d>1_0</d><e>0x10</e><f> 5</f><g>TRUE</g></root>',
        '<r><x a="1"/><x a="2">t</x><x>plain</x></r>',
        '<r>\r\n<a>1</a>\r\n</r>',
        '<a>caf\u00e9 &#233; &#x1F600;</a>',
      ],
    ],
    [
      'parse_timestamp!(.x, format: "%d/%b/%Y:%H:%M:%S %z")',
      ['10/Oct/2000:13:55:36 -0700', '01/Jan/2021:00:00:00 +0000'],
    ],
    ['parse_timestamp!(.x, format: "%b %e %H:%M:%S %Y")', ['Jan  5 14:03:00 2021', 'Dec 31 23:59:59 1999']],
    [
      'parse_timestamp!(.x, format: "%Y-%m-%dT%H:%M:%S%.fZ")',
      ['2021-06-01T12:00:00.123456Z', '2021-06-01T12:00:00Z'],
    ],
    ['parse_timestamp!(.x, format: "%+")', ['2021-06-01T12:00:00+02:00', '2021-06-01T12:00:00.5Z']],
    [
      'format_timestamp!(parse_timestamp!(.x, format: "%+"), format: "%c | %D | %T | %I:%M %p | %U %W %V %G | %e | %-d/%-m")',
      ['2021-06-01T12:00:00Z', '2024-02-29T23:05:09Z'],
    ],
    [
      'parse_url!(.x)',
      [
        'https://www.example.com/search?q=vector+remap&lang=en&lang=fr#results',
        'postgres://user:p%40ss@db.internal:5432/app?sslmode=require',
        'http://user@host',
        'https://example.com:443/',
        'http://[::ffff:1.2.3.4]/',
      ],
    ],
    [
      'parse_etld!(.x, plus_parts: 1)',
      [
        'mail.google.com',
        'bbc.co.uk',
        'user.s3.amazonaws.com',
        'a.b.kawasaki.jp',
        'city.kawasaki.jp',
        'xn--mnchen-3ya.de',
        'example.k12.ak.us',
      ],
    ],
    [
      'parse_query_string(string!(.x))',
      [
        'utm_source=newsletter&utm_medium=email&id=1&id=2&empty=&flag',
        'redirect=https%3A%2F%2Fexample.com%2F%3Fa%3D1',
      ],
    ],
    ['parse_duration!(.x, unit: "s")', ['1h2m3s', '500ms', '2.5h', '1d12h', '100 ms']],
  ],
  misc: [['get_timezone_name!()', [null]]],
};

describe('agreement with upstream VRL', () => {
  for (const [group, cases] of Object.entries(CASES)) {
    describe(group, () => {
      for (const [source, inputs] of cases) {
        for (const input of inputs) {
          it(`${source} with ${JSON.stringify(input)}`, () => {
            // `{X}` takes the input as VRL source (for integers beyond JavaScript's exact range).
            const literal = source.includes('{X}');
            const program = literal ? source.replaceAll('{X}', String(input)) : source;
            const event = literal ? {} : { x: input };
            expect(ours(program, event)).toEqual(oracle(program, event));
          });
        }
      }
    });
  }
});
