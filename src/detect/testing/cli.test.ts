/**
 * `lakewatch test` and `lakewatch init` end to end, in-process: a real lake directory, raw logs
 * through a real VRL transform and ingest into a throwaway lake, real CPython detections.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestReport } from './run.js';
import { lakewatch, tempDir, writeLake } from './test-helpers/cli.js';

const AUTH = `name: auth
schema:
  ecs_field_names: [event.action, event.outcome, user.name, source.ip]
transform: |
  .ts = parse_timestamp!(del(.json.time), "%+")
  .event.action = del(.json.action)
  .event.outcome = del(.json.outcome)
  .user.name = del(.json.user)
  .source.ip = del(.json.ip)
`;

const det = (name: string, extra = '') => `name: ${name}\ntables: [auth]\n${extra}`;

const line = (o: Record<string, string>) =>
  JSON.stringify({ time: '2026-11-01T10:00:00Z', action: 'login', ip: '10.0.0.1', ...o });

const FILES: Record<string, string> = {
  'log_sources/auth/log_source.yml': AUTH,
  'detections/failed_login/detection.yml': det('failed_login', 'alert: { severity: medium }\n'),
  'detections/failed_login/detect.py': `def detect(record):
    return record.deepget("event.outcome") == "failure"
def title(record):
    return "failed login for " + record.deepget("user.name", "?")
def dedupe(record):
    return record.deepget("user.name")
`,
  'detections/failed_login/tests/failed_login.yml': `tests:
  - name: raw failure through the VRL transform
    log_source: auth
    log: |
      ${line({ outcome: 'failure', user: 'alice' })}
    match: true
    title: failed login for alice
    dedupe: alice
    severity: medium
  - name: raw success from a file
    log_source: auth
    log_file: success.jsonl
    match: false
  - name: ECS record, ts as an ISO string
    record: { ts: 2026-11-01T10:00:00Z, event: { outcome: failure }, user: { name: bob } }
    match: true
    title: failed login for bob
  - name: a failed admin login is expected to match admin_login too
    record: { event: { outcome: failure }, user: { name: admin } }
    also_matches: [admin_login]
    match: true
`,
  'detections/failed_login/tests/success.jsonl': line({ outcome: 'success', user: 'alice' }) + '\n',
  'detections/admin_login/detection.yml': det('admin_login', 'alert: { severity: high }\n'),
  'detections/admin_login/detect.py': `def detect(record):
    return record.deepget("user.name") == "admin"
`,
  // remotecache: three failures of a user within the TTL
  'detections/brute_force/detection.yml': det('brute_force'),
  'detections/brute_force/detect.py': `from detection import remotecache
cache = remotecache("failures", ttl=600)
def detect(record):
    if record.deepget("event.outcome") != "failure":
        return False
    return cache.increment_counter(record.deepget("user.name")) >= 3
def severity(record):
    return "HIGH"
`,
  'detections/brute_force/tests/cases.yml': `tests:
  - name: the third failure matches (two seeded)
    remotecache: { failures: { carol: 2 } }
    record: { event: { outcome: failure }, user: { name: carol } }
    also_matches: [failed_login]
    match: true
    severity: high
  - name: every case starts with an empty cache
    records:
      - { event: { outcome: failure }, user: { name: carol } }
      - { event: { outcome: failure }, user: { name: carol } }
    also_matches: [failed_login]
    match: false
  - name: within one case the cache is shared by its records
    records:
      - { event: { outcome: failure }, user: { name: dave } }
      - { event: { outcome: failure }, user: { name: dave } }
      - { event: { outcome: failure }, user: { name: dave } }
    also_matches: [failed_login]
    matches: 1
    match: true
`,
  // enrichment: a lookup table given by the test
  'detections/known_bad_ip/detection.yml': det('known_bad_ip'),
  'detections/known_bad_ip/detect.py': `from detection.enrichment import bad_ips
def detect(record):
    return record.deepget("event.action") == "vpn_connect" and record.deepget("source.ip") in bad_ips
def title(record):
    return "VPN connection from " + bad_ips[record.deepget("source.ip")]["actor"]
`,
  'detections/known_bad_ip/tests/cases.yml': `tests:
  - name: a listed address matches
    enrichment: { bad_ips: { 203.0.113.9: { actor: APT-X } } }
    record: { event: { action: vpn_connect }, source: { ip: 203.0.113.9 } }
    match: true
    title: VPN connection from APT-X
  - name: another address does not
    enrichment: { bad_ips: { 203.0.113.9: { actor: APT-X } } }
    record: { event: { action: vpn_connect }, source: { ip: 10.1.1.1 } }
    match: false
`,
  'detections/untested/detection.yml': det('untested'),
  'detections/untested/detect.py': 'def detect(record):\n    return False\n',
  // failures on purpose
  'detections/broken_demo/detection.yml': det('broken_demo'),
  'detections/broken_demo/detect.py': `def detect(record):
    if record.deepget("event.action") == "crash":
        raise ValueError("boom")
    return record.deepget("event.action") == "logout"
def title(record):
    return "logout"
`,
  'detections/broken_demo/tests/cases.yml': `tests:
  - name: wrong title
    record: { event: { action: logout } }
    match: true
    title: log out
  - name: unexpected match
    record: { event: { action: logout } }
    match: false
  - name: raises
    record: { event: { action: crash } }
    match: false
  - name: other detections match too
    record: { event: { action: logout, outcome: failure }, user: { name: admin } }
    match: true
  - name: dead-lettered raw line
    log_source: auth
    log: |
      ${JSON.stringify({ time: 'yesterday', action: 'logout' })}
    match: true
`,
};

const lakeDir = writeLake(FILES);

describe('lakewatch test', () => {
  it('runs raw-log, ECS-record, remotecache and enrichment cases with every detection', async () => {
    const r = await lakewatch(
      'test',
      'failed_login',
      'brute_force',
      'known_bad_ip',
      'untested',
      'admin_login',
      '--dir',
      lakeDir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // detections in folder order, one line per case
    expect(r.stdout).toBe(
      [
        'admin_login (python)  no tests',
        'brute_force (python)',
        '  ✓ the third failure matches (two seeded)',
        '  ✓ every case starts with an empty cache',
        '  ✓ within one case the cache is shared by its records',
        'failed_login (python)',
        '  ✓ raw failure through the VRL transform',
        '  ✓ raw success from a file',
        '  ✓ ECS record, ts as an ISO string',
        '  ✓ a failed admin login is expected to match admin_login too',
        'known_bad_ip (python)',
        '  ✓ a listed address matches',
        '  ✓ another address does not',
        'untested (python)  no tests',
        '9 passed, 0 failed (2 detections without tests)',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('shows what failed: match, title, errors with tracebacks, other detections, dead letters', async () => {
    const r = await lakewatch('test', 'broken_demo', '--dir', lakeDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 5 detection tests failed\n');
    const out = r.stdout;
    const file = path.join('detections', 'broken_demo', 'tests', 'cases.yml');
    expect(out).toContain(
      `  ✗ wrong title  ${file}:2\n      title:\n        - expected "log out"\n        + actual   "logout"\n`,
    );
    expect(out).toContain(
      `  ✗ unexpected match  ${file}:6\n      match: expected no match, got one: "logout"\n` +
        '        - expected match: false\n        + actual   match: true\n',
    );
    expect(out).toContain('  ✗ raises');
    expect(out).toContain('      detect() raised ValueError: boom\n');
    expect(out).toMatch(
      /Traceback \(most recent call last\):[\s\S]*line 3, in detect[\s\S]*ValueError: boom/,
    );
    expect(out).toContain(
      '      detection admin_login also matched: "admin_login" — list it in `also_matches` if this is expected\n',
    );
    expect(out).toContain(
      '      detection failed_login also matched: "failed login for admin" — list it in `also_matches` if this is expected\n',
    );
    expect(out).toMatch(
      /✗ dead-lettered raw line[^\n]*\n {6}log line 1 was dead-lettered: .*parse_timestamp/,
    );
    expect(out).toMatch(/0 passed, 5 failed\n$/);
  }, 60_000);

  it('--json: every case with its matches and failures', async () => {
    const r = await lakewatch('test', 'broken_demo', 'brute_force', '--json', '--dir', lakeDir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as TestReport;
    expect(report).toMatchObject({ ok: false, passed: 3, failed: 5, loadErrors: [], warnings: [] });
    const broken = report.detections.find((d) => d.detection === 'broken_demo')!;
    expect(broken.cases.map((c) => [c.name, c.passed, c.failures.map((f) => f.kind)])).toEqual([
      ['wrong title', false, ['title']],
      ['unexpected match', false, ['match']],
      ['raises', false, ['error']],
      ['other detections match too', false, ['also_matched', 'also_matched']],
      ['dead-lettered raw line', false, ['dead_letter']],
    ]);
    expect(broken.cases[0]!.failures[0]).toMatchObject({ expected: 'log out', actual: 'logout' });
    expect(broken.cases[3]!.matches.map((m) => m.detection).sort()).toEqual([
      'admin_login',
      'broken_demo',
      'failed_login',
    ]);
    expect(broken.cases[2]!.errors[0]).toMatchObject({
      type: 'ValueError',
      message: 'boom',
      function: 'detect',
    });
    const brute = report.detections.find((d) => d.detection === 'brute_force')!;
    expect(brute.cases[2]).toMatchObject({ passed: true, records: { auth: 3 } });
    expect(brute.cases[2]!.matches.filter((m) => m.detection === 'brute_force')).toEqual([
      {
        detection: 'brute_force',
        table: 'auth',
        recordIndex: 2,
        title: 'brute_force',
        dedupe: 'brute_force',
        severity: 'high',
      },
    ]);
  }, 60_000);

  it('exit 2 for a bad test file or an unknown detection name; load errors fail the cases', async () => {
    const dir = writeLake({
      'log_sources/auth/log_source.yml': AUTH,
      'detections/a/detection.yml': det('a'),
      'detections/a/detect.py': 'def detect(record):\n    return True\n',
      'detections/a/tests/t.yml':
        'tests:\n  - name: x\n    record: { a: 1 }\n    match: true\n    also_matches: [nope]\n' +
        '  - name: y\n    log_source: authz\n    log: x\n    match: true\n' +
        '  - name: z\n    log_source: auth\n    table: other\n    log: x\n    match: true\n',
    });
    const bad = await lakewatch('test', '--dir', dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${path.join('detections', 'a', 'tests', 't.yml')}:2: tests[0].also_matches: no detection named "nope"`,
    );
    expect(bad.stderr).toContain('tests[1].log_source: no log source named "authz"');
    expect(bad.stderr).toContain('tests[2].table: log source "auth" has no table "other"');
    const unknown = await lakewatch('test', 'b', '--dir', dir);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('no detection named "b"') });

    writeFileSync(
      path.join(dir, 'detections/a/tests/t.yml'),
      'tests:\n  - name: x\n    record: { a: 1 }\n    match: true\n',
    );
    writeFileSync(
      path.join(dir, 'detections/a/detect.py'),
      'import nothing_here\ndef detect(record):\n    return True\n',
    );
    const load = await lakewatch('test', '--dir', dir);
    expect(load.code).toBe(1);
    expect(load.stdout).toMatch(
      /✗ x[^\n]*\n {6}.*detect\.py:1: ModuleNotFoundError: No module named 'nothing_here'/,
    );
  }, 60_000);
});

describe('lakewatch test, raw logs that reach no detection', () => {
  it('a log dropped by the transform, records in a table the detection does not read, printed output', async () => {
    const dir = writeLake({
      'log_sources/auth/log_source.yml': AUTH.replace(
        'transform: |\n',
        'transform: |\n  if .json.action == "noise" { abort }\n',
      ),
      'log_sources/auth/tables/default.yml': 'name: default\n',
      'log_sources/auth/tables/audit.yml': 'name: audit\n',
      'detections/a/detection.yml': det('a'),
      'detections/a/detect.py':
        'def detect(record):\n    print("saw", record.deepget("event.action"))\n    return True\n',
      'detections/a/tests/t.yml': `tests:
  - name: dropped
    log_source: auth
    log: |
      ${line({ action: 'noise' })}
    match: false
  - name: other table
    log_source: auth
    table: audit
    log: |
      ${line({ action: 'login' })}
    match: true
  - name: prints
    record: { event: { action: hello } }
    match: false
`,
    });
    const r = await lakewatch('test', '--dir', dir);
    expect(r.stderr).toBe('error: 3 detection tests failed\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '      the log produced no records for the detections (1 read, 1 dropped by the transform)\n',
    );
    expect(r.stdout).toContain('      the records landed in auth_audit, but a runs on auth\n');
    expect(r.stdout).toContain('      output:\n        saw hello\n');
  }, 60_000);
});

describe('lakewatch init', () => {
  it('scaffolds a lake directory whose sample detection passes its tests', async () => {
    const dir = path.join(tempDir(), 'my-lake');
    expect((await lakewatch('init', dir)).code).toBe(0);
    for (const f of ['detection.yml', 'detect.py', 'tests/failed_login.yml'])
      expect(existsSync(path.join(dir, 'detections', 'failed_login', f))).toBe(true);
    const r = await lakewatch('test', '--dir', dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'failed_login (python)\n' +
        '  ✓ a failed login in the raw application log matches\n' +
        '  ✓ a successful login does not match\n' +
        '2 passed, 0 failed\n',
    );
    expect((await lakewatch('validate', '--dir', dir)).stdout).toContain('1 detections');
  }, 60_000);

  it('--detection adds a detection with a passing test to an existing lake directory', async () => {
    const dir = path.join(tempDir(), 'lake');
    expect((await lakewatch('init', dir)).code).toBe(0);
    const add = await lakewatch('init', '--detection', 'odd_action', '--dir', dir);
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('created detection odd_action on table example');
    const again = await lakewatch('init', dir, '--detection', 'odd_action');
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });
    const badTable = await lakewatch('init', dir, '--detection', 'x', '--table', 'nope');
    expect(badTable).toMatchObject({ code: 2, stderr: expect.stringContaining('--table nope') });
    const r = await lakewatch('test', '--dir', dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'odd_action (python)\n  ✓ example-action matches\n  ✓ another action does not match\n',
    );
    expect(r.stdout).toMatch(/4 passed, 0 failed\n$/);
  }, 60_000);

  it.runIf(existsSync(new URL('../typescript/index.ts', import.meta.url)))(
    '--language typescript: a detect.ts detection, tested beside the Python ones',
    async () => {
      const dir = path.join(tempDir(), 'lake');
      expect((await lakewatch('init', dir)).code).toBe(0);
      const add = await lakewatch('init', dir, '--detection', 'ts_action', '--language', 'typescript');
      expect(add.stderr).toBe('');
      expect(existsSync(path.join(dir, 'detections', 'ts_action', 'detect.ts'))).toBe(true);
      const r = await lakewatch('test', '--dir', dir);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(
        'ts_action (typescript)\n  ✓ example-action matches\n  ✓ another action does not match\n',
      );
    },
    60_000,
  );

  it.runIf(existsSync(new URL('../typescript/index.ts', import.meta.url)))(
    'detect.ts with remotecache and enrichment fixtures, cross-checked with Python detections',
    async () => {
      const dir = writeLake({
        'log_sources/auth/log_source.yml': AUTH,
        'detections/admin_login/detection.yml': det('admin_login'),
        'detections/admin_login/detect.py':
          'def detect(record):\n    return record.deepget("user.name") == "admin"\n',
        'detections/ts_intel/detection.yml': det('ts_intel', 'alert: { severity: low }\n'),
        'detections/ts_intel/detect.ts': `import { enrichment, remotecache, type DetectionRecord } from 'lakewatch/detection';
const seen = remotecache('seen', { ttl: 600 });
const intel = enrichment('bad_ips');
export function detect(record: DetectionRecord): boolean {
  const ip = record.deepget<string>('source.ip', '');
  return seen.incrementCounter(ip) >= 2 && intel.get(ip) !== undefined;
}
export function title(record: DetectionRecord): string {
  return 'seen again: ' + intel.get<{ actor: string }>(record.deepget('source.ip'))!.actor;
}
`,
        'detections/ts_intel/tests/cases.yml': `tests:
  - name: seeded counter and intel row
    remotecache: { seen: { 203.0.113.9: 1 } }
    enrichment: { bad_ips: { 203.0.113.9: { actor: APT-X } } }
    log_source: auth
    log: |
      ${line({ outcome: 'success', user: 'admin', ip: '203.0.113.9' })}
    also_matches: [admin_login]
    match: true
    title: 'seen again: APT-X'
    severity: low
  - name: fresh cache
    enrichment: { bad_ips: { 203.0.113.9: { actor: APT-X } } }
    record: { source: { ip: 203.0.113.9 } }
    match: false
  - name: cross-detection match fails
    enrichment: { bad_ips: {} }
    record: { user: { name: admin } }
    match: false
`,
      });
      const r = await lakewatch('test', 'ts_intel', '--dir', dir);
      expect(r.stdout).toContain(
        'ts_intel (typescript)\n  ✓ seeded counter and intel row\n  ✓ fresh cache\n  ✗ cross-detection',
      );
      expect(r.stdout).toContain('detection admin_login also matched');
      expect(r.stdout).toMatch(/2 passed, 1 failed\n$/);
      expect(r.code).toBe(1);
    },
    60_000,
  );
});
