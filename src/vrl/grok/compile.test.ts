import { describe, expect, it } from 'vitest';

import { compileGrok, GROK_PATTERNS, GrokError, grokMatch, parseGrok, parseGroks } from './index.js';

describe('VRL documented examples', () => {
  it('parse_grok: timestamp, level, message', () => {
    expect(
      parseGrok(
        '2020-10-02T23:22:12.223222Z info Hello world',
        '%{TIMESTAMP_ISO8601:timestamp} %{LOGLEVEL:level} %{GREEDYDATA:message}',
      ),
    ).toEqual({ timestamp: '2020-10-02T23:22:12.223222Z', level: 'info', message: 'Hello world' });
  });

  it('parse_grok: non-participating alternative is absent', () => {
    expect(
      parseGrok('2020-10-02T23:22:12.223222Z', '(%{TIMESTAMP_ISO8601:timestamp}|%{LOGLEVEL:level})'),
    ).toEqual({ timestamp: '2020-10-02T23:22:12.223222Z' });
  });

  it('parse_grok: ungrokkable messages do not match', () => {
    const p = '%{TIMESTAMP_ISO8601:timestamp} %{LOGLEVEL:level} %{GREEDYDATA:message}';
    expect(parseGrok('an ungrokkable message', p)).toBeNull();
    expect(parseGrok('2020-10-02T23:22:12.223222Z an ungrokkable message', p)).toBeNull();
    expect(parseGroks('an ungrokkable message', [p])).toBeNull();
  });

  it('parse_groks: multiple patterns sharing aliases', () => {
    expect(
      parseGroks(
        '2020-10-02T23:22:12.223222Z info Hello world',
        ['%{common_prefix} %{_status} %{_message}', '%{common_prefix} %{_message}'],
        {
          common_prefix: '%{_timestamp} %{_loglevel}',
          _timestamp: '%{TIMESTAMP_ISO8601:timestamp}',
          _loglevel: '%{LOGLEVEL:level}',
          _status: '%{POSINT:status}',
          _message: '%{GREEDYDATA:message}',
        },
      ),
    ).toEqual({ timestamp: '2020-10-02T23:22:12.223222Z', level: 'info', message: 'Hello world' });
  });

  it('parse_groks: aliases referencing aliases (alias_sources example)', () => {
    expect(
      parseGroks('username=foo', ['%{PATTERN_A}'], {
        PATTERN_A: '%{PATTERN_B}',
        PATTERN_B: 'username=%{USERNAME:username}',
      }),
    ).toEqual({ username: 'foo' });
  });

  it('unknown pattern names are reported with the VRL message', () => {
    expect(() => parseGroks('foo', ['%{NOG}'])).toThrow(GrokError);
    expect(() => parseGrok('foo', '%{NOG}')).toThrow(
      'The given pattern definition name "NOG" could not be found in the definition map',
    );
  });
});

describe('compileGrok', () => {
  it('generates one group per destination and records paths', () => {
    const c = compileGrok('%{INT:a.b:int} %{WORD} %{WORD:"x.y"}');
    expect(c.fields).toEqual([
      { group: 'g0', path: ['a', 'b'], convert: 'int' },
      { group: 'g1', path: ['x.y'] },
    ]);
    expect(c.regex.flags).toBe('su');
    expect(c.dialect).toBe('groks');
  });

  it('anchors the groks dialect but not the grok dialect', () => {
    expect(grokMatch(compileGrok('%{INT:n}'), 'x 42 y')).toBeNull();
    expect(grokMatch(compileGrok('%{INT:n}', { dialect: 'grok' }), 'x 42 y')).toEqual({ n: '42' });
  });

  it('groks dialect: dot matches newlines (DOTALL)', () => {
    expect(parseGroks('a\nb', ['%{GREEDYDATA:m}'])).toEqual({ m: 'a\nb' });
  });

  it('builds nested objects from dotted paths', () => {
    expect(parseGroks('1.2.3.4:80', ['%{IP:source.ip}:%{POSINT:source.port:int}'])).toEqual({
      source: { ip: '1.2.3.4', port: 80 },
    });
  });

  it('grok dialect keeps the alias literally (dots and colons included)', () => {
    expect(parseGrok('7', '%{INT:a.b:int}')).toEqual({ 'a.b:int': '7' });
  });

  it('collects repeated fields into an array (groks) / last wins (grok)', () => {
    expect(parseGroks('a b c', ['%{WORD:w} %{WORD:w} %{WORD:w}'])).toEqual({ w: ['a', 'b', 'c'] });
    expect(parseGrok('a b', '%{WORD:w} %{WORD:w}')).toEqual({ w: 'b' });
  });

  it('drops empty captures in groks and keeps them in grok', () => {
    expect(parseGroks('x=', ['x=%{DATA:v}'])).toEqual({});
    expect(parseGrok('x=', 'x=%{DATA:v}')).toEqual({ v: '' });
  });

  it('converts values', () => {
    const p =
      '%{NOTSPACE:i:int} %{NOTSPACE:j:integer} %{NOTSPACE:f:float} %{NOTSPACE:n:number} ' +
      '%{NOTSPACE:b:boolean} %{NOTSPACE:s:string} %{NOTSPACE:l:lowercase} %{NOTSPACE:u:uppercase}';
    expect(parseGroks('-12 7 1.5 2e3 TRUE 9 AbC dEf', [p])).toEqual({
      i: -12,
      j: 7,
      f: 1.5,
      n: 2000,
      b: true,
      s: '9',
      l: 'abc',
      u: 'DEF',
    });
    expect(parseGroks('yes', ['%{WORD:b:boolean}'])).toEqual({ b: false });
  });

  it('drops values whose conversion fails', () => {
    expect(parseGroks('abc 1.5', ['%{WORD:a:int} %{NOTSPACE:b:int}'])).toEqual({});
    expect(parseGroks('abc', ['%{WORD:a:float}'])).toEqual({});
  });

  it('a root destination discards the value', () => {
    expect(parseGroks('abc', ['%{WORD:.}'])).toEqual({});
  });

  it('rejects unknown filters and malformed references', () => {
    expect(() => compileGrok('%{WORD:a:json}')).toThrow("unknown filter 'json'");
    expect(() => compileGrok('%{WORD:a')).toThrow(GrokError);
    expect(() => compileGrok('%{WO RD}')).toThrow(GrokError);
    expect(() => compileGrok('%{WORD:"a}')).toThrow(GrokError);
  });

  it('reports invalid raw regex as GrokError', () => {
    expect(() => compileGrok('%{WORD:a}(')).toThrow(/invalid grok expression/);
  });

  it('supports raw regex between references, including onig-isms', () => {
    expect(parseGroks('[x] "q" 1-2', ['\\[%{WORD:w}\\] \\"%{WORD:q}\\" (?>%{INT:a})\\-%{INT:b}'])).toEqual({
      w: 'x',
      q: 'q',
      a: '1',
      b: '2',
    });
    expect(parseGroks('ff', ['\\h+'])).toEqual({});
    expect(parseGrok('ab', '\\Aa(?<rest>b)\\z')).toEqual({ rest: 'b' });
  });

  it('treats braces and ] that are not quantifiers as literals, keeps real quantifiers', () => {
    expect(parseGroks('{"a":12}', ['{"a":%{INT:a:int}}'])).toEqual({ a: 12 });
    expect(parseGroks('x]', ['x]'])).toEqual({});
    expect(parseGroks('aaa-7', ['a{2,3}-%{INT:n}'])).toEqual({ n: '7' });
    expect(parseGroks('aaaa-7', ['a{2,3}-%{INT:n}'])).toBeNull();
    expect(parseGroks('ab', ['[]a]b'])).toEqual({});
    expect(parseGroks(']', ['[^]a]'])).toBeNull();
    expect(parseGroks('b', ['[^]a]'])).toEqual({});
  });

  it('turns raw named groups into fields', () => {
    const p = '%{INT:a} (?<event_created>%{MONTH}/%{YEAR}) (?P<other>\\w+)';
    expect(parseGroks('1 Oct/2000 z', [p])).toEqual({ a: '1', event_created: 'Oct/2000', other: 'z' });
  });

  it('escaped %{ is literal text', () => {
    expect(parseGroks('%{x}', ['\\%\\{x\\}'])).toEqual({});
  });

  it('aliases shadow standard patterns and may reference them', () => {
    expect(parseGroks('abc', ['%{INT:v}'], { INT: '[a-z]+' })).toEqual({ v: 'abc' });
    expect(parseGroks('5 apples', ['%{count} %{WORD:what}'], { count: '%{INT:n:int}' })).toEqual({
      n: 5,
      what: 'apples',
    });
  });

  it('an alias with a destination captures its whole expansion as well as inner fields', () => {
    expect(parseGroks('1 2', ['%{pair:p}'], { pair: '%{INT:x} %{INT:y}' })).toEqual({
      p: '1 2',
      x: '1',
      y: '2',
    });
  });

  it('detects circular aliases', () => {
    expect(() => compileGrok('%{A}', { aliases: { A: '%{B}', B: 'x%{A}' } })).toThrow(
      "Circular dependency found in the alias 'A'",
    );
    expect(() => compileGrok('%{A}', { aliases: { A: '%{A}' } })).toThrow(GrokError);
  });

  it('parse_groks compiles every pattern before matching', () => {
    expect(() => parseGroks('1', ['%{INT}', '%{NOPE}'])).toThrow(GrokError);
  });

  it('parse_groks returns the first matching pattern', () => {
    expect(parseGroks('42', ['%{WORD:w} %{WORD:x}', '%{INT:i:int}', '%{GREEDYDATA:g}'])).toEqual({ i: 42 });
  });

  it('is safe for __proto__ field names', () => {
    const r = parseGroks('x', ['%{WORD:__proto__}']);
    expect(Object.keys(r ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
  });

  it('every standard pattern compiles in both dialects', () => {
    for (const name of Object.keys(GROK_PATTERNS)) {
      expect(() => compileGrok(`%{${name}:v}`), name).not.toThrow();
      expect(() => compileGrok(`%{${name}}`, { dialect: 'grok' }), name).not.toThrow();
    }
  });
});
