/**
 * Pulled records through the managed mappings: each collector pulls the records of its managed
 * source's samples from a fake API, the runner ingests them with the real ingest path, and every
 * record commits exactly as when the sample file is ingested (the golden's numbers), none
 * dead-lettered. Proves the collectors hand the mappings records in the shape they expect.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../../config/index.js';
import { openLake } from '../../lake/index.js';
import { MANAGED_ROOT } from '../../managed/registry.js';
import { ingestFiles } from '../../pipeline/index.js';
import { collectorFor } from './index.js';
import { runCollector } from './runner.js';
import { openCursorStore } from './state.js';
import { testContext } from './test-helpers/context.js';
import { startFakeServer, type FakeHandler } from './test-helpers/fake-server.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function sample(
  type: string,
  table: string,
  name: string,
): { records: Record<string, unknown>[]; committed: number } {
  const base = path.join(MANAGED_ROOT, type, 'samples', table, name);
  const records = readFileSync(`${base}.json`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const golden = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as {
    summary: { committed: number; deadLettered: number };
  };
  expect(golden.summary.deadLettered).toBe(0);
  return { records, committed: golden.summary.committed };
}

/** Answers `make()` the first time a route is asked, then an empty answer: one window's worth. */
function once(make: () => unknown, empty: () => unknown): FakeHandler {
  let served = false;
  return () => {
    const body = served ? empty() : make();
    served = true;
    return { body };
  };
}

async function pullInto(
  type: string,
  properties: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  now: number,
): Promise<Record<string, { records: number; committed: number; deadLettered: number }>> {
  const name = type.toLowerCase();
  const root = mkdtempSync(path.join(tmpdir(), `lw-e2e-${name}-`));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
  mkdirSync(path.join(root, 'log_sources', name), { recursive: true });
  writeFileSync(
    path.join(root, 'log_sources', name, 'log_source.yml'),
    `name: ${name}\nmanaged:\n  type: ${type}\n`,
  );
  const lakeDir = loadLakeDirectory(root);
  const lake = await openLake({ root, namespace: lakeDir.project.namespace });
  cleanup.push(() => lake.close());
  const store = openCursorStore(path.join(lake.stateDir, 'catalog.db'));
  cleanup.push(() => store.close());
  const out: Record<string, { records: number; committed: number; deadLettered: number }> = {};
  const collector = collectorFor(type)!;
  await runCollector({
    logSource: name,
    collector,
    ctx: testContext({
      collector: type,
      logSource: name,
      now,
      properties: { start_time: '2h', ...properties },
      env,
    }),
    store,
    stateDir: lake.stateDir,
    sink: async ({ logSource, table, input }) => {
      const s = await ingestFiles({ lake, lakeDir, logSource, inputs: [input], table, workers: 1 });
      const t = (out[table] ??= { records: 0, committed: 0, deadLettered: 0 });
      t.records += s.read;
      t.committed += s.committed;
      t.deadLettered += s.deadLettered;
      return s;
    },
  });
  return out;
}

describe('pulled records through the managed mappings', () => {
  it('OKTA', async () => {
    const s = sample('okta', 'system', 'system_log');
    const server = await startFakeServer({
      'GET /api/v1/logs': (req) => ({
        body: req.query.has('after') ? [] : s.records,
        headers: { link: `<${req.url.origin}/api/v1/logs?after=end>; rel="next"` },
      }),
    });
    cleanup.push(() => server.close());
    const got = await pullInto(
      'OKTA',
      { base_url: server.url },
      { LAKEWATCH_OKTA_API_TOKEN: 't' },
      Date.now(),
    );
    expect(got).toEqual({ system: { records: s.records.length, committed: s.committed, deadLettered: 0 } });
  });

  it('DUO', async () => {
    const auth = sample('duo', 'auth', 'authentication_logs_v2');
    const tel = sample('duo', 'telephony', 'telephony_logs_v2');
    const admin = sample('duo', 'admin', 'administrator_logs');
    const offline = sample('duo', 'offline_enrollment', 'offline_enrollment_logs');
    const summary = sample('duo', 'summary', 'summary_response');
    const ok = (response: unknown) => ({ stat: 'OK', response });
    const server = await startFakeServer({
      'GET /admin/v2/logs/authentication': once(
        () => ok({ authlogs: auth.records, metadata: {} }),
        () => ok({ authlogs: [], metadata: {} }),
      ),
      'GET /admin/v2/logs/telephony': once(
        () => ok({ items: tel.records, metadata: {} }),
        () => ok({ items: [], metadata: {} }),
      ),
      'GET /admin/v1/logs/administrator': once(
        () => ok(admin.records),
        () => ok([]),
      ),
      'GET /admin/v1/logs/offline_enrollment': once(
        () => ok(offline.records),
        () => ok([]),
      ),
      'GET /admin/v1/info/summary': () => ({ body: ok(summary.records[0]) }),
    });
    cleanup.push(() => server.close());
    const got = await pullInto(
      'DUO',
      { base_url: server.url, integration_key: 'DIWJ8X6AEYOR5OMC6TQ1' },
      { LAKEWATCH_DUO_SECRET_KEY: 'k' },
      Date.now(),
    );
    expect(got).toEqual({
      auth: { records: auth.records.length, committed: auth.committed, deadLettered: 0 },
      telephony: { records: tel.records.length, committed: tel.committed, deadLettered: 0 },
      admin: { records: admin.records.length, committed: admin.committed, deadLettered: 0 },
      offline_enrollment: { records: offline.records.length, committed: offline.committed, deadLettered: 0 },
      summary: { records: 1, committed: 1, deadLettered: 0 },
    });
  });

  it('MSFT', async () => {
    const signIns = sample('msft', 'aad_signinlogs', 'graph_signins');
    const audits = sample('msft', 'aad_auditlogs', 'graph_directory_audits');
    const server = await startFakeServer({
      'POST /tenant-1/oauth2/v2.0/token': () => ({
        body: { access_token: 'a', expires_in: 3599, token_type: 'Bearer' },
      }),
      'GET /v1.0/auditLogs/signIns': once(
        () => ({ value: signIns.records }),
        () => ({ value: [] }),
      ),
      'GET /v1.0/auditLogs/directoryAudits': once(
        () => ({ value: audits.records }),
        () => ({ value: [] }),
      ),
    });
    cleanup.push(() => server.close());
    const got = await pullInto(
      'MSFT',
      { base_url: server.url, token_url: server.url, tenant_id: 'tenant-1', client_id: 'c' },
      { LAKEWATCH_MSFT_CLIENT_SECRET: 's' },
      Date.now(),
    );
    expect(got).toEqual({
      aad_signinlogs: { records: signIns.records.length, committed: signIns.committed, deadLettered: 0 },
      aad_auditlogs: { records: audits.records.length, committed: audits.committed, deadLettered: 0 },
    });
  });

  it('GOOGLE_WORKSPACE', async () => {
    const apps = {
      admin: sample('google_workspace', 'admin', 'admin_activities'),
      login: sample('google_workspace', 'login', 'login_activities'),
      drive: sample('google_workspace', 'drive', 'drive_activities'),
      saml: sample('google_workspace', 'saml', 'saml_activities'),
      token: sample('google_workspace', 'token', 'token_activities'),
    };
    const alerts = sample('google_workspace', 'alert', 'alerts');
    const routes: Record<string, FakeHandler> = {
      'POST /token': () => ({ body: { access_token: 'ya29.x', expires_in: 3599, token_type: 'Bearer' } }),
      'GET /v1beta1/alerts': once(
        () => ({ alerts: alerts.records }),
        () => ({}),
      ),
    };
    for (const [app, s] of Object.entries(apps))
      routes[`GET /admin/reports/v1/activity/users/all/applications/${app}`] = once(
        () => ({ kind: 'admin#reports#activities', items: s.records }),
        () => ({ kind: 'admin#reports#activities' }),
      );
    const server = await startFakeServer(routes);
    cleanup.push(() => server.close());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const creds = JSON.stringify({
      type: 'service_account',
      client_email: 'svc@example-project.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const got = await pullInto(
      'GOOGLE_WORKSPACE',
      {
        base_url: server.url,
        alert_base_url: server.url,
        token_url: `${server.url}/token`,
        subject: 'admin@example.com',
        applications: ['admin', 'login', 'drive', 'saml', 'token', 'alert'],
      },
      { LAKEWATCH_GOOGLE_WORKSPACE_CREDENTIALS_JSON: creds },
      Date.now(),
    );
    const want: Record<string, { records: number; committed: number; deadLettered: number }> = {};
    for (const [app, s] of Object.entries({ ...apps, alert: alerts }))
      want[app] = {
        records: expect.any(Number) as unknown as number,
        committed: s.committed,
        deadLettered: 0,
      };
    expect(got).toEqual(want);
  });
});
