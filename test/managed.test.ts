/**
 * Managed log sources through the CLI, as a user meets them: `lakewatch sources` lists the
 * types, `lakewatch init --source okta` scaffolds one, and a vendor file ingests into ECS tables
 * with the user's own transform appended.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLakeDirectory } from '../src/config/index.js';
import { openLake } from '../src/lake/index.js';
import { managedTypes } from '../src/managed/registry.js';
import { queryRows, repoRoot, runCli, tempDir } from './helpers.js';

/** The types the issue lists; Lakewatch ships at least these. */
const MATANO_TYPES = [
  'AWS_CLOUDTRAIL',
  'AWS_CONFIG_HISTORY',
  'AWS_ELB',
  'AWS_GUARDDUTY',
  'AWS_INSPECTOR',
  'AWS_ROUTE53_RESOLVER_LOGS',
  'AWS_S3ACCESS',
  'AWS_S3INVENTORY',
  'AWS_VPCFLOW',
  'AWS_WAF',
  'CLOUDFLARE',
  'CROWDSTRIKE',
  'CROWDSTRIKE_FALCON',
  'DUO',
  'GCP_AUDIT',
  'GITHUB_AUDIT',
  'GOOGLE_WORKSPACE',
  'MSFT',
  'O365',
  'OKTA',
  'ONEPASSWORD',
  'PANW',
  'SNYK',
  'SURICATA',
  'TELEPORT',
  'ZEEK',
];

const OKTA_SAMPLES = path.join(repoRoot, 'src', 'managed', 'okta', 'samples', 'system');

describe('managed log sources from the CLI', () => {
  it('ships every type the issue lists', () => {
    expect(managedTypes()).toEqual(expect.arrayContaining(MATANO_TYPES));
  });

  it('`lakewatch sources` lists the types with their tables; one type is described', async () => {
    const list = await runCli(['sources']);
    expect(list.code, list.stderr).toBe(0);
    for (const type of MATANO_TYPES) expect(list.stdout).toMatch(new RegExp(`^${type}\\s`, 'm'));
    expect(list.stdout).toMatch(/managed log sources, \d+ tables/);

    const one = await runCli(['sources', 'okta']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('OKTA');
    expect(one.stdout).toMatch(/^ {2}system$/m);
    expect(one.stdout).toContain('lakewatch init --source okta');

    const unknown = await runCli(['sources', 'NOPE']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no managed log source type NOPE');
  });

  it('`lakewatch sources --coverage` shows, per table, the ECS fields the samples fill', async () => {
    const out = await runCli(['sources', '--coverage']);
    expect(out.code, out.stderr).toBe(0);
    const okta = out.stdout.split('\n').find((l) => /^OKTA\s+system\s/.test(l));
    expect(okta, out.stdout).toBeDefined();
    // every key event field filled on Okta's samples
    expect(okta).toContain('✓ ✓ ✓ ✓ ✓ ✓');
    const json = await runCli(['sources', 'OKTA', '--coverage', '--json']);
    const [system] = JSON.parse(json.stdout) as { table: string; ecs: string[]; rows: number }[];
    expect(system!.table).toBe('system');
    expect(system!.rows).toBeGreaterThan(0);
    expect(system!.ecs).toEqual(
      expect.arrayContaining(['event.action', 'source.ip', 'user.name', 'related.ip']),
    );
  });

  it('`init --source okta` scaffolds a source that ingests Okta events into ECS, with the user transform after the mapping', async () => {
    const dir = tempDir('lakewatch-managed-');
    const init = await runCli(['init', '--source', 'okta', dir]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('okta_system');
    const file = path.join(dir, 'log_sources', 'okta', 'log_source.yml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^managed:\n {2}type: OKTA$/m);
    expect(text).toContain('LAKEWATCH_OKTA_API_TOKEN');
    expect((await runCli(['validate', '--dir', dir])).code).toBe(0);

    const again = await runCli(['init', '--source', 'okta', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    // the user's transform sees the mapped event
    writeFileSync(
      file,
      text +
        'transform: |\n  if .event.outcome == "failure" {\n    .tags = push(array(.tags) ?? [], "okta-failure")\n  }\n',
    );
    // the System Log sample has successes and failures
    const ingest = await runCli(['ingest', 'okta', path.join(OKTA_SAMPLES, 'system_log.json'), '--dir', dir]);
    expect(ingest.code, ingest.stderr).toBe(0);

    const lakeDir = loadLakeDirectory(dir);
    const lake = await openLake({ root: dir, namespace: lakeDir.project.namespace });
    try {
      const rows = await queryRows(
        lake,
        'SELECT event.action AS action, event.outcome AS outcome, event.dataset AS dataset, tags FROM okta_system',
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.action).toEqual(expect.any(String));
        expect(row.dataset).toBe('okta.system');
        const tagged = ((row.tags as string[] | null) ?? []).includes('okta-failure');
        expect(tagged).toBe(row.outcome === 'failure');
      }
      expect(rows.some((r) => r.outcome === 'failure')).toBe(true);
    } finally {
      await lake.close();
    }
  });

  it('ingests a one-table source whose table is not `default` without naming the table', async () => {
    const dir = tempDir('lakewatch-managed-');
    expect((await runCli(['init', '--source', 'suricata', dir])).code).toBe(0);
    const samples = path.join(repoRoot, 'src', 'managed', 'suricata', 'samples', 'eve');
    const file = readdirSync(samples).find(
      (f) => f.endsWith('.json') && !f.endsWith('.expected.json') && !/bad/.test(f),
    )!;
    const out = await runCli(['ingest', 'suricata', path.join(samples, file), '--dir', dir, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout) as { committed: number; tables: Record<string, number> };
    expect(summary.committed).toBeGreaterThan(0);
    expect(Object.keys(summary.tables)).toEqual(['suricata_eve']);
  });

  it("works in a Matano directory: the managed mapping is current VRL, the user's transform Matano's 0.24 dialect", async () => {
    const dir = tempDir('lakewatch-managed-matano-');
    writeFileSync(path.join(dir, 'matano.config.yml'), 'aws:\n  region: us-east-1\n');
    const source = path.join(dir, 'log_sources', 'aws_cloudtrail');
    mkdirSync(source, { recursive: true });
    // `to_timestamp` was removed from VRL after 0.24; Matano-era transforms use it
    writeFileSync(
      path.join(source, 'log_source.yml'),
      'name: aws_cloudtrail\nmanaged:\n  type: AWS_CLOUDTRAIL\n' +
        'transform: |\n  .event.created = to_timestamp!(.json.eventTime)\n' +
        'schema:\n  ecs_field_names: [event.created]\n',
    );
    expect((await runCli(['validate', '--dir', dir])).code).toBe(0);
    const sample = path.join(
      repoRoot,
      'src/managed/aws_cloudtrail/samples/default/AWSLogs_management_events.json',
    );
    const out = await runCli(['ingest', 'aws_cloudtrail', sample, '--dir', dir, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout) as { committed: number; deadLettered: number };
    expect(summary.committed).toBeGreaterThan(0);
    expect(summary.deadLettered).toBe(0);
    const lake = await openLake({ root: dir, namespace: loadLakeDirectory(dir).project.namespace });
    try {
      const rows = await queryRows(
        lake,
        'SELECT ts, event.created AS created, event.provider AS provider FROM aws_cloudtrail',
      );
      expect(rows.length).toBe(summary.committed);
      for (const row of rows) {
        expect(row.created).toEqual(row.ts);
        expect(String(row.provider)).toMatch(/amazonaws\.com$/);
      }
    } finally {
      await lake.close();
    }
  });

  it('`init --source` refuses an unknown type', async () => {
    const out = await runCli(['init', '--source', 'nope', tempDir()]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('no such managed log source');
  });
});
