import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { checkDestinationNames, destinationJsonSchema, loadDestinations } from './index.js';
import { tempLake, type TempLake } from './test-helpers/lake.js';

let lake: TempLake;
afterEach(() => lake?.cleanup());

describe('loadDestinations', () => {
  it('accepts a Matano Slack file unchanged', () => {
    lake = tempLake();
    lake.write(
      'slack_my_team.yml',
      'name: slack_my_team # A name for your destination.\n\ntype: SLACK\nproperties:\n  channel: C04AG3QSXSS\n  client_id: "1234.5678"\n',
    );
    const { destinations, problems } = loadDestinations(lake.lakeDir);
    expect(problems).toEqual([]);
    expect(destinations).toEqual([
      expect.objectContaining({
        name: 'slack_my_team',
        type: 'slack',
        channel: 'C04AG3QSXSS',
        token: '${secret:slack_my_team.bot_user_oauth_token}',
        apiUrl: 'https://slack.com/api',
        file: 'integrations/destinations/slack_my_team.yml',
      }),
    ]);
  });

  it('loads every type with defaults, taking the name from the file when absent', () => {
    lake = tempLake();
    lake.write(
      'hook.yml',
      'type: webhook\nproperties:\n  url: https://example.com/hook\n  secret: ${env:HOOK_SECRET}\n',
    );
    lake.write('pd.yaml', 'name: pd\ntype: pagerduty\nproperties:\n  routing_key: ${secret:pd_key}\n');
    lake.write(
      'jira.yml',
      'name: jira\ntype: jira\nproperties:\n  url: https://x.atlassian.net/\n  project: SEC\n  email: sec@example.com\n  api_token: ${env:JIRA_TOKEN}\n',
    );
    lake.write('teams.yml', 'name: teams\ntype: teams\nproperties:\n  webhook_url: ${env:TEAMS_URL}\n');
    lake.write(
      'mail.yml',
      'name: mail\ntype: email\nproperties:\n  host: smtp.example.com\n  from: lw@example.com\n  to: [soc@example.com]\n  user: lw\n  password: ${env:SMTP_PASSWORD}\n',
    );
    lake.write(
      'sns.yml',
      'name: sns\ntype: sns\nproperties:\n  topic_arn: arn:aws:sns:eu-west-1:123456789012:alerts\n',
    );
    const { destinations, problems } = loadDestinations(lake.lakeDir);
    expect(problems).toEqual([]);
    const by = Object.fromEntries(destinations.map((d) => [d.name, d]));
    expect(Object.keys(by).sort()).toEqual(['hook', 'jira', 'mail', 'pd', 'sns', 'teams']);
    expect(by.hook).toMatchObject({
      type: 'webhook',
      method: 'POST',
      signatureHeader: 'X-Lakewatch-Signature',
    });
    expect(by.pd).toMatchObject({ url: 'https://events.pagerduty.com/v2/enqueue' });
    expect(by.jira).toMatchObject({ url: 'https://x.atlassian.net', apiVersion: 3, issueType: 'Task' });
    expect(by.teams).toMatchObject({ card: 'adaptive' });
    expect(by.mail).toMatchObject({ port: 587, secure: false, starttls: true, subjectPrefix: '[Lakewatch]' });
    expect(by.sns).toMatchObject({ region: 'eu-west-1' });
  });

  it('reports unknown keys, bad values and types with suggestions and positions', () => {
    lake = tempLake();
    lake.write('a.yml', 'name: a\ntype: pagerduty\nproperties:\n  routing_ky: ${env:PD}\n');
    lake.write('b.yml', 'name: b\ntype: slak\nproperties: {}\n');
    lake.write('c.yml', 'name: c\ntype: webhook\nproperties:\n  url: http://x\n  method: GTE\n');
    const { destinations, problems } = loadDestinations(lake.lakeDir);
    expect(destinations).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'integrations/destinations/a.yml',
        path: 'properties.routing_ky',
        message: 'unknown key `routing_ky`',
        suggestion: 'did you mean `routing_key`?',
        line: 4,
        column: 3,
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'integrations/destinations/a.yml',
        message: 'missing required key `routing_key`',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'integrations/destinations/b.yml',
        path: 'type',
        suggestion: 'did you mean `slack`?',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'integrations/destinations/c.yml',
        path: 'properties.method',
        line: 5,
      }),
    );
  });

  it('refuses literal secrets and bad references', () => {
    lake = tempLake();
    lake.write(
      's.yml',
      'name: s\ntype: slack\nproperties:\n  webhook_url: https://hooks.slack.com/services/T0/B0/abc\n',
    );
    lake.write(
      'w.yml',
      'name: w\ntype: webhook\nproperties:\n  url: https://x\n  headers:\n    Authorization: Bearer abc123\n    X-Team: soc\n  secret: ${ENV:HOOK}\n',
    );
    lake.write(
      'm.yml',
      'name: m\ntype: email\nproperties:\n  host: h\n  from: a@b\n  to: [c@d]\n  password: hunter2\n',
    );
    const { destinations, problems } = loadDestinations(lake.lakeDir);
    expect(destinations).toEqual([]);
    const msgs = problems.map((p) => `${p.file.split('/').pop()} ${p.path} ${p.line}: ${p.message}`);
    expect(msgs).toContain(
      's.yml properties.webhook_url 4: `webhook_url` holds a literal secret; put it in ${env:...} or ${secret:...}',
    );
    expect(msgs).toContain(
      'w.yml properties.headers.Authorization 6: `Authorization` holds a literal secret; put it in ${env:...} or ${secret:...}',
    );
    expect(msgs.some((m) => m.startsWith('w.yml properties.secret 8: unknown reference `${ENV:HOOK}`'))).toBe(
      true,
    );
    expect(msgs).toContain(
      'm.yml properties.password 7: `password` holds a literal secret; put it in ${env:...} or ${secret:...}',
    );
    // The problems never quote the literal secret back.
    expect(JSON.stringify(problems)).not.toMatch(/abc123|hunter2|T0\/B0\/abc/);
  });

  it('reports Slack files with neither or both modes, and duplicate names', () => {
    lake = tempLake();
    lake.write('a.yml', 'name: a\ntype: slack\nproperties:\n  username: x\n');
    lake.write('b.yml', 'name: b\ntype: slack\nproperties:\n  webhook_url: ${env:U}\n  channel: C1\n');
    lake.write('c1.yml', 'name: dup\ntype: teams\nproperties:\n  webhook_url: ${env:U}\n');
    lake.write('c2.yml', 'name: dup\ntype: teams\nproperties:\n  webhook_url: ${env:U}\n');
    const { destinations, problems } = loadDestinations(lake.lakeDir);
    expect(destinations.map((d) => d.name)).toEqual(['dup']);
    expect(problems.map((p) => p.message)).toEqual([
      'missing `webhook_url` or `channel`',
      'use either `webhook_url` or `token` + `channel`, not both',
      'duplicate destination name `dup` (also in integrations/destinations/c1.yml)',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    lake = tempLake();
    lake.write('bad.yml', 'name: x\ntype: [slack\n');
    const { problems } = loadDestinations(lake.lakeDir);
    expect(problems[0]).toMatchObject({ file: 'integrations/destinations/bad.yml' });
    expect(problems[0]!.message).toMatch(/^invalid YAML/);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it('reports detection destinations that name no file', () => {
    lake = tempLake();
    lake.write('slack_soc.yml', 'name: slack_soc\ntype: slack\nproperties:\n  channel: C1\n');
    mkdirSync(path.join(lake.lakeDir, 'detections/bf'), { recursive: true });
    writeFileSync(
      path.join(lake.lakeDir, 'detections/bf/detection.yml'),
      'name: bf\ntables: [t]\nalert:\n  destinations:\n    - slack_soc\n    - slack_sco\n',
    );
    const { destinations } = loadDestinations(lake.lakeDir);
    const problems = checkDestinationNames(
      lake.lakeDir,
      [{ file: 'detections/bf/detection.yml', alert: { destinations: ['slack_soc', 'slack_sco'] } as never }],
      destinations,
    );
    expect(problems).toEqual([
      {
        file: 'detections/bf/detection.yml',
        path: 'alert.destinations[1]',
        message: 'unknown destination `slack_sco` (no integrations/destinations/*.yml has this name)',
        expected: 'one of `slack_soc`',
        suggestion: 'did you mean `slack_soc`?',
        line: 6,
        column: 7,
      },
    ]);
  });

  it('returns nothing for a lake without destinations', () => {
    lake = tempLake();
    expect(loadDestinations(path.join(lake.root, 'nowhere'))).toEqual({ destinations: [], problems: [] });
  });
});

describe('schemas/destination.schema.json', () => {
  it('is the JSON Schema generated from the zod schema', () => {
    const file = path.resolve(import.meta.dirname, '../../../schemas/destination.schema.json');
    expect(readFileSync(file, 'utf8')).toBe(destinationJsonSchema());
  });

  it('describes every key', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      for (const [key, prop] of Object.entries(
        (obj.properties ?? {}) as Record<string, { description?: string }>,
      ))
        if (!prop.description) undocumented.push(`${at}.${key}`);
      for (const [key, value] of Object.entries(obj)) {
        if (key === 'enum') continue;
        // `properties` maps names to schemas: walk the schemas, not the map.
        if (key === 'properties' && value && typeof value === 'object')
          for (const [name, sub] of Object.entries(value)) walk(sub, `${at}.${name}`);
        else walk(value, `${at}/${key}`);
      }
    };
    walk(JSON.parse(destinationJsonSchema()), '');
    expect(undocumented).toEqual([]);
  });
});
