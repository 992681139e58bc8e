/**
 * Realtime detections in the ingest path: every committed batch runs through the detections of
 * its table, matches become alerts (grouping, threshold) and rows of lakewatch_alerts, and a
 * crash between the data commit and detection is caught up without duplicates.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../src/config/index.js';
import { openRealtime } from '../src/detect/realtime.js';
import { openLake, type Lake } from '../src/lake/index.js';
import { expandInputs, ingestFiles } from '../src/pipeline/index.js';
import { queryRows, runCli, tempDir, writeLake } from './helpers.js';

const open: Lake[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const SOURCE = `
name: auth
schema:
  ecs_field_names: [event.action, event.outcome, user.name, source.ip]
transform: |
  .ts = del(.json.time)
  .event.action = del(.json.action)
  .event.outcome = del(.json.outcome)
  .user.name = del(.json.user)
  .source.ip = del(.json.ip)
`;

const DETECTION = `
name: failed_login
display_name: Failed login
tables: [auth]
alert:
  severity: high
  threshold: 2
`;

const DETECT_PY = `
def detect(record):
    return record.deepget("event.outcome") == "failure"

def title(record):
    return f"Failed logins for {record.deepget('user.name')}"

def dedupe(record):
    return record.deepget("user.name")

def alert_context(record):
    return {"ip": record.deepget("source.ip"), "big": 9007199254740993}
`;

const RAISES = `
name: broken
tables: [auth]
`;

const RAISES_PY = `
def detect(record):
    if record.deepget("user.name") == "bob":
        raise ValueError("bob breaks me")
    return False
`;

function lines(n: number, from: number, user = 'alice', outcome = 'failure'): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 4, 1, 12, 0, from + i)).toISOString();
    s += JSON.stringify({ time: t, action: 'login', outcome, user, ip: '10.0.0.1' }) + '\n';
  }
  return s;
}

function lakeDir(): string {
  return writeLake({
    'log_sources/auth/log_source.yml': SOURCE,
    'detections/failed_login/detection.yml': DETECTION,
    'detections/failed_login/detect.py': DETECT_PY,
    'detections/broken/detection.yml': RAISES,
    'detections/broken/detect.py': RAISES_PY,
  });
}

async function ingest(dir: string, file: string, withDetections = true, chunkRecords?: number) {
  const config = loadLakeDirectory(dir);
  const lake = await openLake({ root: dir });
  open.push(lake);
  const realtime = withDetections
    ? await openRealtime({
        lake,
        lakeDir: config,
        runtime: { workers: 1 },
        ...(chunkRecords ? { chunkRecords } : {}),
      })
    : null;
  try {
    return await ingestFiles({
      lake,
      lakeDir: config,
      logSource: 'auth',
      inputs: await expandInputs([file]),
      workers: 1,
      realtime: realtime ?? undefined,
    });
  } finally {
    await realtime?.close();
    await lake.close();
    open.pop();
  }
}

async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const lake = await openLake({ root: dir });
  open.push(lake);
  return queryRows(lake, sql);
}

describe('realtime detections in ingest', () => {
  it('runs detections on committed batches, groups alerts and writes lakewatch_alerts', async () => {
    const dir = lakeDir();
    const file = path.join(tempDir(), 'a.ndjson');
    writeFileSync(file, lines(3, 0) + lines(1, 10, 'bob', 'success') + lines(1, 20, 'carol'));
    const summary = await ingest(dir, file);
    const d = summary.detections!;
    expect(d.records).toBe(5);
    expect(d.matches).toBe(4);
    expect(d.byDetection.failed_login!.matches).toBe(4);
    expect(d.byDetection.broken!.errors).toBe(1);
    expect(d.byDetection.broken!.sampleErrors[0]).toMatchObject({
      type: 'ValueError',
      message: 'bob breaks me',
    });
    expect(d.byDetection.broken!.sampleErrors[0]!.record).toContain('"bob"');
    expect(d.alertsOpened).toBe(2);
    // alice reached the threshold of 2; carol has one match
    expect(d.alertsActivated).toBe(1);

    const alerts = await query(
      dir,
      `SELECT lakewatch.alert.title AS title, lakewatch.alert.dedupe AS dedupe, lakewatch.alert.severity AS severity,
              lakewatch.alert.activated AS activated, lakewatch.alert.context AS context, user.name AS user,
              lakewatch.alert.rule.name AS rule, lakewatch.alert.original_event AS original, ts
       FROM lakewatch_alerts ORDER BY ts`,
    );
    expect(alerts).toHaveLength(4);
    expect(alerts[0]).toMatchObject({
      title: 'Failed logins for alice',
      dedupe: 'alice',
      severity: 'high',
      activated: false,
      user: 'alice',
      rule: 'failed_login',
    });
    expect(alerts[1]!.activated).toBe(true);
    expect(String(alerts[0]!.context)).toContain('9007199254740993');
    expect(JSON.parse(String(alerts[0]!.original))).toMatchObject({
      user: { name: 'alice' },
      ts: '2024-05-01T12:00:00.000000Z',
    });
    expect(alerts[3]).toMatchObject({ user: 'carol', activated: false });

    const errors = await query(
      dir,
      `SELECT detection, type, "function", message, traceback, record, table_name, position FROM lakewatch_detection_errors`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      detection: 'broken',
      type: 'ValueError',
      function: 'detect',
      message: 'bob breaks me',
      table_name: 'auth',
      position: 3,
    });
    expect(String(errors[0]!.traceback)).toContain('detect.py');
    expect(JSON.parse(String(errors[0]!.record))).toMatchObject({ user: { name: 'bob' } });

    // the CLI lists the alerts
    const listed = await runCli(['alerts', '--dir', dir, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const list = JSON.parse(listed.stdout) as {
      id: string;
      title: string;
      matchCount: number;
      activated: boolean;
    }[];
    expect(list.map((a) => [a.title, a.matchCount, a.activated]).sort()).toEqual([
      ['Failed logins for alice', 3, true],
      ['Failed logins for carol', 1, false],
    ]);
    const json = async (...args: string[]) => {
      const r = await runCli(['alerts', '--dir', dir, '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { title: string }[]).map((a) => a.title);
    };
    expect(await json('--activated')).toEqual(['Failed logins for alice']);
    expect(await json('--no-activated')).toEqual(['Failed logins for carol']);
    expect(await json('--min-severity', 'critical')).toEqual([]);
    expect(await json('--severity', 'high', '--detection', 'failed_login', '--since', '1h')).toHaveLength(2);
    expect(await json('--detection', 'broken')).toEqual([]);
    const bad = await runCli(['alerts', '--dir', dir, '--since', '2x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since 2x');
    const shown = await runCli(['alerts', 'show', list[0]!.id.slice(0, 8), '--dir', dir]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/rule matches \(\d\):/);
    expect(shown.stdout).toContain('context  {"ip":"10.0.0.1","big":9007199254740993}');
  });

  it('catches up after a crash between the data commit and detection, without duplicates', async () => {
    const dir = lakeDir();
    const first = path.join(tempDir(), 'first.ndjson');
    writeFileSync(first, lines(2, 0));
    await ingest(dir, first);
    // a batch committed while detections did not run (as if the process died right after the commit)
    const second = path.join(tempDir(), 'second.ndjson');
    writeFileSync(second, lines(2, 30));
    await ingest(dir, second, false);
    // the next ingest runs detections on the missed snapshot first
    const third = path.join(tempDir(), 'third.ndjson');
    writeFileSync(third, lines(1, 60));
    const summary = await ingest(dir, third);
    expect(summary.detections!.matches).toBe(3);
    const rows = await query(
      dir,
      `SELECT count(*) AS n, count(DISTINCT lakewatch.alert.rule.match.id) AS ids FROM lakewatch_alerts`,
    );
    expect(Number(rows[0]!.n)).toBe(5);
    expect(Number(rows[0]!.ids)).toBe(5);
    // running again finds nothing new
    const again = await ingest(dir, third);
    expect(again.skipped).toBe(1);
    expect(again.detections).toBeUndefined();
  });

  it('re-running detection over batches it already processed adds no match, alert row or change', async () => {
    const dir = lakeDir();
    const file = path.join(tempDir(), 'a.ndjson');
    // three hourly partitions: three data files, detected one chunk each
    writeFileSync(file, lines(1, 0) + lines(1, 3600) + lines(1, 7200));
    const first = await ingest(dir, file, true, 1);
    expect(first.detections!.matches).toBe(3);
    const before = await query(dir, 'SELECT count(*) AS n FROM lakewatch_alerts');
    expect(Number(before[0]!.n)).toBe(3);
    // as if the process died after storing the alerts but before moving the cursor
    const config = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir });
    open.push(lake);
    const realtime = (await openRealtime({
      lake,
      lakeDir: config,
      runtime: { workers: 1 },
      chunkRecords: 1,
    }))!;
    try {
      const changesBefore = realtime.store.changes().length;
      const db = new (await import('better-sqlite3')).default(path.join(dir, '.lakewatch', 'catalog.db'));
      db.prepare('UPDATE alert_detect_cursors SET sequence_number = 0, snapshot_id = NULL').run();
      db.close();
      await realtime.catchUp();
      const d = realtime.takeSummary();
      expect(d.records).toBe(3);
      expect(d.matches).toBe(0);
      expect(d.alertsOpened + d.alertsActivated + d.alertsUpdated).toBe(0);
      expect(realtime.store.changes()).toHaveLength(changesBefore);
    } finally {
      await realtime.close();
    }
    const after = await query(dir, 'SELECT count(*) AS n FROM lakewatch_alerts');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });

  it('ingest --no-detect marks its batches: a later ingest does not detect them either', async () => {
    const dir = lakeDir();
    const a = path.join(tempDir(), 'a.ndjson');
    writeFileSync(a, lines(1, 0, 'alice'));
    expect((await ingest(dir, a)).detections!.matches).toBe(1);
    const b = path.join(tempDir(), 'b.ndjson');
    writeFileSync(b, lines(3, 10, 'backfill'));
    const off = await runCli(['ingest', 'auth', b, '--dir', dir, '--no-progress', '--no-detect']);
    expect(off.code, off.stderr).toBe(0);
    const c = path.join(tempDir(), 'c.ndjson');
    writeFileSync(c, lines(1, 20, 'carol'));
    const later = await ingest(dir, c);
    expect(later.detections!.records).toBe(1);
    expect(later.detections!.matches).toBe(1);
  });

  it('detects a snapshot another ingest committed but has not detected yet, before its own', async () => {
    const dir = lakeDir();
    const a = path.join(tempDir(), 'a.ndjson');
    writeFileSync(a, lines(1, 0, 'alice'));
    await ingest(dir, a);
    const config = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir });
    open.push(lake);
    const x = (await openRealtime({ lake, lakeDir: config, runtime: { workers: 1 } }))!;
    const y = (await openRealtime({ lake, lakeDir: config, runtime: { workers: 1 } }))!;
    try {
      await x.prepare(['auth']);
      // two commits by two concurrent ingests, neither detected yet
      const b = path.join(tempDir(), 'b.ndjson');
      writeFileSync(b, lines(2, 10, 'bob'));
      await ingest(dir, b, false);
      const c = path.join(tempDir(), 'c.ndjson');
      writeFileSync(c, lines(1, 20, 'carol'));
      await ingest(dir, c, false);
      const meta = (await lake.loadTable('auth')).metadata;
      const snaps = [...meta.snapshots!].sort(
        (p, q) => Number(p['sequence-number']) - Number(q['sequence-number']),
      );
      const commitOf = async (i: number) => {
        const s = snaps[i]!;
        const before = new Set(
          (await lake.planScan('auth', { snapshotId: snaps[i - 1]!['snapshot-id'] })).files.map(
            (f) => f.path,
          ),
        );
        const files = (await lake.planScan('auth', { snapshotId: s['snapshot-id'] })).files.filter(
          (f) => !before.has(f.path),
        );
        return {
          table: 'auth',
          snapshotId: s['snapshot-id'],
          sequenceNumber: s['sequence-number'],
          files: files.map((f) => ({ path: f.path, recordCount: f.recordCount })),
        };
      };
      // the ingest that committed last detects first: the earlier snapshot comes with it
      await x.afterCommit([await commitOf(snaps.length - 1)]);
      expect(x.takeSummary().matches).toBe(3);
      // the slower ingest then detects its own snapshot: nothing new, no error
      await y.afterCommit([await commitOf(snaps.length - 2)]);
      expect(y.takeSummary().matches).toBe(0);
    } finally {
      await x.close();
      await y.close();
    }
    const rows = await query(dir, 'SELECT count(*) AS n FROM lakewatch_alerts');
    expect(Number(rows[0]!.n)).toBe(4);
  });

  it('shows matches and alerts in the CLI summary', async () => {
    const dir = lakeDir();
    const file = path.join(tempDir(), 'a.ndjson');
    writeFileSync(file, lines(2, 0));
    const r = await runCli(['ingest', 'auth', file, '--dir', dir, '--no-progress']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/detections\s+2 matches on 2 records → 1 new alert, 1 activated/);
    expect(r.stdout).toMatch(/failed_login\s+2 matches/);
    const off = await runCli(['ingest', 'auth', file, '--dir', dir, '--no-progress', '--no-detect']);
    expect(off.stdout).not.toMatch(/detections/);
  });
});

describe('lakewatch validate and detections', () => {
  it('reports a detection that cannot load, with its file and line, before any data moves', async () => {
    const dir = writeLake({
      'log_sources/auth/log_source.yml': SOURCE,
      'detections/failed_login/detection.yml': DETECTION,
      'detections/failed_login/detect.py': 'def detect(record)\n    return True\n',
      'detections/ts_one/detection.yml': 'name: ts_one\ntables: [auth]\n',
      'detections/ts_one/detect.ts': 'export function detect(record: unknown): boolean {\n  return (\n}\n',
    });
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('failed_login: cannot load: SyntaxError');
    expect(r.stderr).toContain('detections/failed_login/detect.py:1');
    expect(r.stderr).not.toContain('worker.py');
    expect(r.stderr).toMatch(/ts_one: cannot load: SyntaxError.*detections\/ts_one\/detect\.ts:3/);
  });
});

describe('alert delivery from ingest', () => {
  it('sends each activation once to a webhook (signed), shows failures and retries them', async () => {
    const { createServer } = await import('node:http');
    const { createHmac } = await import('node:crypto');
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    let failing = true;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failing) {
          res.writeHead(503).end('down');
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const dir = writeLake({
        'lakewatch.config.yml': 'name: test\nalerting:\n  routes:\n    high: [soc_hook]\n',
        'log_sources/auth/log_source.yml': SOURCE,
        'detections/failed_login/detection.yml': DETECTION,
        'detections/failed_login/detect.py': DETECT_PY,
        'integrations/destinations/soc_hook.yml': `name: soc_hook
type: webhook
properties:
  url: http://127.0.0.1:${port}/hook
  secret: \${env:HOOK_SECRET}
`,
      });
      const env = { HOOK_SECRET: 'hmac-key-123', LAKEWATCH_DELIVERY_ATTEMPTS: '1' };
      const validate = await runCli(['validate', '--dir', dir], { env });
      expect(validate.code, validate.stderr).toBe(0);
      expect(validate.stdout).toMatch(/soc_hook\s+webhook/);

      // the first run cannot deliver: the failure is kept and shown
      const a = path.join(tempDir(), 'a.ndjson');
      writeFileSync(a, lines(2, 0));
      const first = await runCli(['ingest', 'auth', a, '--dir', dir, '--no-progress'], { env });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/notifications\s+0 sent, 1 failed/);
      expect(first.stderr).not.toContain('hmac-key-123');
      const failures = await runCli(['alerts', 'failures', '--dir', dir], { env });
      expect(failures.stdout).toMatch(/soc_hook\s+activated\s+failed/);
      expect(failures.stdout).toContain('503');

      // once the receiver is back, the next ingest sends it (even without new matches) — once
      failing = false;
      const quiet = path.join(tempDir(), 'quiet.ndjson');
      writeFileSync(quiet, lines(1, 30, 'zoe', 'success'));
      const retried = await runCli(['ingest', 'auth', quiet, '--dir', dir, '--no-progress'], { env });
      expect(retried.code, retried.stderr).toBe(0);
      expect(retried.stdout).toMatch(/notifications\s+1 sent/);
      const again = await runCli(['alerts', 'deliver', '--dir', dir], { env });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/0 sent/);
      expect(received).toHaveLength(1);
      const body = received[0]!.body;
      expect(JSON.parse(body)).toMatchObject({
        type: 'alert.activated',
        alert: { title: 'Failed logins for alice', severity: 'high' },
      });
      // alert_context() travels with the alert; integers beyond 2^53 as exact decimal strings
      expect(body).toContain('"big":"9007199254740993"');
      const signature = 'sha256=' + createHmac('sha256', 'hmac-key-123').update(body).digest('hex');
      expect(received[0]!.headers['x-lakewatch-signature']).toBe(signature);

      // a later match of the same alert is an update, delivered by the next ingest
      const b = path.join(tempDir(), 'b.ndjson');
      writeFileSync(b, lines(1, 40));
      const second = await runCli(['ingest', 'auth', b, '--dir', dir, '--no-progress'], { env });
      expect(second.stdout).toMatch(/notifications\s+1 sent/);
      expect(received).toHaveLength(2);
      expect(JSON.parse(received[1]!.body)).toMatchObject({ type: 'alert.updated' });

      const show = await runCli(['alerts', 'show', JSON.parse(body).alert.id.slice(0, 8), '--dir', dir], {
        env,
      });
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toMatch(/deliveries \(2\)/);
    } finally {
      server.close();
    }
  });

  it('rejects a route or detection naming a destination that does not exist, before ingesting', async () => {
    const dir = writeLake({
      'lakewatch.config.yml': 'name: test\nalerting:\n  routes:\n    high: [nowhere]\n',
      'log_sources/auth/log_source.yml': SOURCE,
      'detections/failed_login/detection.yml': DETECTION,
      'detections/failed_login/detect.py': DETECT_PY,
    });
    const a = path.join(tempDir(), 'a.ndjson');
    writeFileSync(a, lines(1, 0));
    const r = await runCli(['ingest', 'auth', a, '--dir', dir, '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('alerting.routes.high[0]');
    expect(r.stderr).toContain('no destination named "nowhere"');
  });
});
