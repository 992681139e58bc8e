import { describe, expect, it } from 'vitest';
import type { IcebergType, NestedField, Schema } from '../../lake/iceberg/types.js';
import { createConformer } from './index.js';

let nextId = 1;
function f(name: string, type: IcebergType, required = false): NestedField {
  return { id: nextId++, name, required, type };
}
function schema(...fields: NestedField[]): Schema {
  return { type: 'struct', 'schema-id': 0, fields };
}
function list(element: IcebergType, elementRequired = false): IcebergType {
  return { type: 'list', 'element-id': nextId++, element, 'element-required': elementRequired };
}
function map(key: IcebergType, value: IcebergType): IcebergType {
  return { type: 'map', 'key-id': nextId++, key, 'value-id': nextId++, value, 'value-required': false };
}
function struct(...fields: NestedField[]): IcebergType {
  return { type: 'struct', fields };
}

/** Conforms `{ v: input }` against a one-field schema of `type`. */
function one(type: IcebergType, input: unknown) {
  const r = createConformer(schema(f('v', type))).conform({ v: input });
  return { value: r.row.v, warnings: r.warnings };
}
function ok(type: IcebergType, input: unknown): unknown {
  const r = one(type, input);
  expect(r.warnings).toEqual([]);
  return r.value;
}
function bad(type: IcebergType, input: unknown): string {
  const r = one(type, input);
  expect(r.value).toBeNull();
  expect(r.warnings).toHaveLength(1);
  expect(r.warnings[0]!.field).toBe('v');
  return r.warnings[0]!.reason;
}

describe('primitive conversions', () => {
  it('int', () => {
    expect(ok('int', 42)).toBe(42);
    expect(ok('int', '42')).toBe(42);
    expect(ok('int', '-7')).toBe(-7);
    expect(ok('int', 3.0)).toBe(3);
    expect(bad('int', 1.5)).toBe('expected int, got number 1.5 (not an integer)');
    expect(bad('int', 2 ** 31)).toBe('expected int, got number 2147483648 (out of range)');
    expect(bad('int', 'abc')).toBe('expected int, got string "abc"');
    expect(bad('int', '0x10')).toBe('expected int, got string "0x10"');
    expect(bad('int', true)).toBe('expected int, got boolean true');
  });

  it('long, with bigint beyond 2^53', () => {
    expect(ok('long', 42)).toBe(42);
    expect(ok('long', '-7')).toBe(-7);
    expect(ok('long', 1e3)).toBe(1000);
    expect(ok('long', '9007199254740993')).toBe(9007199254740993n);
    expect(ok('long', '-9223372036854775808')).toBe(-9223372036854775808n);
    expect(ok('long', '9223372036854775807')).toBe(9223372036854775807n);
    expect(ok('long', 2 ** 60)).toBe(2n ** 60n);
    expect(String(ok('long', '123456789012345678'))).toBe('123456789012345678');
    expect(ok('long', 12n)).toBe(12);
    expect(bad('long', 'abc')).toBe('expected long, got string "abc"');
    expect(bad('long', 2 ** 63)).toBe('expected long, got number 9223372036854776000 (out of range)');
    expect(bad('long', '9223372036854775808')).toContain('out of range');
    expect(bad('long', 1.5)).toContain('not an integer');
    expect(bad('long', { a: 1 })).toBe('expected long, got object');
    expect(bad('long', [1])).toBe('expected long, got array');
    expect(bad('long', '1e3')).toBe('expected long, got string "1e3"');
  });

  it('float and double', () => {
    expect(ok('double', 1.5)).toBe(1.5);
    expect(ok('double', '1e3')).toBe(1000);
    expect(ok('double', '-7')).toBe(-7);
    expect(ok('double', '.5')).toBe(0.5);
    expect(ok('float', '2.25')).toBe(2.25);
    expect(bad('double', '0x10')).toBe('expected double, got string "0x10"');
    expect(bad('double', 'abc')).toContain('expected double');
    expect(bad('float', 1e39)).toContain('out of range');
    expect(bad('double', true)).toBe('expected double, got boolean true');
  });

  it('boolean', () => {
    expect(ok('boolean', true)).toBe(true);
    expect(ok('boolean', 'true')).toBe(true);
    expect(ok('boolean', 'FALSE')).toBe(false);
    expect(bad('boolean', 'yes')).toBe('expected boolean, got string "yes"');
    expect(bad('boolean', 1)).toBe('expected boolean, got number 1');
  });

  it('string', () => {
    expect(ok('string', 'x')).toBe('x');
    expect(ok('string', '')).toBe('');
    expect(ok('string', 42)).toBe('42');
    expect(ok('string', 1.5)).toBe('1.5');
    expect(ok('string', false)).toBe('false');
    expect(ok('string', { a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
    expect(ok('string', [1, 2])).toBe('[1,2]');
  });

  it('empty string is null (no warning) for non-string types', () => {
    expect(ok('long', '')).toBeNull();
    expect(ok('timestamptz', '')).toBeNull();
    expect(ok('boolean', '')).toBeNull();
  });

  it('timestamps from RFC 3339 / ISO 8601 strings', () => {
    const base = Date.UTC(2024, 4, 1, 12, 0, 0) * 1000;
    expect(ok('timestamptz', '2024-05-01T12:00:00Z')).toBe(base);
    expect(ok('timestamptz', '2024-05-01T12:00:00.123456Z')).toBe(base + 123456);
    expect(ok('timestamptz', '2024-05-01T12:00:00.123456789Z')).toBe(base + 123456);
    expect(ok('timestamptz', '2024-05-01T12:00:00.5Z')).toBe(base + 500000);
    expect(ok('timestamptz', '2024-05-01T14:00:00+02:00')).toBe(base);
    expect(ok('timestamptz', '2024-05-01T07:30:00-0430')).toBe(base);
    expect(ok('timestamp', '2024-05-01 12:00:00')).toBe(base);
    expect(ok('timestamptz', '2024-05-01T12:00Z')).toBe(base);
    expect(ok('timestamptz', '2024-05-01')).toBe(Date.UTC(2024, 4, 1) * 1000);
    expect(ok('timestamptz', '1969-12-31T23:59:59.999999Z')).toBe(-1);
    expect(ok('timestamptz', new Date(Date.UTC(2024, 4, 1, 12)))).toBe(base);
    expect(bad('timestamptz', 'yesterday')).toBe(
      'expected timestamptz, got string "yesterday" (not an RFC 3339 timestamp or epoch number)',
    );
    expect(bad('timestamptz', '2024-02-30T00:00:00Z')).toContain('invalid date');
    expect(bad('timestamptz', '2024-05-01T25:00:00Z')).toContain('invalid time of day');
    expect(bad('timestamptz', { a: 1 })).toBe('expected timestamptz, got object');
  });

  it('timestamps from epoch numbers by magnitude', () => {
    const us = 1_700_000_000_123_456;
    expect(ok('timestamptz', 1_700_000_000)).toBe(1_700_000_000_000_000); // seconds
    expect(ok('timestamptz', 1_700_000_000.5)).toBe(1_700_000_000_500_000); // fractional seconds
    expect(ok('timestamptz', 1_700_000_000_123)).toBe(1_700_000_000_123_000); // millis
    expect(ok('timestamptz', us)).toBe(us); // micros
    expect(ok('timestamptz', '1700000000123456789')).toBe(us); // nanos (exact via bigint)
    expect(ok('timestamptz', 1_700_000_000_123_456_000)).toBe(us); // nanos as a double
    expect(ok('timestamptz', '1700000000')).toBe(1_700_000_000_000_000);
    expect(ok('timestamptz', '1700000000123')).toBe(1_700_000_000_123_000);
    expect(ok('timestamptz', 0)).toBe(0);
    expect(bad('timestamptz', 5e10)).toContain('out of range'); // seconds past year 2255
  });

  it('dates and times', () => {
    expect(ok('date', '1970-01-02')).toBe(1);
    expect(ok('date', '2024-03-01')).toBe(19783);
    expect(ok('date', '1969-12-31')).toBe(-1);
    expect(bad('date', '2024-13-01')).toContain('invalid date');
    expect(bad('date', '2024-05-01T00:00:00Z')).toContain('not a YYYY-MM-DD date');
    expect(ok('time', '01:02:03.5')).toBe((3600 + 120 + 3) * 1e6 + 500000);
    expect(ok('time', '23:59')).toBe((23 * 3600 + 59 * 60) * 1e6);
    expect(bad('time', '24:00:00')).toContain('invalid time');
  });

  it('decimal(P,S)', () => {
    expect(ok('decimal(10, 2)', '3.5')).toBe('3.50');
    expect(ok('decimal(10, 2)', 3.5)).toBe('3.50');
    expect(ok('decimal(10, 2)', '-12345678.90')).toBe('-12345678.90');
    expect(ok('decimal(10, 2)', '1.2300')).toBe('1.23');
    expect(ok('decimal(10, 2)', '1e2')).toBe('100.00');
    expect(ok('decimal(10, 0)', 42)).toBe('42');
    expect(ok('decimal(5, 3)', '-0.000')).toBe('0.000');
    expect(ok('decimal(5, 3)', 1e-3)).toBe('0.001');
    expect(bad('decimal(10, 2)', '1.234')).toContain('more than 2 fraction digits');
    expect(bad('decimal(4, 2)', '123.4')).toContain('does not fit decimal(4, 2)');
    expect(bad('decimal(10, 2)', 'abc')).toContain('not a decimal number');
  });

  it('uuid', () => {
    expect(ok('uuid', 'F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6')).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(ok('uuid', '{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}')).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(ok('uuid', 'f81d4fae7dec11d0a76500a0c91e6bf6')).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(bad('uuid', 'not-a-uuid')).toBe('expected uuid, got string "not-a-uuid" (not a UUID)');
  });

  it('binary and fixed from base64', () => {
    expect(Buffer.from(ok('binary', 'aGVsbG8=') as Uint8Array).toString()).toBe('hello');
    expect(Buffer.from(ok('binary', 'aGVsbG8') as Uint8Array).toString()).toBe('hello');
    expect(Buffer.from(ok('binary', '_-8') as Uint8Array)).toEqual(Buffer.from([0xff, 0xef]));
    expect(ok('fixed[2]', 'AQI=')).toEqual(Buffer.from([1, 2]));
    expect(bad('binary', 'not base64!')).toContain('not base64');
    expect(bad('fixed[4]', 'AQI=')).toContain('2 bytes instead of 4');
  });
});

describe('nested types', () => {
  it('a scalar into a list field becomes a one-element list', () => {
    expect(ok(list('string'), 'a')).toEqual(['a']);
    expect(ok(list('long'), '5')).toEqual([5]);
  });

  it('list elements convert; a failing element is null with an indexed warning', () => {
    const r = one(list('long'), [1, '2', null, 'x', 2 ** 60]);
    expect(r.value).toEqual([1, 2, null, null, 2n ** 60n]);
    expect(r.warnings).toEqual([{ field: 'v[3]', value: '"x"', reason: 'expected long, got string "x"' }]);
  });

  it('struct fields convert; unknown fields are dropped by dotted path', () => {
    const s = schema(
      f('ts', 'timestamptz', true),
      f('source', struct(f('ip', 'string'), f('port', 'long'), f('geo', struct(f('city', 'string'))))),
      f('tags', list('string')),
      f('labels', map('string', 'string')),
      f('items', list(struct(f('name', 'string'), f('n', 'int')))),
      f('attrs', map('string', struct(f('k', 'long')))),
    );
    const c = createConformer(s);
    const r = c.conform({
      ts: '2024-05-01T12:00:00Z',
      foo: 1,
      source: { ip: '10.0.0.1', port: '443', port_name: 'https', geo: { city: 'Oslo', zip: '0150' } },
      tags: ['a', 7, { x: 1 }],
      labels: { env: 'prod', n: 3 },
      items: [
        { name: 'a', n: '1', extra: true },
        { name: 'b', n: 'two', extra: false },
      ],
      attrs: { first: { k: '9', other: 1 }, second: { k: 'no' } },
    });
    expect(r.row).toEqual({
      ts: Date.UTC(2024, 4, 1, 12) * 1000,
      source: { ip: '10.0.0.1', port: 443, geo: { city: 'Oslo' } },
      tags: ['a', '7', '{"x":1}'],
      labels: new Map([
        ['env', 'prod'],
        ['n', '3'],
      ]),
      items: [
        { name: 'a', n: 1 },
        { name: 'b', n: null },
      ],
      attrs: new Map([
        ['first', { k: 9 }],
        ['second', { k: null }],
      ]),
    });
    expect(r.row.labels).toBeInstanceOf(Map);
    expect(r.dropped).toEqual([
      'foo',
      'source.port_name',
      'source.geo.zip',
      'items[].extra',
      'attrs.*.other',
    ]);
    expect(r.warnings).toEqual([
      { field: 'items[1].n', value: '"two"', reason: 'expected int, got string "two"' },
      { field: 'attrs.second.k', value: '"no"', reason: 'expected long, got string "no"' },
    ]);
  });

  it('an object or scalar where a struct is expected is null with a warning', () => {
    const r = createConformer(schema(f('source', struct(f('ip', 'string'))))).conform({ source: 'x' });
    expect(r.row).toEqual({ source: null });
    expect(r.warnings).toEqual([
      { field: 'source', value: '"x"', reason: 'expected struct, got string "x"' },
    ]);
  });

  it('map with non-string keys and a non-object value', () => {
    const c = createConformer(schema(f('m', map('int', 'double'))));
    const r = c.conform({ m: { '1': '1.5', x: 2 } });
    expect(r.row.m).toEqual(new Map([[1, 1.5]]));
    expect(r.warnings[0]!.field).toBe('m');
    expect(r.warnings[0]!.reason).toBe('map key: expected int, got string "x"');
    const r2 = c.conform({ m: [1] });
    expect(r2.row.m).toBeNull();
    expect(r2.warnings[0]!.reason).toBe('expected map, got array');
  });

  it('warns about a required field that is missing, null or unconvertible', () => {
    const c = createConformer(schema(f('ts', 'timestamptz', true), f('msg', 'string')));
    expect(c.conform({ msg: 'x' }).warnings).toEqual([
      { field: 'ts', value: 'null', reason: 'required field is missing' },
    ]);
    expect(c.conform({ ts: null }).warnings).toEqual([
      { field: 'ts', value: 'null', reason: 'required field is null' },
    ]);
    const r = c.conform({ ts: 'nope' });
    expect(r.row.ts).toBeNull();
    expect(r.warnings.map((w) => w.reason)).toEqual([
      'expected timestamptz, got string "nope" (not an RFC 3339 timestamp or epoch number)',
      'required field is null',
    ]);
  });

  it('places flattened dotted keys into the structs and maps they name', () => {
    const c = createConformer(
      schema(f('source', struct(f('ip', 'string'), f('port', 'long'))), f('labels', map('string', 'string'))),
    );
    const r = c.conform({
      'source.port': '443',
      source: { ip: '10.0.0.1' },
      'labels.env': 'prod',
      'source.nope': 1,
      'other.x': 2,
      'source.port_bad': 'x',
    });
    expect(r.row).toEqual({ source: { ip: '10.0.0.1', port: 443 }, labels: new Map([['env', 'prod']]) });
    expect(r.dropped).toEqual(['source.nope', 'other.x', 'source.port_bad']);
    const w = c.conform({ 'source.port': 'abc' }).warnings;
    expect(w).toEqual([{ field: 'source.port', value: '"abc"', reason: 'expected long, got string "abc"' }]);
  });

  it('truncates the warning value to 1 KiB of JSON text', () => {
    const r = one('long', 'x'.repeat(5000));
    expect(r.warnings[0]!.value.length).toBe(1024);
    expect(r.warnings[0]!.value.startsWith('"xxx')).toBe(true);
    expect(r.warnings[0]!.reason.length).toBeLessThan(120);
  });

  it('keeps nulls as nulls without warnings and leaves absent fields absent', () => {
    const c = createConformer(schema(f('a', 'long'), f('b', list('string')), f('c', struct(f('d', 'int')))));
    const r = c.conform({ a: null, c: { d: null } });
    expect(r.row).toEqual({ a: null, c: { d: null } });
    expect('b' in r.row).toBe(false);
    expect(r.warnings).toEqual([]);
    expect(r.dropped).toEqual([]);
  });
});
