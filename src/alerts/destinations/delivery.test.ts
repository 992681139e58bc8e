import aws4 from 'aws4';
import type Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertStore } from '../index.js';
import { loadDestinations, openDelivery, type DeliveryOptions, type DestinationConfig } from './index.js';
import { match, newStore, openDb, process, tempLake, type TempLake } from './test-helpers/lake.js';
import {
  decodeQp,
  startHttpServer,
  startSmtpServer,
  type Json,
  type RecordingServer,
  type RecordingSmtp,
} from './test-helpers/servers.js';

const FAST = { attempts: 3, minDelayMs: 1, maxDelayMs: 5, rounds: 3 };

const SECRETS = {
  SLACK_WEBHOOK_TOKEN: 'T0SLACK/B0HOOK/slackhooksecret0001',
  SLACK_BOT_TOKEN: 'xoxb-bot-token-secret-0002',
  HOOK_SECRET: 'hmac-secret-0003',
  HOOK_API_KEY: 'api-key-secret-0004',
  PD_KEY: 'pdroutingkeysecret0005',
  JIRA_TOKEN: 'jira-api-token-secret-0006',
  TEAMS_TOKEN: 'teams-path-secret-0007',
  SMTP_PASSWORD: 'smtp-password-secret-0008',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLESECRET0009',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-access-key-0010',
};

let lake: TempLake;
let http: RecordingServer;
let db: Database.Database;
let store: AlertStore;
let logs: string[];
let env: NodeJS.ProcessEnv;
const closers: (() => unknown)[] = [];

beforeEach(async () => {
  lake = tempLake();
  http = await startHttpServer();
  db = openDb(path.join(lake.root, 'catalog.db'));
  store = newStore(db);
  logs = [];
  env = { ...SECRETS, SLACK_WEBHOOK_URL: `${http.url}/services/${SECRETS.SLACK_WEBHOOK_TOKEN}` };
});

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await http.close();
  db.close();
  lake.cleanup();
});

function configure(files: Record<string, string>): DestinationConfig[] {
  for (const [name, yaml] of Object.entries(files)) lake.write(name, yaml);
  const { destinations, problems } = loadDestinations(lake.lakeDir);
  expect(problems).toEqual([]);
  return destinations;
}

function delivery(destinations: DestinationConfig[], over: Partial<DeliveryOptions> = {}) {
  return openDelivery({
    db,
    store,
    destinations,
    env,
    retry: FAST,
    log: (l) => logs.push(l),
    ...over,
  });
}

/** Every stored ledger row and log line, as text. */
function everything(): string {
  const rows = db.prepare(`SELECT * FROM delivery_ledger`).all();
  const threads = db.prepare(`SELECT * FROM delivery_threads`).all();
  return JSON.stringify({ rows, threads, logs });
}

function expectNoSecrets() {
  const text = everything();
  for (const s of Object.values(SECRETS)) expect(text).not.toContain(s);
  expect(text).not.toContain(Buffer.from(`soc@example.com:${SECRETS.JIRA_TOKEN}`).toString('base64'));
}

const SLACK_HOOK = 'name: slack_hook\ntype: slack\nproperties:\n  webhook_url: ${env:SLACK_WEBHOOK_URL}\n';

describe('Slack', () => {
  it('posts Block Kit to an incoming webhook', async () => {
    const d = delivery(configure({ 'slack_hook.yml': SLACK_HOOK }));
    const { changes } = process(store, [match(0, { destinations: ['slack_hook'] })]);
    const summary = await d.deliverPending();
    expect(summary).toMatchObject({ changes: 1, sent: 1, failed: 0, cursor: changes[0]!.seq });
    expect(http.requests).toHaveLength(1);
    const req = http.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/services/${SECRETS.SLACK_WEBHOOK_TOKEN}`);
    const body = http.json(0);
    expect(body.text).toBe('Alert activated: Console login brute force for alice');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Console login brute force for alice', emoji: true },
    });
    const fields = body.blocks[2].fields.map((f: { text: string }) => f.text);
    expect(fields).toContain('*Severity*\nhigh');
    expect(fields).toContain('*Detection*\nbrute_force');
    expect(fields).toContain('*user.name*\nalice');
    expect(JSON.stringify(body.blocks)).toContain('Lock the account and call the user');
    expect(JSON.stringify(body.blocks)).toContain('\\"failures\\": 12');
    expectNoSecrets();
  });

  it('bot mode: chat.postMessage, and updates go to the first message thread', async () => {
    let ts = 0;
    http.handle((req) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        req.headers.authorization === `Bearer ${SECRETS.SLACK_BOT_TOKEN}`
          ? { ok: true, channel: 'C0CHANNEL', ts: `1700000000.00000${++ts}` }
          : { ok: false, error: 'invalid_auth' },
      ),
    }));
    const dests = configure({
      'slack_bot.yml': `name: slack_bot\ntype: slack\nproperties:\n  channel: alerts\n  token: \${env:SLACK_BOT_TOKEN}\n  api_url: ${http.url}/api\n`,
    });
    const d = delivery(dests);
    const alertId = process(store, [match(0, { destinations: ['slack_bot'] })]).changes[0]!.alert.id;
    await d.deliverPending();
    process(store, [match(1, { destinations: ['slack_bot'] }), match(2, { destinations: ['slack_bot'] })]);
    await d.deliverPending();
    expect(http.requests.map((r) => r.path)).toEqual(['/api/chat.postMessage', '/api/chat.postMessage']);
    const first = http.json(0);
    expect(first.channel).toBe('alerts');
    expect(first.thread_ts).toBeUndefined();
    expect(first.blocks[0].type).toBe('header');
    const second = http.json(1);
    expect(second).toMatchObject({ channel: 'C0CHANNEL', thread_ts: '1700000000.000001' });
    expect(second.text).toBe('Alert updated (+2 new matches, 3 total): Console login brute force for alice');
    expect(d.deliveries(alertId).map((r) => [r.kind, r.state, r.response])).toEqual([
      ['activated', 'sent', 'ts 1700000000.000001'],
      ['updated', 'sent', 'ts 1700000000.000002 in thread 1700000000.000001'],
    ]);
    expectNoSecrets();
  });

  it('reads a Matano file bot token from the secrets file outside the lake', async () => {
    http.handle(() => ({ status: 200, body: JSON.stringify({ ok: true, channel: 'C1', ts: '1.1' }) }));
    const secretsFile = path.join(lake.root, 'secrets.yml');
    writeFileSync(secretsFile, `slack_my_team:\n  bot_user_oauth_token: ${SECRETS.SLACK_BOT_TOKEN}\n`);
    const dests = configure({
      'slack_my_team.yml': `name: slack_my_team\ntype: SLACK\nproperties:\n  channel: C04AG3QSXSS\n  client_id: "1.2"\n  api_url: ${http.url}\n`,
    });
    const d = delivery(dests, { env: { LAKEWATCH_SECRETS_FILE: secretsFile } });
    process(store, [match(0, { destinations: ['slack_my_team'] })]);
    expect(await d.deliverPending()).toMatchObject({ sent: 1 });
    expect(http.requests[0]!.headers.authorization).toBe(`Bearer ${SECRETS.SLACK_BOT_TOKEN}`);
    expectNoSecrets();
  });

  it('refuses a secrets file inside the lake directory', async () => {
    const secretsFile = path.join(lake.lakeDir, 'secrets.json');
    writeFileSync(
      secretsFile,
      JSON.stringify({ 'slack_my_team.bot_user_oauth_token': SECRETS.SLACK_BOT_TOKEN }),
    );
    const dests = configure({
      'slack_my_team.yml': `name: slack_my_team\ntype: SLACK\nproperties:\n  channel: C1\n  api_url: ${http.url}\n`,
    });
    const d = delivery(dests, { secretsFile });
    process(store, [match(0, { destinations: ['slack_my_team'] })]);
    expect(await d.deliverPending()).toMatchObject({ sent: 0, failed: 1 });
    expect(http.requests).toHaveLength(0);
    expect(d.failures()[0]!.error).toMatch(/secrets file .*secrets\.json lies inside the lake directory/);
    expect(d.failures()[0]!.attempts).toBe(1); // a config error is not retried within the run
    expectNoSecrets();
  });
});

describe('webhook', () => {
  it('sends the JSON body with an HMAC-SHA256 signature and custom headers', async () => {
    const dests = configure({
      'hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: ${http.url}/in?src=lw\n  method: PUT\n  secret: \${env:HOOK_SECRET}\n  signature_header: X-Signature\n  headers:\n    X-Api-Key: \${env:HOOK_API_KEY}\n    X-Team: soc\n`,
    });
    const d = delivery(dests);
    const { changes } = process(store, [match(0, { destinations: ['hook'] })]);
    await d.deliverPending();
    const req = http.requests[0]!;
    expect(req).toMatchObject({ method: 'PUT', path: '/in?src=lw' });
    expect(req.headers['x-api-key']).toBe(SECRETS.HOOK_API_KEY);
    expect(req.headers['x-team']).toBe('soc');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['x-lakewatch-delivery']).toBe(changes[0]!.id);
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', SECRETS.HOOK_SECRET).update(req.body).digest('hex')}`,
    );
    const got = Buffer.from(String(req.headers['x-signature']));
    expect(got.length === expected.length && timingSafeEqual(got, expected)).toBe(true);
    const body = http.json(0);
    expect(body).toMatchObject({
      type: 'alert.activated',
      delivery_id: changes[0]!.id,
      alert: {
        id: changes[0]!.alert.id,
        title: 'Console login brute force for alice',
        severity: 'high',
        detection: 'brute_force',
        dedupe: 'alice',
        match_count: 1,
        first_matched_at: '2026-12-01T10:00:00.000Z',
        activated_at: '2026-12-01T10:00:00.000Z',
        description: 'Many failed console logins',
        runbook: 'Lock the account and call the user',
        reference: 'https://example.com/brute-force',
        context: { failures: 12 },
      },
      event: {
        'event.action': 'ConsoleLogin',
        'user.name': 'alice',
        'source.ip': '203.0.113.7',
        'host.name': 'web-1',
        'cloud.account.id': '123456789012',
      },
    });
    expect(body.event.message).toBeUndefined();
    expectNoSecrets();
  });

  it('says how many new matches an update brings', async () => {
    const dests = configure({
      'hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: ${http.url}/in\n`,
    });
    const d = delivery(dests);
    process(store, [match(0, { destinations: ['hook'] })]);
    process(
      store,
      [1, 2, 3].map((i) => match(i, { destinations: ['hook'] })),
    );
    await d.deliverPending();
    expect(http.requests).toHaveLength(2);
    expect(http.json(1)).toMatchObject({
      type: 'alert.updated',
      alert: { match_count: 4, new_match_count: 3, last_matched_at: '2026-12-01T10:00:03.000Z' },
    });
  });
});

describe('PagerDuty, Jira, Teams, SNS, email', () => {
  it('PagerDuty: trigger with dedup_key = alert id and mapped severity', async () => {
    http.handle(() => ({ status: 202, body: '{"status":"success"}' }));
    const dests = configure({
      'pd.yml': `name: pd\ntype: pagerduty\nproperties:\n  routing_key: \${env:PD_KEY}\n  url: ${http.url}/v2/enqueue\n  component: console\n`,
    });
    const d = delivery(dests);
    const { changes } = process(store, [match(0, { destinations: ['pd'], severity: 'medium' })]);
    await d.deliverPending();
    expect(http.requests[0]!.path).toBe('/v2/enqueue');
    expect(http.json(0)).toMatchObject({
      routing_key: SECRETS.PD_KEY,
      event_action: 'trigger',
      dedup_key: changes[0]!.alert.id,
      payload: {
        summary: 'Alert activated: Console login brute force for alice',
        source: 'web-1',
        severity: 'warning',
        component: 'console',
        class: 'brute_force',
        custom_details: { detection: 'brute_force', match_count: 1, event: { 'user.name': 'alice' } },
      },
      links: [{ href: 'https://example.com/brute-force', text: 'Reference' }],
    });
    expectNoSecrets();
  });

  it('Jira: creates an issue on activation and comments on updates', async () => {
    http.handle((req) =>
      req.path.endsWith('/issue')
        ? { status: 201, body: JSON.stringify({ id: '10001', key: 'SEC-42', self: 'x' }) }
        : { status: 201, body: '{"id":"1"}' },
    );
    const dests = configure({
      'jira.yml': `name: jira\ntype: jira\nproperties:\n  url: ${http.url}\n  project: SEC\n  issue_type: Bug\n  email: soc@example.com\n  api_token: \${env:JIRA_TOKEN}\n  labels: [security]\n`,
    });
    const d = delivery(dests);
    const alertId = process(store, [match(0, { destinations: ['jira'] })]).changes[0]!.alert.id;
    await d.deliverPending();
    process(store, [match(1, { destinations: ['jira'] })]);
    await d.deliverPending();
    expect(http.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /rest/api/3/issue',
      'POST /rest/api/3/issue/SEC-42/comment',
    ]);
    const auth = `Basic ${Buffer.from(`soc@example.com:${SECRETS.JIRA_TOKEN}`).toString('base64')}`;
    expect(http.requests.every((r) => r.headers.authorization === auth)).toBe(true);
    const created = http.json(0);
    expect(created.fields).toMatchObject({
      project: { key: 'SEC' },
      issuetype: { name: 'Bug' },
      summary: '[HIGH] Console login brute force for alice',
      labels: ['security', 'lakewatch', 'lakewatch-brute_force', `lakewatch-alert-${alertId}`],
      description: { type: 'doc', version: 1 },
    });
    expect(JSON.stringify(created.fields.description)).toContain('Lock the account and call the user');
    const comment = http.json(1);
    expect(comment.body.type).toBe('doc');
    expect(JSON.stringify(comment.body)).toContain('Alert updated (+1 new match, 2 total)');
    expectNoSecrets();
  });

  it('Jira: after a crash mid-create, finds the issue by its alert label instead of creating another', async () => {
    http.handle((req) =>
      req.path.startsWith('/rest/api/3/search/jql')
        ? { status: 200, body: JSON.stringify({ issues: [{ id: '1', key: 'SEC-7' }] }) }
        : { status: 201, body: '{"id":"2"}' },
    );
    const dests = configure({
      'jira.yml': `name: jira\ntype: jira\nproperties:\n  url: ${http.url}\n  project: SEC\n  email: soc@example.com\n  api_token: \${env:JIRA_TOKEN}\n`,
    });
    const d = delivery(dests);
    const c = process(store, [match(0, { destinations: ['jira'] })]).changes[0]!;
    db.prepare(
      `INSERT INTO delivery_ledger (change_id, destination, change_seq, alert_id, kind, destination_type, state, rounds, created_at, updated_at)
       VALUES (?, 'jira', ?, ?, 'activated', 'jira', 'sending', 1, 0, 0)`,
    ).run(c.id, c.seq, c.alert.id);
    await d.deliverPending();
    process(store, [match(1, { destinations: ['jira'] })]);
    await d.deliverPending();
    expect(http.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /rest/api/3/search/jql',
      'POST /rest/api/3/issue/SEC-7/comment',
    ]);
    expect(decodeURIComponent(http.requests[0]!.path)).toContain(`labels = "lakewatch-alert-${c.alert.id}"`);
  });

  it('Jira v2: plain-text description', async () => {
    http.handle(() => ({ status: 201, body: JSON.stringify({ key: 'SEC-1' }) }));
    const dests = configure({
      'jira.yml': `name: jira\ntype: jira\nproperties:\n  url: ${http.url}\n  api_version: 2\n  project: SEC\n  email: soc@example.com\n  api_token: \${env:JIRA_TOKEN}\n`,
    });
    const d = delivery(dests);
    process(store, [match(0, { destinations: ['jira'] })]);
    await d.deliverPending();
    expect(http.requests[0]!.path).toBe('/rest/api/2/issue');
    expect(http.json(0).fields.description).toMatch(/^Alert activated: .*\n\nSeverity: high\n/);
  });

  it('Teams: Adaptive Card by default, MessageCard on request', async () => {
    env.TEAMS_URL = `${http.url}/webhookb2/${SECRETS.TEAMS_TOKEN}`;
    const dests = configure({
      'teams.yml': 'name: teams\ntype: teams\nproperties:\n  webhook_url: ${env:TEAMS_URL}\n',
      'teams_legacy.yml':
        'name: teams_legacy\ntype: teams\nproperties:\n  webhook_url: ${env:TEAMS_URL}\n  card: message_card\n',
    });
    const d = delivery(dests);
    process(store, [match(0, { destinations: ['teams', 'teams_legacy'] })]);
    await d.deliverPending();
    const bodies = http.requests.map((r) => JSON.parse(r.body) as Json);
    const adaptive = bodies.find((b) => b.type === 'message')!;
    const content = adaptive.attachments[0].content;
    expect(adaptive.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(content.body[0].text).toBe('Alert activated: Console login brute force for alice');
    expect(content.body[1].facts).toContainEqual({ title: 'Severity', value: 'high' });
    expect(content.actions[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Reference',
      url: 'https://example.com/brute-force',
    });
    const legacy = bodies.find((b) => b['@type'] === 'MessageCard')!;
    expect(legacy.sections[0].facts).toContainEqual({ name: 'source.ip', value: '203.0.113.7' });
    expect(legacy.themeColor).toBe('E8590C');
    expectNoSecrets();
  });

  it('SNS: a SigV4-signed Publish with TopicArn and Message', async () => {
    http.handle(() => ({
      status: 200,
      body: '<PublishResponse><PublishResult><MessageId>m-123</MessageId></PublishResult></PublishResponse>',
    }));
    const arn = 'arn:aws:sns:eu-west-1:123456789012:alerts';
    const dests = configure({
      'sns.yml': `name: sns\ntype: sns\nproperties:\n  topic_arn: ${arn}\n  endpoint: ${http.url}/\n`,
    });
    const d = delivery(dests);
    const { changes } = process(store, [match(0, { destinations: ['sns'] })]);
    await d.deliverPending();
    const req = http.requests[0]!;
    const form = new URLSearchParams(req.body);
    expect(form.get('Action')).toBe('Publish');
    expect(form.get('TopicArn')).toBe(arn);
    expect(JSON.parse(form.get('Message')!)).toMatchObject({
      type: 'alert.activated',
      alert: { id: changes[0]!.alert.id, severity: 'high' },
    });
    expect(form.get('Subject')).toBe('Alert activated: Console login brute force for alice');
    // Re-sign what arrived with the same credentials and time: the signatures must agree.
    const auth = String(req.headers.authorization);
    expect(auth).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLESECRET0009\/\d{8}\/eu-west-1\/sns\/aws4_request, SignedHeaders=/,
    );
    const resigned = aws4.sign(
      {
        host: new URL(http.url).host,
        path: '/',
        method: 'POST',
        service: 'sns',
        region: 'eu-west-1',
        body: req.body,
        headers: {
          'content-type': String(req.headers['content-type']),
          'X-Amz-Date': String(req.headers['x-amz-date']),
        },
      },
      { accessKeyId: SECRETS.AWS_ACCESS_KEY_ID, secretAccessKey: SECRETS.AWS_SECRET_ACCESS_KEY },
    );
    expect(auth).toBe(resigned.headers!.Authorization);
    expect(d.deliveries(changes[0]!.alert.id)[0]!.response).toBe('HTTP 200 MessageId m-123');
    expectNoSecrets();
  });

  it('email: subject and body over SMTP with auth, updates threaded', async () => {
    const smtp: RecordingSmtp = await startSmtpServer({ user: 'lakewatch', password: SECRETS.SMTP_PASSWORD });
    closers.push(() => smtp.close());
    const dests = configure({
      'mail.yml': `name: mail\ntype: email\nproperties:\n  host: 127.0.0.1\n  port: ${smtp.port}\n  starttls: false\n  user: lakewatch\n  password: \${env:SMTP_PASSWORD}\n  from: lakewatch@example.com\n  to: [soc@example.com, oncall@example.com]\n`,
    });
    const d = delivery(dests);
    const { changes } = process(store, [match(0, { destinations: ['mail'] })]);
    await d.deliverPending();
    process(store, [match(1, { destinations: ['mail'] })]);
    await d.deliverPending();
    expect(smtp.messages).toHaveLength(2);
    const [first, second] = smtp.messages as [(typeof smtp.messages)[0], (typeof smtp.messages)[0]];
    expect(first).toMatchObject({
      from: 'lakewatch@example.com',
      to: ['soc@example.com', 'oncall@example.com'],
      user: 'lakewatch',
    });
    expect(first.raw).toMatch(/^Subject: \[Lakewatch\] \[HIGH\] Console login brute force for alice\r?$/m);
    const text = decodeQp(first.raw);
    expect(text).toContain('Runbook: Lock the account and call the user');
    expect(text).toContain('user.name: alice');
    expect(text).toMatch(new RegExp(`^X-Lakewatch-Alert-Id: ${changes[0]!.alert.id}\\r?$`, 'mi'));
    expect(second.raw).toMatch(
      /^Subject: \[Lakewatch\] \[HIGH\] Console login brute force for alice \(\+1 new, 2\s+total\)\r?$/m,
    );
    expect(second.raw).toMatch(/^In-Reply-To: <.*:activated@lakewatch>/m);
    expectNoSecrets();
  });
});

describe('exactly once', () => {
  const HOOK = () => ({ 'hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: ${http.url}/in\n` });

  it('sends each change once per destination, across calls and restarts', async () => {
    const dests = configure(HOOK());
    const d = delivery(dests);
    process(store, [match(0, { destinations: ['hook'] })]);
    await d.deliverPending();
    expect(await d.deliverPending()).toMatchObject({ changes: 0, sent: 0 });
    expect(http.requests).toHaveLength(1);

    // Restart: a new store and delivery on the same database file.
    const db2 = openDb(path.join(lake.root, 'catalog.db'));
    closers.push(() => db2.close());
    const d2 = openDelivery({ db: db2, store: newStore(db2), destinations: dests, env, retry: FAST });
    expect(await d2.deliverPending()).toMatchObject({ changes: 0, sent: 0 });
    expect(http.requests).toHaveLength(1);
    // Replaying the same matches creates no change either.
    process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d2.deliverPending()).toMatchObject({ sent: 0 });
    expect(http.requests).toHaveLength(1);
  });

  it('re-reads changes after a lost cursor without resending (the ledger decides)', async () => {
    const d = delivery(configure(HOOK()));
    process(store, [match(0, { destinations: ['hook'] })]);
    await d.deliverPending();
    db.prepare(`DELETE FROM delivery_cursor`).run();
    expect(await d.deliverPending()).toMatchObject({ changes: 1, alreadySent: 1, sent: 0 });
    expect(http.requests).toHaveLength(1);
  });

  it('resends a pair a crash left in `sending` once', async () => {
    const d = delivery(configure(HOOK()));
    const { changes } = process(store, [match(0, { destinations: ['hook'] })]);
    const c = changes[0]!;
    // What a crash between the ledger write and the send leaves behind.
    db.prepare(
      `INSERT INTO delivery_ledger (change_id, destination, change_seq, alert_id, kind, destination_type, state, rounds, created_at, updated_at)
       VALUES (?, 'hook', ?, ?, 'activated', 'webhook', 'sending', 1, 0, 0)`,
    ).run(c.id, c.seq, c.alert.id);
    expect(await d.deliverPending()).toMatchObject({ sent: 1 });
    expect(await d.deliverPending()).toMatchObject({ sent: 0 });
    expect(http.requests).toHaveLength(1);
    expect(d.deliveries(c.alert.id)[0]).toMatchObject({ state: 'sent', rounds: 2, attempts: 1 });
    expect(logs.some((l) => l.includes('a previous run stopped during its send'))).toBe(true);
  });

  it('lets one process deliver at a time (lease)', async () => {
    const dests = configure({
      'hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: ${http.url}/in\n  timeout_ms: 200\n`,
    });
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    // d1's send hangs until its timeout, so d2 runs while d1 is mid-send.
    http.handle(() => {
      arrived();
      return 'hang';
    });
    const d1 = delivery(dests, { retry: { ...FAST, attempts: 1 } });
    // A second deliverer on another connection to the same file, like a second process.
    const db2 = openDb(path.join(lake.root, 'catalog.db'));
    closers.push(() => db2.close());
    const d2 = openDelivery({ db: db2, store: newStore(db2), destinations: dests, env, retry: FAST });
    process(store, [match(0, { destinations: ['hook'] })]);
    const first = d1.deliverPending();
    await inFlight;
    expect(await d2.deliverPending()).toMatchObject({ busy: true, sent: 0 });
    expect(http.requests).toHaveLength(1);
    expect(await first).toMatchObject({ busy: false, failed: 1 });
    http.handle(() => ({ status: 200 }));
    expect(await d2.deliverPending()).toMatchObject({ busy: false, sent: 1 });
    expect(http.requests).toHaveLength(2);
  });

  it('takes over a lease whose holder died (kill -9) instead of waiting for it to expire', async () => {
    const d = delivery(configure(HOOK()));
    const db = openDb(path.join(lake.root, 'catalog.db'));
    closers.push(() => db.close());
    const expires = Date.now() + 5 * 60_000;
    // a live holder on this host (this very process, another deliverer) is waited for
    db.prepare(`INSERT INTO delivery_lease (id, owner, expires_at) VALUES (1, ?, ?)`).run(
      `${hostname()}:${globalThis.process.pid}:other`,
      expires,
    );
    process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ busy: true, sent: 0 });
    // a holder on another host is waited for too: its process cannot be checked from here
    db.prepare(`UPDATE delivery_lease SET owner = ?`).run(`elsewhere.example:4242:x`);
    expect(await d.deliverPending()).toMatchObject({ busy: true, sent: 0 });
    // a holder whose process is gone: taken at once
    const dead = spawnSync(globalThis.process.execPath, ['-e', '0']).pid!;
    db.prepare(`UPDATE delivery_lease SET owner = ?`).run(`${hostname()}:${dead}:y`);
    expect(await d.deliverPending()).toMatchObject({ busy: false, sent: 1 });
  });

  it('retries 500s within a run and records the attempts', async () => {
    http.queue({ status: 500, body: 'boom' }, { status: 503 });
    const d = delivery(configure(HOOK()));
    const { changes } = process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ sent: 1, failed: 0 });
    expect(http.requests).toHaveLength(3);
    expect(d.deliveries(changes[0]!.alert.id)[0]).toMatchObject({ state: 'sent', attempts: 3, rounds: 1 });
  });

  it('keeps a failed pair visible, holds the cursor, and succeeds on a later run', async () => {
    http.handle(() => ({ status: 500, body: `echo ${SECRETS.HOOK_API_KEY}` }));
    const dests = configure({
      'hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: ${http.url}/in\n  headers:\n    X-Api-Key: \${env:HOOK_API_KEY}\n`,
    });
    const d = delivery(dests);
    const { changes } = process(store, [match(0, { destinations: ['hook'] })]);
    process(store, [match(1, { destinations: ['hook'] })]);
    const s1 = await d.deliverPending();
    expect(s1).toMatchObject({ changes: 2, sent: 0, failed: 1, deferred: 1, cursor: 0 });
    expect(http.requests).toHaveLength(3);
    const [failure] = d.failures();
    expect(failure).toMatchObject({
      destination: 'hook',
      state: 'failed',
      gaveUp: false,
      attempts: 3,
      rounds: 1,
    });
    expect(failure!.error).toBe('webhook POST ' + http.url + ': HTTP 500 echo [redacted]');
    expectNoSecrets();

    http.handle(() => ({ status: 204 }));
    const s2 = await d.deliverPending();
    expect(s2).toMatchObject({ sent: 2, failed: 0 });
    expect(d.failures()).toEqual([]);
    expect(s2.cursor).toBe(changes[0]!.seq + 1);
    expect(d.deliveries(changes[0]!.alert.id).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('gives up after the round cap and moves the cursor on', async () => {
    http.handle(() => ({ status: 400, body: 'bad' }));
    const d = delivery(configure(HOOK()), { retry: { ...FAST, rounds: 2 } });
    const { changes } = process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ failed: 1, gaveUp: 0, cursor: 0 });
    expect(await d.deliverPending()).toMatchObject({ failed: 1, gaveUp: 1, cursor: changes[0]!.seq });
    expect(await d.deliverPending()).toMatchObject({ changes: 0, failed: 0 });
    // 4xx other than 429 is not retried within a run.
    expect(http.requests).toHaveLength(2);
    expect(d.failures()[0]).toMatchObject({ gaveUp: true, rounds: 2, attempts: 2 });
    expect(logs.some((l) => l.includes('(giving up)'))).toBe(true);
  });

  it('honours 429 Retry-After', async () => {
    http.queue({ status: 429, headers: { 'retry-after': '1' }, body: 'slow down' });
    const d = delivery(configure(HOOK()));
    process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ sent: 1 });
    expect(http.requests).toHaveLength(2);
    expect(http.requests[1]!.at - http.requests[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('leaves a Retry-After longer than the run allows to the next run', async () => {
    http.queue({ status: 429, headers: { 'retry-after': '3600' } });
    const d = delivery(configure(HOOK()));
    process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ sent: 0, failed: 1 });
    expect(d.failures()[0]!.error).toMatch(/Retry-After 3600 s is longer than this run waits/);
    expect(await d.deliverPending()).toMatchObject({ sent: 1 });
  });

  it('times out a hanging server', async () => {
    http.handle(() => 'hang');
    const d = delivery(
      configure({
        'hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: ${http.url}/in\n  timeout_ms: 100\n`,
      }),
      { retry: { ...FAST, attempts: 2 } },
    );
    process(store, [match(0, { destinations: ['hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ failed: 1 });
    expect(http.requests).toHaveLength(2);
    expect(d.failures()[0]!.error).toBe(`webhook POST ${http.url}: timed out after 100 ms`);
  });

  it('records an unknown destination as a failure and keeps delivering the others', async () => {
    const d = delivery(configure(HOOK()));
    const { changes } = process(store, [match(0, { destinations: ['nope', 'hook'] })]);
    expect(await d.deliverPending()).toMatchObject({ sent: 1, failed: 1 });
    expect(http.requests).toHaveLength(1);
    expect(d.failures()[0]).toMatchObject({
      destination: 'nope',
      changeId: changes[0]!.id,
      error: 'unknown destination `nope` (no integrations/destinations file has this name)',
    });
    expect(d.failures()[0]!.destinationType).toBeUndefined();
  });

  it('routes by severity when the alert names no destination', async () => {
    const d = delivery(configure(HOOK()), { routes: { high: ['hook'], critical: ['nope'] } });
    process(store, [match(0)]);
    process(store, [match(1, { dedupe: 'bob', severity: 'info' })]);
    const s = await d.deliverPending();
    expect(s).toMatchObject({ changes: 2, sent: 1, failed: 0 });
    expect(s.cursor).toBe(store.changes().at(-1)!.seq);
    expect(http.requests).toHaveLength(1);
  });

  it('records a missing environment variable without printing anything secret', async () => {
    const dests = configure({
      'pd.yml': `name: pd\ntype: pagerduty\nproperties:\n  routing_key: \${env:PD_MISSING}\n  url: ${http.url}\n`,
    });
    const d = delivery(dests);
    process(store, [match(0, { destinations: ['pd'] })]);
    expect(await d.deliverPending()).toMatchObject({ failed: 1 });
    expect(d.failures()[0]!.error).toBe(
      'environment variable PD_MISSING is not set (needed by integrations/destinations/pd.yml properties.routing_key)',
    );
    expect(http.requests).toHaveLength(0);
  });
});
