/**
 * The `lakewatch` command as a user runs it: a child process on a temp lake directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, runCli, tempDir, writeLake } from './helpers.js';

function jsonLines(n: number, offset = 0, hour = 0): string {
  return (
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        '@timestamp': new Date(Date.UTC(2026, 10, 1, hour, 0, 0) + i * 1000).toISOString(),
        user: { name: `user-${offset + i}` },
        event: { action: i % 2 ? 'login' : 'logout' },
      }),
    ).join('\n') + '\n'
  );
}

const SOURCE = 'name: app\nschema:\n  ecs_field_names: [user.name, event.action]\n';

describe('lakewatch CLI', () => {
  it('lists every command in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of [
      'init',
      'validate',
      'ingest',
      'query',
      'tables',
      'compact',
      'expire-snapshots',
      'maintain',
      'demo',
    ]) {
      expect(r.stdout).toContain(cmd);
    }
  });

  it('init → validate → ingest → query → tables, from the lake directory and from a subfolder', async () => {
    const dir = path.join(tempDir(), 'my-lake');
    expect((await runCli(['init', dir])).code).toBe(0);
    const v = await runCli(['validate'], { cwd: dir });
    expect(v.stdout).toContain('1 log sources');
    const ing = await runCli(['ingest', 'example', 'data/example.jsonl', '--json'], { cwd: dir });
    expect(ing.code, ing.stderr).toBe(0);
    const summary = JSON.parse(ing.stdout);
    expect(summary).toMatchObject({ read: 200, committed: 200, deadLettered: 0 });
    mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    const q = await runCli(['query', 'SELECT count(*) AS n FROM example', '--format', 'json'], {
      cwd: path.join(dir, 'nested', 'deeper'),
    });
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 200 }]);
    const csv = await runCli(
      ['query', "SELECT user.name AS name FROM example WHERE user.name = 'alice' LIMIT 1", '-f', 'csv'],
      {
        cwd: dir,
      },
    );
    expect(csv.stdout).toBe('name\r\nalice\r\n'); // RFC 4180 line endings
    const table = await runCli(
      ['query', 'SELECT event.outcome AS outcome, count(*) AS n FROM example GROUP BY ALL ORDER BY 1'],
      {
        cwd: dir,
      },
    );
    expect(table.stdout).toMatch(/outcome\s+n/);
    expect(table.stdout).toMatch(/failure/);
    const list = await runCli(['tables'], { cwd: dir });
    expect(list.stdout).toMatch(/example\s+200/);
    const show = await runCli(['tables', 'example'], { cwd: dir });
    expect(show.stdout).toContain('hour(ts)');
    expect(show.stdout).toMatch(/\d+\s+ts: timestamptz required/);
    expect(show.stdout).toContain('append');
  });

  it('explains where there is no lake directory, and bad config with file, key path and line', async () => {
    const none = await runCli(['tables'], { cwd: tempDir() });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/no lakewatch\.config\.yml/);
    const dir = writeLake({
      'log_sources/x/log_source.yml': 'name: x\nschema:\n  ecs_feild_names: [source.ip]\n',
    });
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join('log_sources', 'x', 'log_source.yml'));
    expect(r.stderr).toContain('ecs_field_names');
    expect(r.stderr).toMatch(/:3/);
  });

  it('time travels with --as-of, compacts, expires snapshots and maintains', async () => {
    const dir = writeLake({ 'log_sources/app/log_source.yml': SOURCE });
    writeFileSync(path.join(dir, 'a.jsonl'), jsonLines(50, 0, 1));
    writeFileSync(path.join(dir, 'b.jsonl'), jsonLines(70, 50, 1));
    expect((await runCli(['ingest', 'app', path.join(dir, 'a.jsonl'), '--dir', dir])).code).toBe(0);
    const first = JSON.parse((await runCli(['tables', 'app', '--json', '--dir', dir])).stdout);
    const firstSnapshot = String(first.currentSnapshotId);
    expect((await runCli(['ingest', 'app', path.join(dir, 'b.jsonl'), '--dir', dir])).code).toBe(0);
    const count = async (extra: string[] = []) =>
      JSON.parse(
        (await runCli(['query', 'SELECT count(*) AS n FROM app', '-f', 'json', '--dir', dir, ...extra]))
          .stdout,
      )[0].n;
    expect(await count()).toBe(120);
    expect(await count(['--as-of', firstSnapshot])).toBe(50);
    const c = await runCli(['compact', 'app', '--dir', dir]);
    expect(c.code, c.stderr).toBe(0);
    expect(await count()).toBe(120);
    const snapshots = async () =>
      JSON.parse((await runCli(['tables', 'app', '--json', '--dir', dir])).stdout).snapshots;
    expect((await snapshots()).length).toBe(3); // append, append, replace
    const e = await runCli(['expire-snapshots', '--older-than', '0s', '--dir', dir]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/app: expiredSnapshots=2/);
    expect((await snapshots()).length).toBe(1);
    expect(await count()).toBe(120);
    const gone = await runCli(['query', 'SELECT count(*) FROM app', '--as-of', firstSnapshot, '--dir', dir]);
    expect(gone.code).not.toBe(0);
    const m = await runCli(['maintain', '--dir', dir]);
    expect(m.code, m.stderr).toBe(0);
    expect(await count()).toBe(120);
    const bad = await runCli(['expire-snapshots', '--older-than', 'soon', '--dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid duration "soon"/);
  });

  it('evolves a table when the config gains fields, travels to a timestamp, and applies retention', async () => {
    const dir = writeLake({
      'log_sources/app/log_source.yml': SOURCE.replace('name: app', 'name: app\nretention: 30d'),
    });
    const old = path.join(dir, 'old.jsonl');
    writeFileSync(old, '{"@timestamp":"2020-01-01T00:00:00Z","user":{"name":"ancient"}}\n');
    const first = path.join(dir, 'first.jsonl');
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    writeFileSync(first, `{"@timestamp":"${recent}","user":{"name":"a"},"source":{"ip":"10.0.0.1"}}\n`);
    expect((await runCli(['ingest', 'app', old, first, '--dir', dir])).code).toBe(0);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // The config gains source.ip: the table schema evolves (new field id), old files are not rewritten.
    const before = JSON.parse((await runCli(['tables', 'app', '--json', '--dir', dir])).stdout);
    writeFileSync(
      path.join(dir, 'log_sources/app/log_source.yml'),
      SOURCE.replace('[user.name, event.action]', '[user.name, event.action, source.ip]').replace(
        'name: app',
        'name: app\nretention: 30d',
      ),
    );
    const second = path.join(dir, 'second.jsonl');
    writeFileSync(second, `{"@timestamp":"${recent}","user":{"name":"b"},"source":{"ip":"10.0.0.2"}}\n`);
    expect((await runCli(['ingest', 'app', second, '--dir', dir])).code).toBe(0);
    const after = JSON.parse((await runCli(['tables', 'app', '--json', '--dir', dir])).stdout);
    expect(after.schema['schema-id']).toBe(before.schema['schema-id'] + 1);
    const source = after.schema.fields.find((f: { name: string }) => f.name === 'source');
    expect(source.id).toBeGreaterThan(Math.max(...before.schema.fields.map((f: { id: number }) => f.id)));
    const q = async (sql: string, extra: string[] = []) =>
      JSON.parse((await runCli(['query', sql, '-f', 'json', '--dir', dir, ...extra])).stdout);
    expect(await q('SELECT user.name AS name, source.ip AS ip FROM app ORDER BY name')).toEqual([
      { name: 'a', ip: null },
      { name: 'ancient', ip: null },
      { name: 'b', ip: '10.0.0.2' },
    ]);
    expect(await q('SELECT count(*) AS n FROM app', ['--as-of', between])).toEqual([{ n: 2 }]);
    const m = await runCli(['maintain', '--dir', dir]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain('retention(30d)');
    expect(await q('SELECT user.name AS name FROM app ORDER BY name')).toEqual([
      { name: 'a' },
      { name: 'b' },
    ]);
  });

  it('refuses SQL that is not read-only', async () => {
    const dir = writeLake({ 'log_sources/app/log_source.yml': SOURCE });
    writeFileSync(path.join(dir, 'a.jsonl'), jsonLines(3));
    await runCli(['ingest', 'app', path.join(dir, 'a.jsonl'), '--dir', dir]);
    for (const sql of [
      "COPY app TO '/tmp/x.csv'",
      "SELECT * FROM read_csv('/etc/passwd')",
      'INSTALL httpfs',
      "ATTACH '/tmp/x.db'",
    ]) {
      const r = await runCli(['query', sql, '--dir', dir]);
      expect(r.code, sql).not.toBe(0);
      expect(r.stderr, sql).toMatch(/error/);
    }
  });

  it('leaves every event exactly once after a crash mid-ingest and a re-run', async () => {
    const dir = writeLake({ 'log_sources/app/log_source.yml': SOURCE });
    const files: string[] = [];
    for (let f = 0; f < 6; f++) {
      const file = path.join(dir, `part-${f}.jsonl`);
      writeFileSync(file, jsonLines(20_000, f * 20_000, f));
      files.push(file);
    }
    // Kill the ingest once some of its commits have landed (each file is its own commit group
    // here), so the re-run starts from a lake that holds part of the input.
    const ledger = path.join(dir, '.lakewatch', 'catalog.db');
    const committedInputs = () => {
      if (!existsSync(ledger)) return 0;
      const db = new Database(ledger, { readonly: true, fileMustExist: true });
      try {
        const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'lakewatch_ingest_ledger'").get();
        return has
          ? (db.prepare('SELECT count(*) AS n FROM lakewatch_ingest_ledger').get() as { n: number }).n / 2
          : 0;
      } finally {
        db.close();
      }
    };
    const child = spawn(
      process.execPath,
      [cliPath, 'ingest', 'app', ...files, '--dir', dir, '--no-progress'],
      {
        stdio: 'ignore',
        env: { ...process.env, LAKEWATCH_COMMIT_BYTES: String(1024 * 1024) },
      },
    );
    const exited = new Promise((r) => child.on('exit', r));
    for (let i = 0; i < 600 && committedInputs() < 1; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await exited;
    const before = committedInputs();
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(files.length);
    const rerun = await runCli(['ingest', 'app', ...files, '--dir', dir, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).skipped).toBe(before);
    const q = await runCli([
      'query',
      'SELECT count(*) AS n, count(DISTINCT user.name) AS users FROM app',
      '-f',
      'json',
      '--dir',
      dir,
    ]);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 120_000, users: 120_000 }]);
  });

  it('runs the demo in a fresh folder', async () => {
    const cwd = tempDir();
    const r = await runCli(['demo'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created the demo lake');
    expect(r.stdout).toMatch(/auth\s+3,000/);
    expect(r.stdout).toContain('Top sources of failed SSH logins');
    expect(r.stdout).toContain('203.0.113.');
    const again = await runCli(['demo'], { cwd });
    expect(again.stdout).toContain('lakewatch-demo-2');
  });
});
