/**
 * kill -9 of `lakewatch ingest` while detections run (after the data commit, before any alert
 * is stored), then a restart: every match is detected once, every alert is delivered once,
 * and nothing is ingested twice.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLake } from '../src/lake/index.js';
import { openQuerySession } from '../src/query/index.js';
import { cliPath, runCli, tempDir, writeLake } from './helpers.js';

const SOURCE = `
name: auth
schema:
  ecs_field_names: [event.outcome, user.name]
transform: |
  .ts = del(.json.time)
  .event.outcome = del(.json.outcome)
  .user.name = del(.json.user)
`;

// Hangs once, on the first "slow" record, after leaving a marker: the test kills the ingest then.
const DETECT_PY = `
import os, time

def detect(record):
    marker = os.environ["CRASH_MARKER"]
    if record.deepget("user.name") == "slow" and not os.path.exists(marker):
        open(marker, "w").close()
        time.sleep(60)
    return record.deepget("event.outcome") == "failure"

def dedupe(record):
    return record.deepget("user.name")
`;

function lines(users: string[], start: number): string {
  return users
    .map((user, i) =>
      JSON.stringify({
        time: new Date(Date.UTC(2024, 4, 1, 12, 0, start + i)).toISOString(),
        outcome: 'failure',
        user,
      }),
    )
    .join('\n');
}

describe('kill -9 during realtime detection', () => {
  it('restarts without losing or duplicating matches, alert rows or deliveries', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(String(req.headers['x-lakewatch-delivery'] ?? JSON.parse(body).delivery_id));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const work = tempDir();
      const marker = path.join(work, 'crashed');
      const dir = writeLake({
        'log_sources/auth/log_source.yml': SOURCE,
        'detections/failed/detection.yml': 'name: failed\ntables: [auth]\nalert:\n  destinations: [hook]\n',
        'detections/failed/detect.py': DETECT_PY,
        'integrations/destinations/hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: http://127.0.0.1:${port}/\n`,
      });
      const env = { ...process.env, CRASH_MARKER: marker, LAKEWATCH_DETECTION_WORKERS: '1' };
      const first = path.join(work, 'first.ndjson');
      writeFileSync(first, lines(['alice', 'bob', 'slow', 'carol'], 0));

      // 1. ingest, and kill -9 the whole process group once detection hangs
      const child = spawn(
        process.execPath,
        [cliPath, 'ingest', 'auth', first, '--dir', dir, '--no-progress'],
        {
          env,
          detached: true,
          stdio: 'ignore',
        },
      );
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      for (let i = 0; i < 600 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(marker)).toBe(true);
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      expect(received).toEqual([]);

      // 2. the data was committed; the next ingest first detects on it, then on its own input
      const second = path.join(work, 'second.ndjson');
      writeFileSync(second, lines(['dave', 'alice'], 60));
      const again = await runCli(['ingest', 'auth', first, second, '--dir', dir, '--no-progress'], {
        env: { CRASH_MARKER: marker, LAKEWATCH_DETECTION_WORKERS: '1' },
      });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/skipped\s+1 inputs already in the ingest ledger/);
      expect(again.stdout).toMatch(/detections\s+6 matches on 6 records/);

      // every record once in the table, every match once in lakewatch_alerts
      const lake = await openLake({ root: dir });
      const session = await openQuerySession(lake);
      try {
        const count = async (sql: string) => Number((await session.query(sql)).rows[0]![0]);
        expect(await count('SELECT count(*) FROM auth')).toBe(6);
        expect(await count('SELECT count(*) FROM lakewatch_alerts')).toBe(6);
        expect(
          await count('SELECT count(DISTINCT lakewatch.alert.rule.match.id) FROM lakewatch_alerts'),
        ).toBe(6);
      } finally {
        await session.close();
        await lake.close();
      }
      // five users: five activations, plus alice's second match as an update; each sent once
      expect(received).toHaveLength(6);
      expect(new Set(received).size).toBe(6);
      const third = await runCli(['alerts', 'deliver', '--dir', dir]);
      expect(third.stdout).toMatch(/0 sent/);
      expect(received).toHaveLength(6);
    } finally {
      server.close();
    }
  }, 60_000);
});
