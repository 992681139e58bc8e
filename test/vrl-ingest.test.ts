/**
 * VRL in the ingest path with Matano's semantics: table selection from input metadata and from the
 * payload, record expansion from the whole payload, the transform between Matano's prelude and footer,
 * `abort` dropping records or inputs, runtime errors dead-lettered, compile errors stopping the ingest
 * with the file and key they came from — and the 0.24 dialect for a Matano directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../src/config/index.js';
import { openLake, type Lake } from '../src/lake/index.js';
import { expandInputs, ingestFiles, VrlProgramError } from '../src/pipeline/index.js';
import { runCli, tempDir, writeLake, queryRows } from './helpers.js';

const open: Lake[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

const rows = queryRows;

const TRAIL_SOURCE = `
name: trail
ingest:
  select_table_from_payload_metadata: |
    if match(.__metadata.s3.key, r'Digest') {
      "digest"
    } else if contains(.__metadata.s3.key, "skip-me") {
      abort
    } else {
      "default"
    }
schema:
  ecs_field_names: [event.action, event.outcome, user.name, related.user, source.ip, ecs.version]
`;

const TRAIL_DEFAULT_TABLE = `
name: default
ingest:
  expand_records_from_payload: parse_json!(.__raw).Records
transform: |
  .ts = to_timestamp!(.json.eventTime)
  .event.action = del(.json.eventName)
  if .event.action == "Noise" {
    abort
  }
  .user.name = del(.json.userIdentity.userName)
  if .user.name != null {
    .related.user = push(.related.user, .user.name)
  }
  .source.ip = del(.json.sourceIPAddress)
  .event.outcome = if .json.errorCode != null { "failure" } else { "success" }
`;

const TRAIL_DIGEST_TABLE = `
name: digest
schema:
  fields:
    - { name: digest_files, type: int }
transform: |
  .digest_files = length(array!(.json.logFiles))
`;

describe('VRL in ingest (Matano semantics)', () => {
  it('selects tables, expands records, transforms, drops on abort and dead-letters errors', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'matano.config.yml': 'aws_region: us-east-1\n',
      'log_sources/trail/log_source.yml': TRAIL_SOURCE,
      'log_sources/trail/tables/default.yml': TRAIL_DEFAULT_TABLE,
      'log_sources/trail/tables/digest.yml': TRAIL_DIGEST_TABLE,
    });
    const records = [
      {
        eventTime: '2026-11-01T10:00:00Z',
        eventName: 'ConsoleLogin',
        userIdentity: { userName: 'alice' },
        sourceIPAddress: '10.0.0.1',
      },
      {
        eventTime: '2026-11-01T10:05:00.250Z',
        eventName: 'GetObject',
        userIdentity: { userName: 'bob' },
        errorCode: 'AccessDenied',
      },
      { eventTime: '2026-11-01T10:06:00Z', eventName: 'Noise' },
      { eventTime: 'not a time', eventName: 'Broken' },
    ];
    writeFiles(dir, {
      'in/111_CloudTrail_us-east-1_1.json.gz': gzipSync(JSON.stringify({ Records: records })),
      'in/111_CloudTrail-Digest_us-east-1_1.json': JSON.stringify({ logFiles: [{}, {}, {}] }) + '\n',
      'in/skip-me.json': JSON.stringify({ Records: [records[0]] }),
    });
    const lakeDir = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir });
    open.push(lake);
    const inputs = await expandInputs([path.join(dir, 'in')]);
    const s = await ingestFiles({ lake, lakeDir, logSource: 'trail', inputs });

    expect(s).toMatchObject({
      committed: 3,
      deadLettered: 1,
      filtered: 1,
      skippedByProgram: 1,
      tables: { trail: 2, trail_digest: 1 },
    });
    const trail = await rows(
      lake,
      `SELECT event.action AS action, event.outcome AS outcome, user.name AS name, related.user AS related,
              source.ip AS ip, ecs.version AS ecs, epoch_ms(ts) AS t FROM trail ORDER BY ts`,
    );
    expect(trail).toEqual([
      {
        action: 'ConsoleLogin',
        outcome: 'success',
        name: 'alice',
        related: ['alice'],
        ip: '10.0.0.1',
        ecs: '9.4.0',
        t: Date.parse('2026-11-01T10:00:00Z'),
      },
      {
        action: 'GetObject',
        outcome: 'failure',
        name: 'bob',
        related: ['bob'],
        ip: null,
        ecs: '9.4.0',
        t: Date.parse('2026-11-01T10:05:00.250Z'),
      },
    ]);
    expect(await rows(lake, 'SELECT digest_files FROM trail_digest')).toEqual([{ digest_files: 3 }]);
    const dead = await rows(lake, 'SELECT stage, reason, line FROM lakewatch_dead_letters');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ stage: 'transform', line: 4 });
    expect(String(dead[0]!.reason)).toMatch(
      /^Failed to transform log for table trail: function call error for "to_timestamp"/,
    );
  });

  it('selects the table of a sliced input once, and counts a skipped one once', async () => {
    const dir = writeLake({
      'log_sources/app/log_source.yml': `
name: app
ingest:
  select_table_from_payload_metadata: |
    if contains(.__metadata.s3.key, "skip-me") { abort } else { "default" }
schema:
  ecs_field_names: [message]
transform: |
  .message = upcase(string!(.json.m))
`,
    });
    const body = Array.from({ length: 400 }, (_, i) => JSON.stringify({ m: `line ${i}` })).join('\n') + '\n';
    // Different content: the ledger would otherwise skip the second file as already ingested.
    writeFiles(dir, { 'in/keep.jsonl': body, 'in/skip-me.jsonl': body.replace(/line/g, 'skip') });
    const lakeDir = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir });
    open.push(lake);
    const inputs = await expandInputs([path.join(dir, 'in')]);
    const s = await ingestFiles({ lake, lakeDir, logSource: 'app', inputs, workers: 2, sliceBytes: 2000 });
    expect(s).toMatchObject({ read: 400, committed: 400, deadLettered: 0, skippedByProgram: 1 });
    expect(await rows(lake, 'SELECT count(DISTINCT message) AS n, min(message) AS first FROM app')).toEqual([
      { n: 400, first: 'LINE 0' },
    ]);
  });

  it('routes each record with select_table_from_payload and keeps integer and float kinds', async () => {
    const dir = writeLake({
      'log_sources/duo/log_source.yml': `
name: duo
ingest:
  select_table_from_payload: |
    string!(del(.json._table))
schema:
  fields:
    - { name: kind, type: string }
transform: |
  .kind = if is_integer(.json.n) { "integer" } else if is_float(.json.n) { "float" } else { "other" }
`,
      'log_sources/duo/tables/auth.yml': 'name: auth\n',
      'log_sources/duo/tables/admin.yml': 'name: admin\n',
    });
    const file = path.join(dir, 'duo.jsonl');
    writeFileSync(
      file,
      [
        { _table: 'auth', n: 1 },
        { _table: 'admin', n: 1.0 },
        { _table: 'nope', n: 2 },
      ]
        .map((r, i) => (i === 1 ? '{"_table":"admin","n":1.0}' : JSON.stringify(r)))
        .join('\n') + '\n',
    );
    const lakeDir = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir });
    open.push(lake);
    const s = await ingestFiles({ lake, lakeDir, logSource: 'duo', inputs: await expandInputs([file]) });
    expect(s).toMatchObject({ committed: 2, deadLettered: 1, tables: { duo_auth: 1, duo_admin: 1 } });
    expect(await rows(lake, 'SELECT kind FROM duo_auth')).toEqual([{ kind: 'integer' }]);
    expect(await rows(lake, 'SELECT kind FROM duo_admin')).toEqual([{ kind: 'float' }]);
    const dead = await rows(lake, 'SELECT reason FROM lakewatch_dead_letters');
    expect(String(dead[0]!.reason)).toContain('select_table_from_payload chose table "nope"');
  });

  it('stops before any data moves when a program does not compile, naming file and key', async () => {
    const files = {
      'log_sources/app/log_source.yml': `
name: app
schema:
  ecs_field_names: [message]
transform: |
  .message = "ok"
  .parsed = parse_json("{")
`,
    };
    const dir = writeLake(files);
    const lakeDir = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir });
    open.push(lake);
    const file = path.join(dir, 'a.jsonl');
    writeFileSync(file, '{}\n');
    const error = await ingestFiles({
      lake,
      lakeDir,
      logSource: 'app',
      inputs: await expandInputs([file]),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VrlProgramError);
    expect((error as VrlProgramError).message).toContain('log_sources/app/log_source.yml: transform');
    expect((error as VrlProgramError).message).toContain('error[E103]');
    // The caret points into the user's program, not into the prelude Lakewatch adds.
    expect((error as VrlProgramError).message).toContain('2 │ .parsed = parse_json("{")');

    const cli = await runCli(['validate', '--dir', dir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('error[E103]');
  });

  it('accepts a Matano 0.24 program only in the 0.24 dialect', async () => {
    const source = `
name: legacy
schema:
  ecs_field_names: [message]
transform: |
  .ts = to_timestamp!(.json.t)
`;
    const current = writeLake({ 'log_sources/legacy/log_source.yml': source });
    const bad = await runCli(['validate', '--dir', current]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error[E105]');

    const matano = tempDir();
    writeFiles(matano, {
      'matano.config.yml': 'aws_region: us-east-1\n',
      'log_sources/legacy/log_source.yml': source,
    });
    const ok = await runCli(['validate', '--dir', matano]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);

    writeFiles(current, { 'lakewatch.config.yml': 'name: test\nvrl_version: "0.24"\n' });
    expect((await runCli(['validate', '--dir', current])).code).toBe(0);
  });
});
