/**
 * `lakewatch vrl` as a user runs it (built CLI), and `lakewatch/vrl` as a package consumer imports it.
 */
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli, tempDir } from './helpers.js';

describe('lakewatch vrl', () => {
  it('runs a program on each NDJSON event, keeping integer vs float, and reports failures per line', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'events.ndjson');
    writeFileSync(input, '{"message":"hello","n":1.0,"i":3}\n\n{"message":5}\n');
    const r = await runCli([
      'vrl',
      '-e',
      '.message = upcase(string!(.message))\n.kind = is_float(.n)',
      '--input',
      input,
    ]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('{"i":3,"kind":true,"message":"HELLO","n":1.0}');
    expect(JSON.parse(lines[1]!)).toEqual({
      error: {
        message: 'function call error for "string" at (18:35): expected string, got integer',
        abort: false,
      },
      line: 3,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the program failed on 1 of 2 events');
  });

  it('prints the value with --value, and runs once on {} without --input', async () => {
    const r = await runCli(['vrl', '-e', 'x = parse_json!("{\\"a\\": [1, 2.5]}")\nx.a', '--value']);
    expect(r.stdout).toBe('[1,2.5]\n');
    expect(r.code).toBe(0);
  });

  it('checks a program file and prints VRL diagnostics', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.vrl');
    writeFileSync(file, '.a = 1\nupcase(.foo)\n');
    const bad = await runCli(['vrl', file, '--check']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error[E110]: invalid argument type');
    expect(bad.stderr).toContain('2 │ upcase(.foo)');
    expect(bad.stderr).toMatch(/│ {8}\^\^\^\^\n/);
    expect(bad.stderr).toContain('this expression resolves to any');
    writeFileSync(file, '.a = upcase(string!(.foo))\n');
    const good = await runCli(['vrl', file, '--check']);
    expect(good).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('accepts Matano-era programs with --compat 0.24 only', async () => {
    const src = '.ts = to_timestamp!(1700000000)\n.ts';
    const current = await runCli(['vrl', '-e', src, '--value']);
    expect(current.code).toBe(1);
    expect(current.stderr).toContain('error[E105]: call to undefined function');
    const old = await runCli(['vrl', '-e', src, '--value', '--compat', '0.24']);
    expect(old.stdout).toBe('"2023-11-14T22:13:20Z"\n');
  });

  it('keeps state across REPL lines', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, 'vrl', '--repl'], { cwd: repoRoot });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(text));
      child.stdin.end('x = 40\n.a = x + 2\nupcase(.b)\n.\n');
    });
    expect(out).toContain('42');
    expect(out).toContain('error[E110]');
    expect(out).toContain('"a": 42');
  });
});

describe('lakewatch/vrl package entry', () => {
  it('can be imported by name from a checkout', async () => {
    const script =
      "import('lakewatch/vrl').then((m) => { const p = m.compileVrl('.b = int!(.a) * 2'); " +
      'const out = p.run(m.parseVrlJson(\'{"a": 21}\'), { metadata: {} }); console.log(m.toVrlJson(out.event)); })';
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script], { cwd: repoRoot }, (err, out) =>
        err ? reject(err) : resolve(out),
      ),
    );
    expect(stdout).toBe('{"a":21,"b":42}\n');
  });
});
