import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigErrors,
  findLakeDir,
  loadLakeDirectory,
  type ConfigProblem,
  type TableConfig,
} from './index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function lake(files: Record<string, string>, withConfig = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-config-'));
  dirs.push(dir);
  const all = withConfig ? { 'lakewatch.config.yml': 'name: test\n', ...files } : files;
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function problems(dir: string): ConfigProblem[] {
  try {
    loadLakeDirectory(dir);
  } catch (err) {
    if (err instanceof ConfigErrors) return err.problems;
    throw err;
  }
  throw new Error('expected ConfigErrors');
}

const col = (schema: TableConfig['schema'], name: string) => schema.find((f) => f.name === name);

const ZEEK = `# a Matano-style multi-table log source
name: zeek
ingest:
  compression: gzip
  expand_records_from_payload: parse_json!(.__raw).Records
  select_table_from_payload: |
    .json._path
  s3_source:
    bucket_name: my-logs
    key_prefix: zeek/
  sqs_source:
    enabled: true
schema:
  ecs_field_names:
    - source.ip
    - event.category
  fields:
    - name: zeek
      type:
        type: struct
        fields:
          - name: uid
            type: string
transform: |
  .source.ip = del(.json.id_orig_h)
retention: 90d
meta:
  display_name: Zeek
`;

const DNS = `name: dns
schema:
  ecs_field_names: [dns, source.ip]
  fields:
    - name: zeek
      type:
        type: struct
        fields:
          - name: dns
            type:
              type: struct
              fields:
                - { name: rtt, type: double }
transform: |
  .dns.question.name = del(.json.query)
ingest:
  format: json
partitioning: [day(ts), identity(source.ip)]
`;

const CONN = `name: connection
enabled: false
retention: 12h
ingest:
  compression: zstd
`;

describe('loadLakeDirectory — a Matano-style directory', () => {
  const dir = lake({
    'log_sources/zeek/log_source.yml': ZEEK,
    'log_sources/zeek/tables/dns.yml': DNS,
    'log_sources/zeek/tables/connection.yml': CONN,
    'log_sources/app/log_source.yml': 'name: app\nschema:\n  ecs_field_names: [message]\n',
  });
  const loaded = loadLakeDirectory(dir);

  it('finds the project and the log sources', () => {
    expect(loaded.dir).toBe(path.resolve(dir));
    expect(loaded.configFile).toBe(path.join(path.resolve(dir), 'lakewatch.config.yml'));
    expect(loaded.project).toMatchObject({ name: 'test', namespace: 'lakewatch' });
    expect(loaded.logSources.map((s) => s.name)).toEqual(['app', 'zeek']);
    expect(loaded.tables.map((t) => t.name)).toEqual(['app', 'zeek_connection', 'zeek_dns']);
  });

  it('gives a source without table files one default table named after it', () => {
    const app = loaded.logSources.find((s) => s.name === 'app')!;
    expect(app.tables).toHaveLength(1);
    expect(app.tables[0]).toMatchObject({
      name: 'app',
      shortName: 'default',
      logSource: 'app',
      file: 'log_sources/app/log_source.yml',
      enabled: true,
    });
    expect(app.tables[0]!.partitioning).toEqual([{ source: 'ts', transform: 'hour' }]);
    expect(app.tables[0]!.schema.map((f) => f.name)).toEqual(['ts', 'message', 'labels', 'tags']);
  });

  it('resolves table names as <source>_<table> and keeps Matano ingest keys', () => {
    const zeek = loaded.logSources.find((s) => s.name === 'zeek')!;
    expect(zeek.file).toBe('log_sources/zeek/log_source.yml');
    expect(zeek.dir).toBe(path.join(path.resolve(dir), 'log_sources', 'zeek'));
    expect(zeek.tables.map((t) => [t.name, t.shortName, t.file])).toEqual([
      ['zeek_connection', 'connection', 'log_sources/zeek/tables/connection.yml'],
      ['zeek_dns', 'dns', 'log_sources/zeek/tables/dns.yml'],
    ]);
    expect(zeek.ingest).toEqual({
      compression: 'gzip',
      expandRecordsFromPayload: 'parse_json!(.__raw).Records',
      selectTableFromPayload: '.json._path\n',
      s3Source: { bucket_name: 'my-logs', key_prefix: 'zeek/' },
      sqsSource: { enabled: true },
    });
  });

  it('tables inherit the source settings and override or extend them', () => {
    const dns = loaded.tables.find((t) => t.name === 'zeek_dns')!;
    expect(dns.enabled).toBe(true);
    expect(dns.ingest.format).toBe('json');
    expect(dns.ingest.compression).toBe('gzip');
    expect(dns.transform).toBe(
      '.source.ip = del(.json.id_orig_h)\n\n.dns.question.name = del(.json.query)\n',
    );
    expect(dns.retention).toEqual({ ms: 90 * 86_400_000, text: '90d' });
    expect(dns.partitioning).toEqual([
      { source: 'ts', transform: 'day' },
      { source: 'source.ip', transform: 'identity' },
    ]);
    // ECS names are unioned (source first) and custom fields merged.
    expect(dns.schema.map((f) => f.name)).toEqual(['ts', 'source', 'event', 'dns', 'zeek', 'labels', 'tags']);
    expect(col(dns.schema, 'zeek')!.type).toEqual({
      type: 'struct',
      fields: [
        { name: 'uid', type: 'string' },
        { name: 'dns', type: { type: 'struct', fields: [{ name: 'rtt', type: 'double' }] } },
      ],
    });

    const conn = loaded.tables.find((t) => t.name === 'zeek_connection')!;
    expect(conn.enabled).toBe(false);
    expect(conn.ingest.compression).toBe('zstd');
    expect(conn.retention).toEqual({ ms: 12 * 3_600_000, text: '12h' });
    expect(conn.transform).toBe('.source.ip = del(.json.id_orig_h)\n');
    expect(conn.schema.map((f) => f.name)).toEqual(['ts', 'source', 'event', 'zeek', 'labels', 'tags']);
  });

  it('findLakeDir walks up to the directory with the config file', () => {
    expect(findLakeDir(path.join(dir, 'log_sources', 'zeek', 'tables'))).toBe(path.resolve(dir));
    expect(findLakeDir(path.join(dir, 'log_sources', 'zeek', 'tables', 'dns.yml'))).toBe(path.resolve(dir));
    expect(findLakeDir(dir)).toBe(path.resolve(dir));
    const empty = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-nolake-'));
    dirs.push(empty);
    expect(findLakeDir(empty)).toBeNull();
  });
});

describe('loadLakeDirectory — settings', () => {
  it('accepts matano.config.yml with Matano keys and an empty project file', () => {
    const matano = lake(
      {
        'matano.config.yml':
          'aws:\n  account: 123456789012\n  region: us-east-1\n  tags: { team: sec }\nis_production: false\nproject_label: my-org\n',
      },
      false,
    );
    const loaded = loadLakeDirectory(matano);
    expect(loaded.configFile.endsWith('matano.config.yml')).toBe(true);
    expect(loaded.project.namespace).toBe('lakewatch');
    expect(loaded.project.matano).toMatchObject({
      aws: { account: 123456789012, region: 'us-east-1' },
      isProduction: false,
    });
    expect(loaded.logSources).toEqual([]);

    const empty = lake({ 'lakewatch.config.yml': '# nothing yet\n' }, false);
    const emptyProject = loadLakeDirectory(empty).project;
    expect(emptyProject).toMatchObject({ namespace: 'lakewatch', matano: {} });
    expect(emptyProject.service).toMatchObject({
      host: '127.0.0.1',
      port: 8470,
      ingest: { ack: 'spool', flushIntervalMs: 1000, maxBodyBytes: 64 * 1024 ** 2 },
      drop: { enabled: true, path: path.join(empty, 'drop'), afterIngest: 'archive', settleMs: 2000 },
      schedules: { compaction: 3_600_000, expireSnapshots: 5 * 60_000, retention: 3_600_000 },
      snapshotMaxAgeMs: 30 * 60_000,
    });
    const ns = lake({ 'lakewatch.config.yml': 'namespace: security\nvrl_version: "0.20"\n' }, false);
    expect(loadLakeDirectory(ns).project).toMatchObject({ namespace: 'security', vrlVersion: '0.20' });
    const svc = lake(
      {
        'lakewatch.config.yml':
          'service:\n  port: 9000\n  ingest: { ack: commit, max_body: 1MiB, flush_interval: 250ms }\n' +
          '  drop: { path: inbox, after_ingest: delete }\n  schedules: { compaction: false }\n' +
          '  snapshot_max_age: 2h\n',
      },
      false,
    );
    expect(loadLakeDirectory(svc).project.service).toMatchObject({
      port: 9000,
      ingest: {
        ack: 'commit',
        maxBodyBytes: 1024 ** 2,
        maxDecodedBodyBytes: 4 * 1024 ** 2,
        flushIntervalMs: 250,
      },
      drop: {
        path: path.join(svc, 'inbox'),
        afterIngest: 'delete',
        archivePath: path.join(svc, 'inbox', '.archive'),
      },
      schedules: { compaction: null, expireSnapshots: 5 * 60_000 },
      snapshotMaxAgeMs: 2 * 3_600_000,
    });
    const badAge = lake({ 'lakewatch.config.yml': 'service:\n  snapshot_max_age: forever\n' }, false);
    expect(() => loadLakeDirectory(badAge)).toThrow(/service\.snapshot_max_age/);
    const bad = lake({ 'lakewatch.config.yml': 'service:\n  ingest: { max_body: lots }\n' }, false);
    expect(() => loadLakeDirectory(bad)).toThrow(/service\.ingest\.max_body/);
  });

  it('enabled: false on a source disables all of its tables', () => {
    const dir = lake({
      'log_sources/old/log_source.yml': 'name: old\nenabled: false\n',
      'log_sources/old/tables/a.yml': 'name: a\n',
      'log_sources/old/tables/default.yml': 'name: default\n',
    });
    const [source] = loadLakeDirectory(dir).logSources;
    expect(source!.enabled).toBe(false);
    expect(source!.tables.map((t) => [t.name, t.enabled])).toEqual([
      ['old_a', false],
      ['old', false],
    ]);
  });

  it('accepts every Matano compression value and Lakewatch formats', () => {
    for (const compression of ['auto', 'infer', 'none', 'gzip', 'gz', 'zstd', 'zst']) {
      const dir = lake({
        'log_sources/s/log_source.yml': `name: s\ningest:\n  compression: ${compression}\n  format: csv\n  csv_headers: [a, b]\n`,
      });
      expect(loadLakeDirectory(dir).tables[0]!.ingest).toEqual({
        compression,
        format: 'csv',
        csvHeaders: ['a', 'b'],
      });
    }
  });

  it('accepts partitioning as a string, a list of strings or objects', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': 'name: a\npartitioning: day(ts)\n',
      'log_sources/b/log_source.yml':
        'name: b\nschema: { ecs_field_names: [user.id, event.dataset] }\npartitioning:\n  - hour(ts)\n  - bucket(16, user.id)\n  - { source: event.dataset, transform: "truncate[4]", name: ds }\n',
    });
    const tables = loadLakeDirectory(dir).tables;
    expect(tables[0]!.partitioning).toEqual([{ source: 'ts', transform: 'day' }]);
    expect(tables[1]!.partitioning).toEqual([
      { source: 'ts', transform: 'hour' },
      { source: 'user.id', transform: 'bucket[16]' },
      { source: 'event.dataset', transform: 'truncate[4]', name: 'ds' },
    ]);
  });
});

describe('loadLakeDirectory — errors', () => {
  it('reports a missing ECS field with file, key path, line:column and a suggestion', () => {
    const dir = lake({
      'log_sources/web/log_source.yml':
        'name: web\nschema:\n  ecs_field_names:\n    - event\n    - sorce.ip\n',
    });
    const [p] = problems(dir);
    expect(p).toEqual({
      file: 'log_sources/web/log_source.yml',
      path: 'schema.ecs_field_names[1]',
      message: 'unknown ECS field or field set `sorce.ip`',
      expected: 'an ECS field (`source.ip`), an ECS field set (`dns`), or `ts`',
      suggestion: 'did you mean `source.ip`?',
      line: 5,
      column: 7,
    });
  });

  it('collects every problem across files, with suggestions for unknown keys', () => {
    const dir = lake({
      'log_sources/a/log_source.yml':
        'name: a\nschema:\n  ecs_field_name: [dns]\ningest:\n  compresion: gzip\n',
      'log_sources/b/log_source.yml': 'name: b\nschema:\n  ecs_field_names: [dns, hots.name]\n',
      'log_sources/b/tables/x.yml': 'name: x\nschema:\n  ecs_field_names: [evnt]\n',
    });
    const found = problems(dir);
    expect(found.map((p) => [p.file, p.path, p.line, p.column, p.suggestion])).toEqual([
      ['log_sources/a/log_source.yml', 'schema.ecs_field_name', 3, 3, 'did you mean `ecs_field_names`?'],
      ['log_sources/a/log_source.yml', 'ingest.compresion', 5, 3, 'did you mean `compression`?'],
      [
        'log_sources/b/log_source.yml',
        'schema.ecs_field_names[1]',
        3,
        26,
        'did you mean `host.name` or `os.name`?',
      ],
      ['log_sources/b/tables/x.yml', 'schema.ecs_field_names[0]', 3, 21, 'did you mean `event`?'],
    ]);
    expect(found[0]!.message).toBe('unknown key `ecs_field_name`');
    expect(found[0]!.expected).toBe('one of `ecs_field_names`, `fields`');
  });

  it('reports wrong values with what was expected', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': [
        'name: a',
        'ingest:',
        '  compression: rar',
        '  format: xml',
        '  csv_headers: a,b',
        'retention: 90 days',
        'partitioning: [weekly(ts)]',
        'enabled: "no"',
        'schema:',
        '  fields:',
        '    - name: x',
        '      type: strin',
        '    - name: y',
        '      type: { type: lst, element: string }',
        '    - type: long',
        '',
      ].join('\n'),
    });
    const byPath = Object.fromEntries(problems(dir).map((p) => [p.path, p]));
    expect(byPath['ingest.compression']).toMatchObject({
      line: 3,
      message: 'invalid value `rar`',
      expected: expect.stringContaining('`gzip`'),
    });
    expect(byPath['ingest.format']).toMatchObject({
      line: 4,
      expected: 'one of `auto`, `json`, `csv`, `text`',
    });
    expect(byPath['ingest.csv_headers']).toMatchObject({
      line: 5,
      message: 'wrong type: got the string `a,b`',
      expected: 'a list',
    });
    expect(byPath['retention']).toMatchObject({ line: 6, expected: expect.stringContaining('90d') });
    expect(byPath['partitioning[0]']).toMatchObject({
      line: 7,
      expected: expect.stringContaining('hour(ts)'),
    });
    expect(byPath['enabled']).toMatchObject({ line: 8, expected: 'true or false' });
    expect(byPath['schema.fields[0].type']).toMatchObject({
      line: 12,
      message: 'unknown Iceberg type `strin`',
      suggestion: 'did you mean `string`?',
    });
    expect(byPath['schema.fields[1].type.type']).toMatchObject({
      line: 14,
      suggestion: 'did you mean `list`?',
    });
    expect(byPath['schema.fields[2].name']).toMatchObject({
      line: 15,
      message: 'missing required key `name`',
    });
  });

  it('reports conflicting duplicate custom fields and a custom ts that is not a timestamp', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': [
        'name: a',
        'schema:',
        '  fields:',
        '    - { name: x, type: string }',
        '    - name: s',
        '      type: { type: struct, fields: [{ name: y, type: long }, { name: y, type: int }] }',
        '    - { name: x, type: long }',
        '',
      ].join('\n'),
      'log_sources/b/log_source.yml': 'name: b\nschema:\n  fields:\n    - name: ts\n      type: string\n',
    });
    expect(problems(dir).map((p) => [p.file, p.path, p.line, p.message])).toEqual([
      [
        'log_sources/a/log_source.yml',
        'schema.fields[1].type.fields[1].name',
        6,
        'duplicate field name `y` with a different type',
      ],
      [
        'log_sources/a/log_source.yml',
        'schema.fields[2].name',
        7,
        'duplicate field name `x` with a different type',
      ],
      [
        'log_sources/b/log_source.yml',
        'schema.fields[0].type',
        5,
        'ts: must be a timestamp (Lakewatch stores it as timestamptz), got string',
      ],
    ]);
  });

  it('accepts identical repeated custom fields, as Matano did', () => {
    const dir = lake({
      'log_sources/a/log_source.yml':
        'name: a\nschema:\n  fields:\n    - { name: x, type: string }\n    - { name: n, type: long }\n    - { name: x, type: string }\n',
    });
    expect(loadLakeDirectory(dir).tables[0]!.schema.map((f) => f.name)).toEqual([
      'ts',
      'x',
      'n',
      'labels',
      'tags',
    ]);
  });

  it('reports invalid YAML with its line', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': 'name: a\ningest: [\n',
      'log_sources/b/log_source.yml': 'name: b\nname: c\n',
    });
    const found = problems(dir);
    expect(found[0]).toMatchObject({ file: 'log_sources/a/log_source.yml', path: '', line: 3 });
    expect(found[0]!.message).toMatch(/^invalid YAML: /);
    expect(found[1]).toMatchObject({ file: 'log_sources/b/log_source.yml', line: 2 });
    expect(found[1]!.message).toMatch(/unique/);
  });

  it('reports empty files, non-mapping files and directories without log_source.yml', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': '# only a comment\n',
      'log_sources/b/log_source.yml': '- name: b\n',
      'log_sources/c/tables/x.yml': 'name: x\n',
    });
    expect(problems(dir).map((p) => [p.file, p.message])).toEqual([
      ['log_sources/a/log_source.yml', 'the file is empty'],
      ['log_sources/b/log_source.yml', 'the file holds a list, not a mapping of keys'],
      ['log_sources/c', 'log source directory has no log_source.yml'],
    ]);
  });

  it('reports a table file without name, duplicate table names and duplicate sources', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': 'name: a\n',
      'log_sources/a/tables/one.yml': 'schema:\n  ecs_field_names: [dns]\n',
      'log_sources/a/tables/two.yml': 'name: x\n',
      'log_sources/a/tables/three.yml': 'name: x\n',
      'log_sources/b/log_source.yml': 'name: a\n',
    });
    const found = problems(dir);
    expect(found).toContainEqual(
      expect.objectContaining({
        file: 'log_sources/a/tables/one.yml',
        path: 'name',
        message: 'the table file has no `name`',
        suggestion: 'add `name: one` (Matano requires a name in every table file)',
        line: 1,
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        file: 'log_sources/a/tables/two.yml',
        path: 'name',
        message: 'table name `x` is already defined in log_sources/a/tables/three.yml',
        line: 1,
        column: 7,
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        file: 'log_sources/b/log_source.yml',
        path: 'name',
        message: 'log source name `a` is already used by log_sources/a/log_source.yml',
      }),
    );
  });

  it('reports a log source without name, with the directory name as suggestion', () => {
    const dir = lake({
      'log_sources/web/log_source.yml': 'ingest:\n  format: json\nschema:\n  ecs_field_names: [sorce.ip]\n',
    });
    expect(problems(dir)).toEqual([
      expect.objectContaining({
        path: 'name',
        message: 'missing required key `name`',
        suggestion: 'add `name: web`',
        line: 1,
      }),
      // other problems of the same file are reported too
      expect.objectContaining({
        path: 'schema.ecs_field_names[0]',
        suggestion: 'did you mean `source.ip`?',
        line: 4,
      }),
    ]);
  });

  it('reports clashing resolved table names across log sources', () => {
    const dir = lake({
      'log_sources/a/log_source.yml': 'name: a\n',
      'log_sources/a/tables/b.yml': 'name: b\n',
      'log_sources/z/log_source.yml': 'name: a_b\n',
    });
    expect(problems(dir)).toEqual([
      expect.objectContaining({
        file: 'log_sources/z/log_source.yml',
        path: 'name',
        message: 'table name `a_b` is already used by log_sources/a/tables/b.yml',
      }),
    ]);
  });

  it('reports both config files, or none', () => {
    const both = lake({ 'matano.config.yml': 'aws: { region: us-east-1 }\n' });
    expect(problems(both)).toEqual([
      expect.objectContaining({ message: 'both lakewatch.config.yml and matano.config.yml exist' }),
    ]);
    const none = lake({ 'log_sources/a/log_source.yml': 'name: a\n' }, false);
    expect(problems(none)[0]!.message).toMatch(/no lakewatch\.config\.yml/);
  });

  it('reports unknown project keys and partition sources that are not columns', () => {
    const dir = lake({
      'lakewatch.config.yml': 'name: x\nnamespce: sec\n',
      'log_sources/a/log_source.yml':
        'name: a\npartitioning: [hour(ts), identity(user.name), day(message)]\nschema: { ecs_field_names: [message] }\n',
    });
    const found = problems(dir);
    expect(found[0]).toMatchObject({
      file: 'lakewatch.config.yml',
      path: 'namespce',
      suggestion: 'did you mean `namespace`?',
      line: 2,
      column: 1,
    });
    expect(found.slice(1).map((p) => [p.path, p.message])).toEqual([
      ['partitioning[1]', 'partition source `user.name` is not a column of the table'],
      ['partitioning[2]', 'day() needs a date or timestamp column; `message` is string'],
    ]);
  });

  it('formats problems for people', () => {
    const dir = lake({
      'log_sources/web/log_source.yml': 'name: web\nschema:\n  ecs_field_names: [sorce.ip]\n',
    });
    let text = '';
    try {
      loadLakeDirectory(dir);
    } catch (err) {
      text = (err as ConfigErrors).format();
      expect((err as Error).message).toBe(text);
    }
    expect(text).toBe(
      [
        `1 problem in lake directory ${path.resolve(dir)}:`,
        'log_sources/web/log_source.yml:3:21: schema.ecs_field_names[0]: unknown ECS field or field set `sorce.ip`',
        '    expected: an ECS field (`source.ip`), an ECS field set (`dns`), or `ts`',
        '    did you mean `source.ip`?',
      ].join('\n'),
    );
  });
});

describe('the project samples', () => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  it.each(['samples/demo', 'samples/init'])('%s loads', (rel) => {
    const dir = path.join(repoRoot, rel);
    const loaded = loadLakeDirectory(dir);
    expect(loaded.tables.length).toBeGreaterThan(0);
    for (const t of loaded.tables)
      expect(t.schema[0]).toEqual({ name: 'ts', type: 'timestamptz', required: true });
  });
});
