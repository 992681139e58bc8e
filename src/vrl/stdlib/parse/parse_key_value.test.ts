import { describe, expect, it } from 'vitest';
import { parse_key_value } from './parse_key_value.js';
import { parse_logfmt } from './parse_logfmt.js';
import { callError, callFn, runOracle, runOurs, toPlain, vrlString } from './test-helpers/testing.js';
import { FunctionCompileError } from '../function.js';
import type { Value } from '../../value/index.js';

describe('parse_key_value', () => {
  it('documented examples', () => {
    expect(toPlain(callFn(parse_key_value, ['zork=zook zonk=nork']))).toEqual({ zork: 'zook', zonk: 'nork' });
    expect(
      toPlain(callFn(parse_key_value, ['env:prod,service:backend,region:eu-east1,beta', ':', ','])),
    ).toEqual({
      env: 'prod',
      service: 'backend',
      region: 'eu-east1',
      beta: true,
    });
    expect(
      toPlain(
        callFn(parse_key_value, [
          'at=info,method=GET,path="/index",status=200,tags=dev,tags=dummy',
          '=',
          ',',
        ]),
      ),
    ).toEqual({ at: 'info', method: 'GET', path: '/index', status: '200', tags: ['dev', 'dummy'] });
    expect(
      toPlain(
        callFn(parse_key_value, [
          'app=my-app ip=1.2.3.4 user= msg=hello-world',
          undefined,
          undefined,
          'strict',
        ]),
      ),
    ).toEqual({ app: 'my-app', ip: '1.2.3.4', user: '', msg: 'hello-world' });
  });

  it('errors', () => {
    expect(callError(parse_key_value, [''])).toBe('0: in Verify, got empty input\n\n');
    expect(callError(parse_key_value, ['foo', undefined, undefined, undefined, false])).toBe(
      '0: at line 1, in Tag:\nfoo\n   ^\n\n1: at line 1, in ManyMN:\nfoo\n   ^\n\n',
    );
    expect(callError(parse_key_value, ['a=1 b', undefined, undefined, undefined, false])).toBe(
      'could not parse whole line successfully',
    );
  });

  // The oracle predates this guard (its nom panics on such lines).
  it('summarises errors on very long lines', () => {
    expect(callError(parse_key_value, [' '.repeat(70_000)])).toBe(
      'parse error at line 1, column 70001 (line too long to display context)',
    );
  });

  it('rejects an unknown whitespace variant at compile time', () => {
    expect(() => callFn(parse_key_value, ['a=1', undefined, undefined, 'loose'])).toThrow(
      FunctionCompileError,
    );
  });

  it('keeps __proto__ as a key', () => {
    const out = callFn(parse_key_value, ['__proto__=1']) as Record<string, Value>;
    expect(Object.keys(out)).toEqual(['__proto__']);
  });

  const cases: [string, string?, string?, string?, boolean?][] = [
    ['zork=zook plonk zonk=nork'],
    ['a=1 a=2 a=3 a b=""'],
    ['a b a=1 a'],
    ['key=\'single quoted\' other="double \\"esc\\" \\\\ \\n x"'],
    ['a="unterminated b=2'],
    ['a = 1 b= 2 c =3'],
    ['a = 1 b= 2 c =3', undefined, undefined, 'strict'],
    ['a = 1 b= 2 c =3', undefined, undefined, 'strict', false],
    ['"quoted key"=v "standalone key" x=y'],
    ['"quoted" key=1'],
    ['k="v" trailing'],
    ['k="v"x y=1'],
    ['  leading=1   multiple=2    spaces=3   '],
    ['path:"/cart_link", host:store.app.com, fwd: "102.30.171.16", dyno: web.1', ':', ','],
    ['a:1 ,b:2 , c : 3', ':', ','],
    ['a=1|b=2||c=3', '=', '|'],
    ['a=>1, b=>2', '=>', ', '],
    ['a=1\tb=2'],
    ['a=1\nb=2'],
    ['=a'],
    ['a="\\'],
    ['é=ü ✓="✓"'],
    ['a=1 , b=2', '=', ','],
    ['foo=bar=baz'],
    ['a=1,b', '=', ',', 'lenient', false],
    ['level=info msg="a \'nested\' quote" ts=2021'],
    ["a='x\\'y' b=1"],
    ['a=', undefined, undefined, 'strict'],
    ['a=1', undefined, ''],
    ['a=1', ''],
    [' '],
  ];

  for (const [value, kvd, fd, ws, standalone] of cases) {
    it(`matches VRL on ${JSON.stringify([value, kvd, fd, ws, standalone])}`, () => {
      const opts = [
        kvd !== undefined ? `key_value_delimiter: ${vrlString(kvd)}` : '',
        fd !== undefined ? `field_delimiter: ${vrlString(fd)}` : '',
        ws !== undefined ? `whitespace: ${vrlString(ws)}` : '',
        standalone !== undefined ? `accept_standalone_key: ${standalone}` : '',
      ].filter((x) => x !== '');
      const src = `parse_key_value!(${[vrlString(value), ...opts].join(', ')})`;
      expect(runOurs(parse_key_value, [value, kvd, fd, ws, standalone])).toEqual(runOracle(src));
    });
  }
});

describe('parse_logfmt', () => {
  const lines = [
    'zork=zook plonk zonk=nork',
    '@timestamp="Sun Jan 10 16:47:39 EST 2021" level=info msg="Stopping all fetchers" tag#production=stopping_fetchers',
    'time=2024-01-01T00:00:00Z level=warn msg="disk \\"almost\\" full" pct=91.5 host=db-1',
    '',
    'a="b',
  ];
  for (const line of lines) {
    it(`matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_logfmt, [line])).toEqual(runOracle(`parse_logfmt!(${vrlString(line)})`));
    });
  }
  it('completes on a 100 KB hostile line', () => {
    const line = `${'a'.repeat(50_000)}="${' '.repeat(50_000)}`;
    expect(Object.keys(callFn(parse_logfmt, [line]) as object).length).toBeGreaterThan(0);
  });
});
