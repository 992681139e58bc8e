import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileVrl } from '../../compiler/index.js';
import { match_datadog_query } from './match_datadog_query.js';
import { FunctionCompileError } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { parseVrlJson, type Value } from '../../value/index.js';

/** A VRL raw string literal (no templating, no escapes but `\\'`). */
function rawString(text: string): string {
  return `s'${text.replaceAll("'", "\\'")}'`;
}

const verel = createRequire(import.meta.url)('@bpinternal/verel') as {
  execute(src: string, event: unknown): { result: unknown };
  check(src: string): { errors: { code: number; message: string }[] };
};

function matcher(query: string) {
  return match_datadog_query.compile(
    [
      { kind: Kind.object(new Map()), span: { start: 0, end: 0 } },
      { kind: Kind.bytes(), constant: { value: query }, span: { start: 0, end: 0 } },
    ],
    { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() },
  );
}

function ours(event: string, query: string): boolean | string {
  try {
    return matcher(query).call(parseVrlJson(event)) as boolean;
  } catch (e) {
    if (e instanceof FunctionCompileError) return `E${e.code}`;
    throw e;
  }
}

function oracle(event: string, query: string): boolean | string {
  const src = `match_datadog_query(${event}, ${rawString(query)})`;
  let errors;
  try {
    errors = verel.check(src).errors;
  } catch {
    return 'panic';
  }
  if (errors.length > 0)
    return `E${errors[0]!.code === 610 && /E403|invalid argument/.test(errors[0]!.message) ? 403 : errors[0]!.code}`;
  return verel.execute(src, {}).result as boolean;
}

const EVENTS = [
  '{"message": "contains this and that"}',
  '{"message": "contains only this"}',
  '{"message": "foobar baz-qux", "host": "web-01", "status": "error", "service": "api"}',
  '{"message": "Hello world", "tags": ["env:prod", "team:sec", "solo"], "a": 5, "b": 2.5, "c": "10"}',
  '{"name": "foobar", "custom": {"title": "title text", "error": {"message": "boom"}}, "nested": {"x": {"y": 7}}}',
  '{"tags": ["a:x", "b:y", "c:z", "a:1", "d:10"], "n": -3, "f": 1.0, "s": "abc", "t": true, "z": null}',
  '{"message": 42, "a-b": "v", "list": [1, 2, 3], "obj": {"k": "v"}, "source": "nginx", "trace_id": 123}',
  '{"message": "über straße ñu", "path": "/var/log/x.log", "version": "1.2.3", "e": "x*y"}',
  '{"message": "ORANGE NOTHING ANDROID -dash", "status": "info", "host": "h"}',
];

const QUERIES = [
  '',
  '   ',
  '*',
  '*:*',
  '-*:*',
  'NOT *:*',
  'this',
  'that',
  'this OR that',
  'this AND that',
  'this that',
  'this  that',
  'contains this',
  '"contains this"',
  '"this and"',
  'foo*',
  'foob*',
  '*bar',
  'f*r',
  'baz-qux',
  'baz',
  'qux',
  '@name:foo*',
  '@name:foobar',
  '@name:"foobar"',
  '@name:*bar',
  '@name:f?obar',
  '@name:*',
  'name:foobar',
  'tags:solo',
  'tags:env:prod',
  'env:prod',
  'env:*',
  'env:pr*',
  'team:sec',
  'team:dev',
  '_exists_:env',
  '_exists_:solo',
  '_exists_:tags',
  '_missing_:env',
  '_missing_:nope',
  '_exists_:@a',
  '_exists_:@nope',
  '_missing_:@a',
  '_exists_:message',
  '-_exists_:message',
  'NOT _exists_:message',
  '_exists_:@a-b',
  '_exists_:@nested.x.y',
  '@nested.x.y:7',
  '@nested.x.y:>5',
  '@a:>4',
  '@a:>=5',
  '@a:<5',
  '@a:<=5',
  '@a:5',
  '@a:[1 TO 5]',
  '@a:{1 TO 5}',
  '@a:[5 TO *]',
  '@a:[* TO 4]',
  '@a:[* TO *]',
  '@b:>2',
  '@b:>2.5',
  '@b:>=2.5',
  '@b:[2 TO 3]',
  '@c:>9',
  '@c:>9.5',
  '@c:[1 TO 2]',
  '@c:>a',
  '@n:<0',
  '@n:>-5',
  '@n:>\\-5',
  '@f:1',
  '@f:1.0',
  '@f:>0.5',
  '@s:>abb',
  '@s:<abd',
  '@s:[aaa TO abz]',
  '@t:true',
  '@z:null',
  '@list:1',
  'b:["x" TO "z"]',
  'b:[x TO z]',
  'b:{y TO z}',
  'd:>9',
  'd:>2',
  'a:[0 TO 2]',
  'a:x',
  'a:>w',
  'host:web-01',
  'host:web*',
  'host:web-0?',
  'status:error',
  'status:err*',
  'service:api',
  'source:nginx',
  'trace_id:123',
  'level:error',
  'message:hello',
  'message:Hello',
  'message:"Hello world"',
  'Hello',
  'hello',
  'world',
  'Hel*',
  'wor*d',
  'custom.title:title',
  'title',
  'boom',
  '@custom.title:"title text"',
  'title text',
  '"title text"',
  'this OR (only AND that)',
  '(this OR only) AND that',
  '-this',
  '- this',
  'NOT this',
  '+this',
  'this -that',
  'this AND NOT that',
  'this && that',
  'this || that',
  'this OR NOT that',
  'NOT (this OR that)',
  'message:(this OR foo)',
  'message:(contains this)',
  '@name:(foobar OR x)',
  'ORANGE',
  'NOTHING',
  'ANDROID',
  'dash',
  '-dash',
  '\\-dash',
  'über',
  'straße',
  'ñu',
  '@path:\\/var\\/log\\/x.log',
  '@path:*log',
  '@version:1.2.3',
  '@version:>1.2',
  '@e:x\\*y',
  '@e:x*y',
  '42',
  'message:42',
  'message:>40',
  '@message:>40',
  '@message:42',
  '@obj.k:v',
  '@obj:*',
  '@a:>5abc',
  'a OR b OR c',
  'this that OR foo',
  'x:UNICODE3000',
  'fooUNICODE3000bar',
  // errors
  'foo:',
  '(',
  '(this',
  'this)',
  '@a:[1 TO 5',
  ':x',
  'a AND',
  '"unterminated',
  '@a:[1 TO 5}',
  '@"a b":x',
  '@a..b:x',
  ' this',
  'this ',
  '\tthis\n',
  '@a:[ 1 TO 5 ]',
  'this\nAND that',
  'a\n:b',
  'über:',
  'a\t)',
  '\u3000x',
  'a:b:c',
  'a:>',
  '[1 TO 2]',
  '{a TO b}',
  '*:',
  'a:*b*',
  'a:"x"y',
  '@a:[1 TO 5] foo',
  'a OR',
  'NOT',
  '-',
  '+',
  '+this',
  'a:(b',
  'message:(b OR c)',
  '_missing_:"x y"',
  '_exists_:"message"',
  '_exists_:*',
  'x:(_exists_:y)',
  'team:(sec OR dev)',
  'tags:(solo)',
  '@a:>=5 AND @b:<3',
  '@name:foo\\*',
  'message:"Hello world" OR "only this"',
  '((this))',
  '( this )',
  'a:b)',
  'UNICODE3000',
  '@list:[1 TO 3]',
  '@s:*b*',
  '@s:a?c',
  'h*:x',
  'ho*t:h',
  '@a:>1E1',
  '@a:<1E1',
  '@b:[2.5 TO 2.5]',
];

describe('match_datadog_query', () => {
  it('has VRL signature', () => {
    expect(match_datadog_query.parameters.map((p) => [p.keyword, p.kind, p.required])).toEqual([
      ['value', K.OBJECT, true],
      ['query', K.BYTES, true],
    ]);
    const impl = matcher('a');
    expect(impl.fallible).toBe(false);
    expect(impl.kind.toString()).toBe(Kind.boolean().toString());
  });

  it('runs the documented examples end to end', () => {
    for (const ex of match_datadog_query.examples!) {
      const out = compileVrl(ex.source).run({}, { metadata: {} });
      expect(out.ok && out.value).toBe(ex.result === 'true');
    }
  });

  it('reports parse errors as pest does', () => {
    const src = 'match_datadog_query({}, "foo:")';
    const expected = verel.check(src).errors[0]!.message;
    expect(() => matcher('foo:')).toThrow(expected);
  });

  it('needs a static query', () => {
    expect(() => compileVrl('q = string!(.q); match_datadog_query({}, q)')).toThrow();
  });

  // VRL after 0.25 (the oracle) fixed conjunction precedence (vectordotdev/vrl#1542): AND binds tighter than
  // OR, and NOT negates only the next clause. Expected values here follow current VRL.
  const CURRENT_VRL: Record<string, (boolean | string)[]> = {
    'this OR NOT that': [true, true, true, true, true, true, true, true, true],
    'this that OR foo': [true, false, false, false, false, false, false, false, false],
    'only OR this AND that': [true, true, false, false, false, false, false, false, false],
    'NOT this AND that': [false, false, false, false, false, false, false, false, false],
    'NOT only this': [true, false, false, false, false, false, false, false, false],
    // VRL panics on mismatched range brackets; we report a compile error.
    '@a:[1 TO 5}': Array(9).fill('E610'),
    '@a:[4.5 TO 5.5}': Array(9).fill('E610'),
  };
  for (const [query, expected] of Object.entries(CURRENT_VRL)) {
    it(`follows current VRL for ${JSON.stringify(query)}`, () => {
      expect(EVENTS.map((e) => ours(e, query))).toEqual(expected);
    });
  }

  for (const query of QUERIES.filter((q) => !(q in CURRENT_VRL))) {
    it(`matches the oracle for ${JSON.stringify(query)}`, () => {
      const got = EVENTS.map((e) => ours(e, query));
      const want = EVENTS.map((e) => oracle(e, query));
      expect(got).toEqual(want);
    });
  }

  it('matches the oracle error text', () => {
    for (const query of QUERIES.filter((q) => !(q in CURRENT_VRL))) {
      const src = `match_datadog_query({}, ${rawString(query)})`;
      const errors = verel.check(src).errors;
      if (errors.length === 0 || errors[0]!.message.includes('invalid argument')) continue;
      expect(errors[0]!.code).toBe(610);
      let message = '';
      try {
        matcher(query);
      } catch (e) {
        message = (e as Error).message;
      }
      expect({ query, message }).toEqual({ query, message: errors[0]!.message });
    }
  });
});

export type { Value };
