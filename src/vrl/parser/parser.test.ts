import { describe, expect, it } from 'vitest';
import { parse } from './index.js';
import { toSExpr } from './sexpr.js';

const sexpr = (source: string) => toSExpr(parse(source));

describe('parse: expression kinds', () => {
  it.each([
    ['"hello"', '"hello"'],
    ["s'raw \\n {{x}}'", "s'raw \\n {{x}}'"],
    ['42', '42'],
    ['1_000_000', '1000000'],
    ['-7', '-7'],
    ['3.25', '3.25'],
    ['12.', '12.0'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ["r'^(?i)foo\\d+$'", "r'^(?i)foo\\d+$'"],
    ["r'it\\'s'", "r'it's'"],
    ["t'2021-02-11T10:32:50.553955473Z'", "t'2021-02-11T10:32:50.553955473Z'"],
    ['[]', '[]'],
    ['[1, "a", [true]]', '[1, "a", [true]]'],
    ['[\n  1,\n  2,\n]', '[1, 2]'],
    ['{}', '{}'],
    ['{ "a": 1, "b c": [2] }', '{"a": 1, "b c": [2]}'],
    ['{\n  "a": 1,\n  "b": .x\n}', '{"a": 1, "b": .x}'],
    ['{ .a = 1; .b = 2 }', '(block (= .a 1) (= .b 2))'],
    ['{\n  x = 1\n  x\n}', '(block (= x 1) x)'],
    ['(1 + 2)', '(group (+ 1 2))'],
    ['(x = 1)', '(group (= x 1))'],
    ['foo', 'foo'],
    ['!x', '(! x)'],
    ['!!.ok', '(! (! .ok))'],
    ['abort', '(abort)'],
    ['abort "bad"', '(abort "bad")'],
    ['return .x', '(return .x)'],
    ['if .a { 1 }', '(if .a (block 1))'],
    ['if .a { 1 } else { 2 }', '(if .a (block 1) else (block 2))'],
    [
      'if .a { 1 } else if .b { 2 } else { 3 }',
      '(if .a (block 1) else (block (if .b (block 2) else (block 3))))',
    ],
    ['if .a {\n  1\n}\nelse {\n  2\n}', '(if .a (block 1) else (block 2))'],
    ['if (x = 1; x > 0) { x }', '(if (many (= x 1) (> x 0)) (block x))'],
    ['if (.a) && .b { 1 }', '(if (&& (group .a) .b) (block 1))'],
    ['x = if .a { 1 } else { 2 }', '(= x (if .a (block 1) else (block 2)))'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });
});

describe('parse: paths', () => {
  it.each([
    ['.', '.'],
    ['.foo', '.foo'],
    ['.foo.bar.baz', '.foo.bar.baz'],
    ['."with space".x', '."with space".x'],
    ['.a."b\\"c"', '.a."b\\"c"'],
    ['.a[0]', '.a[0]'],
    ['.a[-1].b', '.a[-1].b'],
    ['.[0]', '.[0]'],
    ['.@timestamp', '.@timestamp'],
    ['.if.null.array', '.if.null.array'],
    ['.0foo', '.0foo'],
    ['%', '%'],
    ['%foo.bar', '%foo.bar'],
    ['%"q k"', '%"q k"'],
    ['x.a[1]', 'x.a[1]'],
    ['parse_json!(.m).a', '(call parse_json! .m).a'],
    ['f()[0]', '(call f)[0]'],
    ['[1, 2][1]', '[1, 2][1]'],
    ['{ "a": 1 }.a', '{"a": 1}.a'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });

  it('records a span for every segment', () => {
    const [e] = parse('.a."b"[2]').expressions;
    expect(e!.node.kind).toBe('query');
    if (e!.node.kind !== 'query') return;
    expect(e!.node.query.path.map((s) => s.span)).toEqual([
      { start: 1, end: 2 },
      { start: 2, end: 6 },
      { start: 6, end: 9 },
    ]);
  });
});

describe('parse: precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 * 2 + 3', '(+ (* 1 2) 3)'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
    ['a | b + c', '(| a (+ b c))'],
    ['a | b | c', '(| (| a b) c)'],
    ['a < b | c', '(< a (| b c))'],
    ['a == b < c', '(== a (< b c))'],
    ['a < b < c', '(< (< a b) c)'],
    ['a == b && c != d', '(&& (== a b) (!= c d))'],
    ['a || b && c', '(&& (|| a b) c)'],
    ['a && b || c', '(|| (&& a b) c)'],
    ['a ?? b || c', '(?? a (|| b c))'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['!a && b', '(&& (! a) b)'],
    ['!a == b', '(== (! a) b)'],
    ['a >= 1 && a <= 2', '(&& (>= a 1) (<= a 2))'],
    ['(1 + 2) * 3', '(* (group (+ 1 2)) 3)'],
    ['1 +\n  2', '(+ 1 2)'],
    ['x = y = 1', '(= x (= y 1))'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });
});

describe('parse: assignments', () => {
  it.each([
    ['.a = 1', '(= .a 1)'],
    ['x = .a', '(= x .a)'],
    ['. = {}', '(= . {})'],
    ['%m = 1', '(= %m 1)'],
    ['. |= { "a": 1 }', '(|= . {"a": 1})'],
    ['_ = f()', '(= _ (call f))'],
    ['ok, err = parse_json(.m)', '(= (ok err) (call parse_json .m))'],
    ['.a, _ = f()', '(= (.a _) (call f))'],
    ['_, err = f()', '(= (_ err) (call f))'],
    ['x =\n  1', '(= x 1)'],
    ['.a[0].b = 1', '(= .a[0].b 1)'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });
});

describe('parse: function calls and closures', () => {
  it.each([
    ['now()', '(call now)'],
    ['upcase(.a)', '(call upcase .a)'],
    ['f(1, 2,)', '(call f 1 2)'],
    ['to_int!(.a)', '(call to_int! .a)'],
    ['split(.a, pattern: ",", limit: 2)', '(call split .a pattern: "," limit: 2)'],
    ['f(type: 1, if: 2)', '(call f type: 1 if: 2)'],
    ['f(\n  1,\n  x: 2\n)', '(call f 1 x: 2)'],
    ['f(g(h(1)))', '(call f (call g (call h 1)))'],
    ['for_each(.a) -> |k, v| { v }', '(call for_each .a -> |k, v| (block v))'],
    ['map_values(.a) -> |_| { 1 }', '(call map_values .a -> |_| (block 1))'],
    ['f() -> || { 1 }', '(call f -> || (block 1))'],
    ['f(.x) -> |k, v|\n{\n  k\n}', '(call f .x -> |k, v| (block k))'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });

  it('spans the name, the arguments and the closure', () => {
    const [e] = parse('f!(a: 1) -> |x| { x }').expressions;
    if (e!.node.kind !== 'functionCall') throw new Error('expected a call');
    const { ident, arguments: args, closure } = e!.node.call;
    expect(ident.span).toEqual({ start: 0, end: 1 });
    expect(args[0]!.span).toEqual({ start: 3, end: 7 });
    expect(args[0]!.node.name?.node).toBe('a');
    expect(closure?.span).toEqual({ start: 9, end: 21 });
    expect(closure?.node.variables.map((v) => v.span)).toEqual([{ start: 13, end: 14 }]);
    expect(e!.span).toEqual({ start: 0, end: 21 });
  });
});

describe('parse: strings and templates', () => {
  it.each([
    ['"a\\nb\\t\\"c\\\\"', JSON.stringify('a\nb\t"c\\')],
    ['"\\u{1F600} \\u{e9}"', JSON.stringify('😀 é')],
    ['"\\0\\r\\\'"', JSON.stringify("\0\r'")],
    ['"one \\\n    two"', '"one two"'],
    ['"hello {{ name }}!"', '(template "hello " {name} "!")'],
    ['"{{a}}{{ b }}"', '(template {a} {b})'],
    ['"\\{{ not a template \\}}"', '"{{ not a template }}"'],
    ['"\\{ single \\}"', '"{ single }"'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });

  it('gives template segments source spans', () => {
    const [e] = parse('"ab{{ x }}c"').expressions;
    if (e!.node.kind !== 'literal' || e!.node.literal.kind !== 'string') throw new Error('expected a string');
    expect(e!.node.literal.segments).toEqual([
      { kind: 'literal', value: 'ab', span: { start: 1, end: 3 } },
      { kind: 'template', name: 'x', span: { start: 3, end: 10 } },
      { kind: 'literal', value: 'c', span: { start: 10, end: 11 } },
    ]);
  });

  it('keeps integers exact beyond 2^53', () => {
    const [e] = parse('9223372036854775807').expressions;
    expect(e!.node).toEqual({ kind: 'literal', literal: { kind: 'integer', value: 9223372036854775807n } });
  });
});

describe('parse: program structure', () => {
  it.each([
    ['', ''],
    ['\n\n', ''],
    ['# only a comment', ''],
    ['.a = 1\n.b = 2', '(= .a 1)\n(= .b 2)'],
    ['.a = 1; .b = 2;', '(= .a 1)\n(= .b 2)'],
    ['\n\n.a = 1 # set a\n\n# comment\n.b = 2\n', '(= .a 1)\n(= .b 2)'],
    ['.a = 1;\n\n.b = 2', '(= .a 1)\n(= .b 2)'],
    ['if .a {\n  # comment\n  1\n}\n# between\nelse { 2 }', '(if .a (block 1) else (block 2))'],
    ['elsewhere = 1\nelsewhere', '(= elsewhere 1)\nelsewhere'],
  ])('%j', (source, expected) => {
    expect(sexpr(source)).toBe(expected);
  });

  it('spans statements from first to last token', () => {
    const program = parse('  .a = 1 + 2  # c\nabort');
    expect(program.expressions.map((e) => e.span)).toEqual([
      { start: 2, end: 12 },
      { start: 18, end: 23 },
    ]);
  });
});

describe('parse: a realistic remap program', () => {
  it('parses every statement of a multi-line transform', () => {
    const source = [
      '# Normalize an Okta event',
      '. = parse_json!(string!(.message))',
      'ts, err = parse_timestamp(.published, format: "%+")',
      'if err != null {',
      '  log("bad timestamp: " + err, level: "warn")',
      '  ts = now()',
      '}',
      '.@timestamp = ts',
      '.event.kind = "event"; .event.category = ["authentication"]',
      '.user.name = downcase(.actor.alternateId) ?? null',
      'if (outcome = .outcome.result; outcome == "SUCCESS") {',
      '  .event.outcome = "success"',
      '} else if outcome == "FAILURE" {',
      '  .event.outcome = "failure"',
      '}',
      'else {',
      '  abort "unknown outcome {{ outcome }}"',
      '}',
      '.related.ip = filter(compact([.client.ipAddress, .request.ip])) -> |_i, v| {',
      '  !is_nullish(v)',
      '}',
      '%vrl.processed = true',
      'del(."legacy field")',
    ].join('\n');
    expect(sexpr(source).split('\n')).toEqual([
      '(= . (call parse_json! (call string! .message)))',
      '(= (ts err) (call parse_timestamp .published format: "%+"))',
      '(if (!= err null) (block (call log (+ "bad timestamp: " err) level: "warn") (= ts (call now))))',
      '(= .@timestamp ts)',
      '(= .event.kind "event")',
      '(= .event.category ["authentication"])',
      '(= .user.name (?? (call downcase .actor.alternateId) null))',
      '(if (many (= outcome .outcome.result) (== outcome "SUCCESS")) (block (= .event.outcome "success")) else ' +
        '(block (if (== outcome "FAILURE") (block (= .event.outcome "failure")) else ' +
        '(block (abort (template "unknown outcome " {outcome}))))))',
      '(= .related.ip (call filter (call compact [.client.ipAddress, .request.ip]) -> |_i, v| (block (! (call is_nullish v)))))',
      '(= %vrl.processed true)',
      '(call del ."legacy field")',
    ]);
  });

  it('keeps a parenthesised predicate continued after an operator as one expression', () => {
    const source = 'v = if (starts_with(i, "a") ||\n    starts_with(i, "b")) { "x" }\n    else { "y" }';
    expect(sexpr(source)).toBe(
      '(= v (if (group (|| (call starts_with i "a") (call starts_with i "b"))) (block "x") else (block "y")))',
    );
  });

  it('accepts newlines inside a many-expression predicate and closure parameters', () => {
    expect(sexpr('if (\n  x = 1\n  x > 0\n) { x }')).toBe('(if (many (= x 1) (> x 0)) (block x))');
    expect(sexpr('f() -> |k,\n  v| { k }')).toBe('(call f -> |k, v| (block k))');
  });
});
