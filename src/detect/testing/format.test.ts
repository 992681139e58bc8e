import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../config/index.js';
import { findTestFiles, parseTestFile } from './format.js';
import { normalizeTs, recordJson } from './run.js';
import { tempDir } from './test-helpers/cli.js';

const lake = tempDir();
const dir = path.join(lake, 'detections', 'd1');
mkdirSync(path.join(dir, 'tests'), { recursive: true });
writeFileSync(path.join(dir, 'tests', 'sample.log'), '{"a":1}\n');
const file = path.join(dir, 'tests', 'cases.yml');
const parse = (text: string) => parseTestFile(file, text, 'd1', lake);
const messages = (text: string) => parse(text).problems.map(formatProblem);

describe('detection test files', () => {
  it('parses records, raw logs, log files, expectations and fixtures', () => {
    const { cases, problems } = parse(`
tests:
  - name: ecs
    record: { ts: 2026-01-01T00:00:00Z, user: { name: alice } }
    table: t1
    match: true
    title: hello
    dedupe: alice
    severity: HIGH
    also_matches: [d2]
    remotecache: { ns: { alice: 2 } }
    enrichment: { bad_ips: { "1.2.3.4": { actor: x } } }
  - name: raw
    log_source: app
    log: |
      line one
      line two
    match: false
  - name: file
    log_source: app
    table: app_audit
    log_file: sample.log
    matches: 0
    match: false
  - name: several
    records: [{ a: 1 }, { a: 2 }]
    matches: 2
    match: true
`);
    expect(problems).toEqual([]);
    expect(cases.map((c) => [c.name, c.line, c.index])).toEqual([
      ['ecs', 3, 0],
      ['raw', 13, 1],
      ['file', 19, 2],
      ['several', 25, 3],
    ]);
    expect(cases[0]).toMatchObject({
      detection: 'd1',
      file: path.join('detections', 'd1', 'tests', 'cases.yml'),
      input: {
        kind: 'records',
        table: 't1',
        records: [{ ts: '2026-01-01T00:00:00Z', user: { name: 'alice' } }],
      },
      expect: { match: true, title: 'hello', dedupe: 'alice', severity: 'high', alsoMatches: ['d2'] },
      remotecache: { ns: { alice: 2 } },
      enrichment: { bad_ips: { '1.2.3.4': { actor: 'x' } } },
    });
    expect(cases[1]!.input).toEqual({ kind: 'log', logSource: 'app', text: 'line one\nline two\n' });
    expect(cases[2]!.input).toEqual({
      kind: 'log',
      logSource: 'app',
      table: 'app_audit',
      logFile: path.join(dir, 'tests', 'sample.log'),
    });
    expect(cases[2]!.expect.matches).toBe(0);
    expect(cases[3]!.input).toMatchObject({ records: [{ a: 1 }, { a: 2 }] });
    expect(findTestFiles(dir)).toEqual([]); // cases.yml is not written; only the log is there
  });

  it('accepts a bare list of cases', () => {
    expect(parse('- name: a\n  record: {x: 1}\n  match: false\n').cases).toHaveLength(1);
  });

  it('names the file, key path and line of every problem', () => {
    const rel = path.join('detections', 'd1', 'tests', 'cases.yml');
    const out = messages(`tests:
  - name: one
    recrod: { a: 1 }
    match: yes
  - name: two
    record: { a: 1 }
    log: x
    log_source: app
    match: false
    title: t
  - name: three
    log: abc
    match: true
    severity: urgent
    remotecache: [1]
  - name: four
    log_source: app
    log_file: missing.log
    match: true
    matches: 0
  - name: four
    records: []
    match: true
    also_matches: [d1]
    enrichment: { t: 3 }
`);
    const joined = out.join('\n');
    expect(out.every((m) => m.startsWith(rel + ':'))).toBe(true);
    expect(joined).toContain(`${rel}:3:5: tests[0].recrod: unknown key \`recrod\``);
    expect(joined).toContain('did you mean `record`?');
    expect(joined).toContain(`${rel}:4:12: tests[0].match: \`match\` must be true or false`);
    expect(joined).toContain(`${rel}:7:5: tests[1].log: give one input, not \`record\` and \`log\``);
    expect(joined).toContain('tests[1].title: `title` is only checked when `match: true`');
    expect(joined).toContain('tests[2]: `log` needs `log_source`');
    expect(joined).toContain('tests[2].severity: unknown severity "urgent"');
    expect(joined).toContain('tests[2].remotecache: `remotecache` must be a mapping of namespaces');
    expect(joined).toMatch(/tests\[3\]\.log_file: no such file: .*missing\.log/);
    expect(joined).toContain('tests[3].matches: `matches: 0` contradicts `match: true`');
    expect(joined).toContain('tests[4].name: another case in this file is named "four"');
    expect(joined).toContain('tests[4].records: `records` must be a non-empty list');
    expect(joined).toContain('tests[4].also_matches: `also_matches` lists this test\'s own detection "d1"');
    expect(joined).toContain('tests[4].enrichment.t: table "t" must be a mapping');
    expect(parse('tests:\n  - name: x\n').cases).toEqual([]); // any problem: no cases
  });

  it('reports YAML syntax errors, empty files and a missing tests list', () => {
    expect(messages('tests: [\n')[0]).toMatch(/cases\.yml:\d+:\d+: invalid YAML/);
    expect(messages('')[0]).toContain('empty test file');
    expect(messages('cases: []\n').join('\n')).toContain('unknown key `cases`');
    expect(messages('tests: {}\n')[0]).toContain('`tests` must be a list of test cases');
    expect(messages('tests: []\n')[0]).toContain('no test cases');
  });

  it('finds tests/*.yml and tests/*.yaml, sorted', () => {
    const d = path.join(lake, 'detections', 'd2');
    mkdirSync(path.join(d, 'tests'), { recursive: true });
    for (const f of ['b.yaml', 'a.yml', 'notes.txt', 'log.json']) writeFileSync(path.join(d, 'tests', f), '');
    expect(findTestFiles(d).map((f) => path.basename(f))).toEqual(['a.yml', 'b.yaml']);
    expect(findTestFiles(path.join(lake, 'nowhere'))).toEqual([]);
  });

  it('gives ts the form of stored records and leaves nulls out', () => {
    expect(normalizeTs('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000000Z');
    expect(normalizeTs('2026-01-01T02:30:00.123456789+02:30')).toBe('2026-01-01T00:00:00.123456Z');
    expect(normalizeTs('2026-01-01 10:00')).toBe('2026-01-01T10:00:00.000000Z');
    expect(normalizeTs('2026-01-01')).toBe('2026-01-01T00:00:00.000000Z');
    expect(normalizeTs('not a date')).toBe('not a date');
    expect(normalizeTs(1700000000)).toBe(1700000000);
    expect(recordJson({ ts: '2026-01-01T00:00:00.5Z', a: null, b: { c: null, d: [null, 1] } })).toBe(
      '{"ts":"2026-01-01T00:00:00.500000Z","b":{"d":[null,1]}}',
    );
  });
});
