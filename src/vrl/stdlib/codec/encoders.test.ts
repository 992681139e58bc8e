import { describe, expect, it } from 'vitest';
import { VrlRegex, VrlTimestamp, type Value } from '../../value/index.js';
import { compileRustRegex } from '../../regex/index.js';
import { encode_csv } from './encode_csv.js';
import { encode_json } from './encode_json.js';
import { encode_key_value } from './encode_key_value.js';
import { encode_logfmt } from './encode_logfmt.js';
import { rustFloatDisplay } from './rust_float.js';
import { compileWith, oracle, run } from './test-helpers/test_support.js';

describe('encode_json', () => {
  it('documented examples and kinds', () => {
    const value = { field: 'value', another: [1n, 2n, 3n] };
    expect(run(encode_json, value)).toBe('{"another":[1,2,3],"field":"value"}');
    expect(run(encode_json, value, true)).toBe(
      '{\n  "another": [\n    1,\n    2,\n    3\n  ],\n  "field": "value"\n}',
    );
    expect(run(encode_json, 42)).toBe('42.0');
    expect(run(encode_json, null, true)).toBe('null');
    expect(run(encode_json, new VrlTimestamp(419083754274000000n))).toBe('"1983-04-13T12:09:14.274Z"');
    expect(run(encode_json, new VrlRegex('^a\\d+$', compileRustRegex('^a\\d+$')))).toBe('"^a\\\\d+$"');
  });
});

const EVENT = { ts: '2021-06-05T17:20:00Z', msg: 'This is a message', lvl: 'info' };

describe('encode_key_value / encode_logfmt', () => {
  it('documented examples', () => {
    expect(run(encode_key_value, EVENT)).toBe('lvl=info msg="This is a message" ts=2021-06-05T17:20:00Z');
    expect(run(encode_key_value, { ...EVENT, log_id: 12345n }, ['ts', 'lvl', 'msg'])).toBe(
      'ts=2021-06-05T17:20:00Z lvl=info msg="This is a message" log_id=12345',
    );
    const nested = { agent: { name: 'foo' }, log: { file: { path: 'my.log' } }, event: 'log' };
    expect(run(encode_key_value, nested)).toBe('agent.name=foo event=log log.file.path=my.log');
    expect(run(encode_key_value, nested, ['event', 'log.file.path', 'agent.name'])).toBe(
      'event=log log.file.path=my.log agent.name=foo',
    );
    expect(run(encode_key_value, EVENT, undefined, ':', ',')).toBe(
      'lvl:info,msg:"This is a message",ts:2021-06-05T17:20:00Z',
    );
    expect(run(encode_key_value, { ...EVENT, beta: true, dropped: false }, undefined, ':', ',', true)).toBe(
      'beta,lvl:info,msg:"This is a message",ts:2021-06-05T17:20:00Z',
    );
    expect(run(encode_logfmt, EVENT)).toBe('lvl=info msg="This is a message" ts=2021-06-05T17:20:00Z');
    expect(run(encode_logfmt, { ...EVENT, log_id: 12345n }, ['ts', 'lvl', 'msg'])).toBe(
      'ts=2021-06-05T17:20:00Z lvl=info msg="This is a message" log_id=12345',
    );
    expect(run(encode_logfmt, nested, ['event', 'log.file.path', 'agent.name'])).toBe(
      'event=log log.file.path=my.log agent.name=foo',
    );
  });
  it('escapes and flattens', () => {
    expect(
      run(encode_key_value, {
        lvl: 'info',
        msg: 'payload: {"code": 200}\\n',
        another_field: 'some\nfield\\and things',
        'space key': 'foo',
      }),
    ).toBe(
      'another_field="some\\\\nfield\\\\and things" lvl=info msg="payload: {\\"code\\": 200}\\\\n" "space key"=foo',
    );
    expect(run(encode_key_value, { network: { ip: [127n, 0n, 0n, 1n] } })).toBe(
      'network.ip.0=127 network.ip.1=0 network.ip.2=0 network.ip.3=1',
    );
    expect(run(encode_logfmt, { beta: true, prod: false, lvl: 'info' })).toBe('beta lvl=info');
  });
  it('fallibility and bad field names', () => {
    expect(compileWith(encode_key_value, [EVENT]).fallible).toBe(false);
    expect(compileWith(encode_key_value, [EVENT, ['lvl']]).fallible).toBe(true);
    expect(() => run(encode_key_value, EVENT, ['lvl', 2n])).toThrowError(
      'invalid field value type at index 1: expected string, got integer',
    );
  });
  it('agrees with VRL on floats, timestamps, nulls and empty collections', () => {
    const vrl = oracle();
    const src = `encode_key_value({"a": 1.0, "b": 1000000000000000000000.0, "c": t'2020-01-01T00:00:00.5Z', "d": [], "e": {}, "f": 0.1, "g": null, "h": "tab\\there", "i": -0.000001, "j": "a=b", "k": 12345678.9})`;
    const value: Record<string, Value> = {
      a: 1,
      b: 1e21,
      c: new VrlTimestamp(1577836800500000000n),
      d: [],
      e: {},
      f: 0.1,
      g: null,
      h: 'tab\there',
      i: -0.000001,
      j: 'a=b',
      k: 12345678.9,
    };
    expect(run(encode_key_value, value)).toBe(vrl.execute(src, {}).result);
  });
  it('prints floats as Rust does', () => {
    expect([1, 0.1, 1e21, 1.5e-7, -2.5, 123456789012345680000].map(rustFloatDisplay)).toEqual([
      '1',
      '0.1',
      '1000000000000000000000',
      '0.00000015',
      '-2.5',
      '123456789012345680000',
    ]);
  });
});

describe('encode_csv', () => {
  it('documented examples', () => {
    expect(run(encode_csv, ['foo', 'bar', 'foo ", bar'])).toBe('foo,bar,"foo "", bar"');
    expect(run(encode_csv, ['foo', 'bar'], ' ')).toBe('foo bar');
    expect(run(encode_csv, ['line', 'with_linebreak', 'here\n', 'and', '\nhere'])).toBe(
      'line,with_linebreak,"here\n",and,"\nhere"',
    );
  });
  it('edge cases and errors', () => {
    expect(run(encode_csv, [])).toBe('');
    expect(run(encode_csv, ['foo'])).toBe('foo');
    expect(run(encode_csv, [''])).toBe('""');
    expect(run(encode_csv, ['foo', Uint8Array.of(0x62, 0xff, 0x61, 0x72)])).toEqual(
      Uint8Array.of(0x66, 0x6f, 0x6f, 0x2c, 0x62, 0xff, 0x61, 0x72),
    );
    expect(() => run(encode_csv, ['foo'], '!!')).toThrowError('delimiter must be a single character');
    expect(() => run(encode_csv, ['foo', 1n])).toThrowError('expected string, got integer');
    expect(() => run(encode_csv, 'foo')).toThrowError('expected array, got string');
  });
});
