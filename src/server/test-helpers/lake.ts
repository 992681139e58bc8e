/**
 * A lake with data for API tests: log source `auth` (JSON), detections `failed_login` (with
 * tests) and `broken` (raises on bob), ingested with the real `lakewatch ingest` (in-process),
 * one line that is not JSON (a dead letter).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadLakeDirectory } from '../../config/index.js';
import { openStateDb } from '../../detect/realtime.js';
import { lakewatch, tempDir, writeLake } from '../../detect/testing/test-helpers/cli.js';
import { openLake } from '../../lake/index.js';
import { LakewatchMetrics } from '../../telemetry/metrics.js';
import { createApp, type AppDeps } from '../app.js';
import { openTokenStore } from '../tokens.js';

export { lakewatch, tempDir, writeLake };

const SOURCE = `
name: auth
ingest:
  format: json
schema:
  ecs_field_names: [event.action, event.outcome, user.name, source.ip]
transform: |
  .ts = del(.json.time)
  .event.action = del(.json.action)
  .event.outcome = del(.json.outcome)
  .user.name = del(.json.user)
  .source.ip = del(.json.ip)
`;

export const FILES: Record<string, string> = {
  'log_sources/auth/log_source.yml': SOURCE,
  'detections/failed_login/detection.yml': `
name: failed_login
display_name: Failed login
tables: [auth]
alert:
  severity: high
  threshold: 2
`,
  'detections/failed_login/detect.py': `
def detect(record):
    return record.deepget("event.outcome") == "failure"

def title(record):
    return f"Failed logins for {record.deepget('user.name')}"

def dedupe(record):
    return record.deepget("user.name")

def alert_context(record):
    return {"ip": record.deepget("source.ip"), "big": 9007199254740993}
`,
  'detections/failed_login/tests/cases.yml': `tests:
  - name: a failure matches
    record: { event: { outcome: failure }, user: { name: alice } }
    match: true
  - name: a success does not
    record: { event: { outcome: success }, user: { name: alice } }
    match: false
`,
  'detections/broken/detection.yml': `
name: broken
tables: [auth]
`,
  'detections/broken/detect.py': `
def detect(record):
    if record.deepget("user.name") == "bob":
        raise ValueError("bob breaks me")
    return False
`,
};

export function authLines(n: number, from: number, user = 'alice', outcome = 'failure'): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 4, 1, 12, 0, from + i)).toISOString();
    s += JSON.stringify({ time: t, action: 'login', outcome, user, ip: '10.0.0.1' }) + '\n';
  }
  return s;
}

/** Writes the lake directory and ingests 3 alice failures, 1 bob success, 1 carol failure and a bad line. */
export async function ingestedLake(): Promise<string> {
  const dir = writeLake(FILES);
  const file = path.join(tempDir(), 'a.ndjson');
  writeFileSync(
    file,
    authLines(3, 0) + authLines(1, 10, 'bob', 'success') + authLines(1, 20, 'carol') + '{not json\n',
  );
  const run = await lakewatch('ingest', 'auth', file, '--dir', dir, '--no-progress');
  if (run.code !== 0) throw new Error(`ingest failed (${run.code}): ${run.stderr}`);
  return dir;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  token: string;
  /** Authorization header with the token. */
  auth: Record<string, string>;
  close(): Promise<void>;
}

export async function openTestApp(dir: string, extra: Partial<AppDeps> = {}): Promise<TestApp> {
  const lakeDir = loadLakeDirectory(dir);
  const lake = await openLake({ root: dir, namespace: lakeDir.project.namespace });
  const db = openStateDb(lake);
  const tokens = openTokenStore(db);
  const token = tokens.create(`t${Math.random().toString(36).slice(2, 8)}`);
  const logs: string[] = [];
  const deps: AppDeps = {
    lake,
    lakeDir,
    tokens,
    metrics: new LakewatchMetrics({ defaultMetrics: false }),
    log: (line) => logs.push(line),
    ...extra,
  };
  return {
    app: createApp(deps),
    deps,
    token,
    auth: { Authorization: `Bearer ${token}` },
    async close() {
      db.close();
      await lake.close();
    },
  };
}
