/** Direct calls with VRL values: cases the oracle cannot show (compile errors, bytes, contexts, newer functions). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { toVrlJson, VrlError, VrlTimestamp, type Value } from '../../value/index.js';
import { community_id } from './community_id.js';
import { formatIpv6, parseCidr, parseIpv6 } from './ip.js';
import { from_unix_timestamp } from './from_unix_timestamp.js';
import { functions } from './index.js';
import { get_timezone_name } from './get_timezone_name.js';
import { haversine } from './haversine.js';
import { ip_cidr_contains } from './ip_cidr_contains.js';
import { ip_ntop } from './ip_ntop.js';
import { ip_pton } from './ip_pton.js';
import { is_json } from './is_json.js';
import { now } from './now.js';
import { parse_bytes } from './parse_bytes.js';
import { parse_etld } from './parse_etld.js';
import { parse_json } from './parse_json.js';
import { parse_timestamp } from './parse_timestamp.js';
import { parse_user_agent } from './parse_user_agent.js';
import { parse_xml } from './parse_xml.js';
import { parse_yaml } from './parse_yaml.js';
import { to_unix_timestamp } from './to_unix_timestamp.js';
import { callFn, CTX } from './test-helpers/testing.js';

const json = (v: Value): string => toVrlJson(v);
const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('registry', () => {
  it('lists each function once, with VRL names', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('parse_json');
    expect(names).toContain('community_id');
    expect(names.length).toBe(31);
  });
});

describe('parse_json', () => {
  it('keeps integers and floats apart', () => {
    expect(json(callFn(parse_json, { value: '{"a":1,"b":1.0,"c":1e2}' }))).toBe('{"a":1,"b":1.0,"c":100.0}');
    expect(callFn(parse_json, { value: '9223372036854775807' })).toBe(9223372036854775807n);
    expect(callFn(parse_json, { value: '9223372036854775808' })).toBe(9223372036854775808);
  });
  it('is lossy by default and strict on request', () => {
    expect(callFn(parse_json, { value: bytes(0x22, 0xf5, 0x22) })).toBe('\uFFFD');
    expect(callFn(parse_json, { value: bytes(0x22, 0xf5, 0x22), lossy: true })).toBe('\uFFFD');
    expect(() => callFn(parse_json, { value: bytes(0x22, 0xf5, 0x22), lossy: false })).toThrow(VrlError);
    expect(json(callFn(parse_json, { value: bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d), lossy: false }))).toBe('{}');
  });
  it('leaves deeper levels as raw text with max_depth', () => {
    expect(
      json(
        callFn(parse_json, {
          value: '{"top_layer": {"layer_one": "finish", "layer_two": 2}}',
          max_depth: 1n,
        }),
      ),
    ).toBe('{"top_layer":"{\\"layer_one\\": \\"finish\\", \\"layer_two\\": 2}"}');
    expect(
      json(callFn(parse_json, { value: '[{"top_layer": {"next_layer": ["finish"]}}]', max_depth: 2n })),
    ).toBe('[{"top_layer":"{\\"next_layer\\": [\\"finish\\"]}"}]');
    expect(() => callFn(parse_json, { value: '{}', max_depth: 129n })).toThrow(
      'max_depth value should be greater than 0 and less than 128, got 129',
    );
    expect(() => callFn(parse_json, { value: '{"field": "value', max_depth: 3n })).toThrow(
      'unable to read json: EOF while parsing a string at line 1 column 16',
    );
  });
  it('reports serde errors', () => {
    expect(() => callFn(parse_json, { value: '{"field": "value' })).toThrow(
      'unable to parse json: EOF while parsing a string at line 1 column 16',
    );
  });
  it('keeps __proto__ as an ordinary key', () => {
    const v = callFn(parse_json, { value: '{"__proto__": {"x": 1}}' }) as Record<string, Value>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(json(v)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('is_json', () => {
  it('rejects an unknown variant at compile time', () => {
    expect(() => callFn(is_json, { value: '[]', variant: 'invalid-variant' })).toThrow(FunctionCompileError);
    expect(() => callFn(is_json, { value: '[]', variant: 100n })).toThrow('invalid enum variant');
  });
  it('checks the variant after whitespace', () => {
    expect(callFn(is_json, { value: '   []', variant: 'array' })).toBe(true);
    expect(callFn(is_json, { value: '123', variant: 'null' })).toBe(false);
  });
});

describe('parse_yaml', () => {
  it('reads the core schema', () => {
    expect(json(callFn(parse_yaml, { value: 'a: 1\nb: 1.5\nc: true\nd: ~\ne: [x, "y"]\nf: 0x10\n' }))).toBe(
      '{"a":1,"b":1.5,"c":true,"d":null,"e":["x","y"],"f":16}',
    );
    expect(json(callFn(parse_yaml, { value: '\uFEFFkey: val' }))).toBe('{"key":"val"}');
    expect(json(callFn(parse_yaml, { value: 'a: &x 1\nb: *x' }))).toBe('{"a":1,"b":1}');
  });
  it('fails on invalid YAML and on several documents', () => {
    expect(() => callFn(parse_yaml, { value: 'a: [1, 2' })).toThrow(/^unable to parse yaml: /);
    expect(() => callFn(parse_yaml, { value: 'a: 1\n---\nb: 2' })).toThrow('more than one document');
  });
});

describe('parse_xml', () => {
  it('keeps text typed and attributes prefixed', () => {
    expect(
      json(callFn(parse_xml, { value: '<a x="1"><b>true</b><c>null</c><d>12</d><e>1.5</e><f>x</f></a>' })),
    ).toBe('{"a":{"@x":"1","b":true,"c":null,"d":12,"e":1.5,"f":"x"}}');
  });
  it('does not crash on an element holding only a comment', () => {
    expect(json(callFn(parse_xml, { value: '<a><!-- c --></a>' }))).toBe('{"a":{}}');
  });
  it('reports positions', () => {
    expect(() => callFn(parse_xml, { value: '<a>\n</b>', trim: false })).toThrow(
      "unable to parse xml: expected 'a' tag, not 'b' at 2:1",
    );
  });
});

describe('parse_bytes and enums', () => {
  it('requires a static base variant', () => {
    expect(() => callFn(parse_bytes, { value: '1KiB', unit: 'B', base: '3' })).toThrow(FunctionCompileError);
    expect(() => callFn(parse_bytes, { value: '1KiB', unit: 'B', base: '2' }, { dynamic: true })).toThrow(
      'unexpected expression for argument "base"',
    );
    expect(callFn(parse_bytes, { value: '3.5GiB', unit: 'KiB' })).toBe(3_670_016);
    expect(callFn(parse_bytes, { value: '768MB', unit: 'PB', base: '10' })).toBe(0.000_000_768);
  });
});

describe('timestamps', () => {
  it('parse_timestamp uses the program time zone by default', () => {
    const ctx = { ...CTX, timezone: 'Asia/Taipei' };
    const t = callFn(parse_timestamp, { value: '2019-10-16 12:00:00', format: '%Y-%m-%d %H:%M:%S' }, { ctx });
    expect((t as VrlTimestamp).ns).toBe(1_571_198_400_000_000_000n);
    const passThrough = new VrlTimestamp(5n);
    expect(callFn(parse_timestamp, { value: passThrough, format: '%s' })).toBe(passThrough);
  });
  it('from_unix_timestamp rejects out-of-range values', () => {
    expect(() => callFn(from_unix_timestamp, { value: 9223372036854775807n })).toThrow(
      'unable to coerce 9223372036854775807 into timestamp',
    );
    expect(() => callFn(from_unix_timestamp, { value: 1n, unit: 'minutes' })).toThrow(FunctionCompileError);
  });
  it('to_unix_timestamp in nanoseconds needs an i64', () => {
    const far = new VrlTimestamp(-62_167_219_200_000_000_000n); // year 0
    expect(callFn(to_unix_timestamp, { value: far })).toBe(-62_167_219_200n);
    expect(() => callFn(to_unix_timestamp, { value: far, unit: 'nanoseconds' })).toThrow(
      "can't convert out of range timestamp",
    );
  });
  it('now is the current time and not foldable', () => {
    const impl = now.compile([], CTX);
    expect(impl.pure).toBe(false);
    const ns = (impl.call() as VrlTimestamp).ns;
    expect(Number(ns / 1_000_000n)).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });
  it('get_timezone_name reports the program zone', () => {
    expect(callFn(get_timezone_name, {})).toBe('UTC');
    expect(callFn(get_timezone_name, {}, { ctx: { ...CTX, timezone: 'Europe/Berlin' } })).toBe(
      'Europe/Berlin',
    );
    expect(callFn(get_timezone_name, {}, { ctx: { ...CTX, timezone: 'local' } })).toBe('UTC');
  });
});

describe('IP helpers', () => {
  it('prints IPv6 as Rust does', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
      ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
      ['::1.2.3.4', '::102:304'],
      ['::', '::'],
      ['FE80::A', 'fe80::a'],
    ];
    for (const [input, out] of cases) expect(formatIpv6(parseIpv6(input)!)).toBe(out);
  });
  it('parses CIDRs as the cidr crate', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ version: 4, network: 0x0a000000n, length: 8 });
    expect(parseCidr('10.0.0.1/8')).toBe('host part of address was not zero');
    expect(parseCidr('::1')).toEqual({ version: 6, network: 1n, length: 128 });
    expect(parseCidr('1.2.3.0/+24')).toEqual({ version: 4, network: 0x01020300n, length: 24 });
  });
  it('ip_pton gives raw bytes and ip_ntop reads them', () => {
    expect(callFn(ip_pton, { value: '192.168.0.1' })).toEqual(bytes(192, 168, 0, 1));
    expect(callFn(ip_ntop, { value: bytes(192, 168, 0, 1) })).toBe('192.168.0.1');
    expect(callFn(ip_ntop, { value: bytes(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1) })).toBe(
      '2001:db8::1',
    );
    expect(() => callFn(ip_ntop, { value: bytes(1, 2, 3) })).toThrow(
      '"value" must be of length 4 or 16 bytes',
    );
  });
  it('ip_cidr_contains checks static CIDRs at compile time', () => {
    expect(() => callFn(ip_cidr_contains, { cidr: '192.168.1.1/24', value: '1.2.3.4' })).toThrow(
      FunctionCompileError,
    );
    expect(() => callFn(ip_cidr_contains, { cidr: ['10.0.0.0/8', 5n], value: '1.2.3.4' })).toThrow(
      FunctionCompileError,
    );
    expect(callFn(ip_cidr_contains, { cidr: ['10.0.0.0/8', '2001:db8::/32'], value: '2001:db8::5' })).toBe(
      true,
    );
    expect(() =>
      callFn(ip_cidr_contains, { cidr: '10.0.0.1/8', value: '1.2.3.4' }, { dynamic: true }),
    ).toThrow('unable to parse CIDR: host part of address was not zero');
  });
});

describe('community_id', () => {
  it('rejects static out-of-range arguments at compile time', () => {
    const base = {
      source_ip: '1.2.3.4',
      destination_ip: '5.6.7.8',
      protocol: 6n,
      source_port: 1n,
      destination_port: 2n,
    };
    expect(() => callFn(community_id, { ...base, protocol: 256n })).toThrow(FunctionCompileError);
    expect(() => callFn(community_id, { ...base, seed: 65536n })).toThrow('invalid argument "seed"');
    expect(() => callFn(community_id, { ...base, source_port: -1n }, { dynamic: true })).toThrow(
      'source port must be between 0 and 65535: out of range integral type conversion attempted',
    );
  });
  it('hashes IPv6 flows (spec test vector)', () => {
    // Community ID spec baseline: TCP 128.232.110.120:34855 -> 66.35.250.204:80 (seed 0).
    expect(
      callFn(community_id, {
        source_ip: '128.232.110.120',
        destination_ip: '66.35.250.204',
        protocol: 6n,
        source_port: 34855n,
        destination_port: 80n,
      }),
    ).toBe('1:LQU9qZlK+B5F3KDmev6m5PMibrg=');
  });
});

describe('haversine', () => {
  it('matches the documented examples and rounds half away from zero', () => {
    expect(json(callFn(haversine, { latitude1: 0, longitude1: 0, latitude2: 10, longitude2: 10 }))).toBe(
      '{"bearing":44.561,"distance":1568.5227233}',
    );
    expect(
      json(
        callFn(haversine, {
          latitude1: 0,
          longitude1: 0,
          latitude2: 10,
          longitude2: 10,
          measurement_unit: 'miles',
        }),
      ),
    ).toBe('{"bearing":44.561,"distance":974.6348468}');
    expect(
      json(callFn(haversine, { latitude1: 51.5, longitude1: -0.12, latitude2: 51.5, longitude2: -0.12 })),
    ).toBe('{"bearing":0.0,"distance":0.0}');
    expect(() =>
      callFn(haversine, {
        latitude1: 0,
        longitude1: 0,
        latitude2: 1,
        longitude2: 1,
        measurement_unit: 'feet',
      }),
    ).toThrow(FunctionCompileError);
  });
});

describe('parse_etld', () => {
  it('reads a custom public suffix list at compile time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'psl-'));
    const file = join(dir, 'list.dat');
    writeFileSync(file, '// test list\ncom\n*.acme\n!www.acme\nco.uk\n');
    expect(json(callFn(parse_etld, { value: 'a.b.acme', psl: file }))).toBe(
      '{"etld":"b.acme","etld_plus":"b.acme","known_suffix":true}',
    );
    expect(json(callFn(parse_etld, { value: 'www.acme', psl: file, plus_parts: 1n }))).toBe(
      '{"etld":"acme","etld_plus":"www.acme","known_suffix":true}',
    );
    expect(json(callFn(parse_etld, { value: 'x.example.org', psl: file }))).toBe(
      '{"etld":"org","etld_plus":"org","known_suffix":false}',
    );
    expect(() => callFn(parse_etld, { value: 'x', psl: join(dir, 'missing.dat') })).toThrow(
      FunctionCompileError,
    );
  });
});

describe('parse_user_agent', () => {
  it('rejects an unknown mode', () => {
    expect(() => callFn(parse_user_agent, { value: 'x', mode: 'slow' })).toThrow(FunctionCompileError);
  });
});

describe('parse_json limits', () => {
  it('stops at 128 levels like serde', () => {
    const deep = `${'['.repeat(128)}${']'.repeat(128)}`;
    expect(() => callFn(parse_json, { value: deep })).toThrow(
      'unable to parse json: recursion limit exceeded at line 1 column 128',
    );
    expect(callFn(is_json, { value: deep })).toBe(false);
    const ok = `${'['.repeat(127)}${']'.repeat(127)}`;
    expect(callFn(parse_json, { value: ok })).toBeInstanceOf(Array);
  });
  it('points at the string holding invalid UTF-8 when not lossy', () => {
    expect(() => callFn(parse_json, { value: bytes(0x22, 0xf5, 0x22), lossy: false })).toThrow(
      'unable to parse json: invalid unicode code point at line 1 column 3',
    );
    expect(() =>
      callFn(parse_json, { value: bytes(0x5b, 0x22, 0xc3, 0xa9, 0xff, 0x22, 0x5d), lossy: false }),
    ).toThrow('invalid unicode code point at line 1 column 6');
    // Outside strings serde reports the unexpected byte itself (we report the next quote's position).
  });
});
