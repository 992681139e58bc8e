/**
 * A user's log_source.yml with `managed.type`: the managed definition (src/managed/<type>/) is
 * the base and the user's keys extend it, following Matano's merge rules with Lakewatch's
 * choices (every table on unless narrowed; the user's transform after the managed mapping).
 * These tests use the MSFT type (tables aad_signinlogs and aad_auditlogs).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigErrors, loadLakeDirectory, type ConfigProblem } from './index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function lake(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-managed-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries({ 'lakewatch.config.yml': 'name: t\n', ...files })) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function problems(dir: string): ConfigProblem[] {
  try {
    loadLakeDirectory(dir);
  } catch (err) {
    if (err instanceof ConfigErrors) return err.problems;
    throw err;
  }
  throw new Error('expected ConfigErrors');
}

const SOURCE = 'log_sources/entra/log_source.yml';

describe('managed log sources in a lake directory', () => {
  it('gives the source every managed table, each with the managed mapping and schema', () => {
    const dir = lake({ [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n' });
    const { logSources } = loadLakeDirectory(dir);
    const source = logSources[0]!;
    expect(source.managed).toEqual({ type: 'MSFT' });
    expect(source.tables.map((t) => t.name).sort()).toEqual(['entra_aad_auditlogs', 'entra_aad_signinlogs']);
    for (const table of source.tables) {
      expect(table.managedTransform, table.name).toBeTruthy();
      expect(table.transform).toBeUndefined();
      const names = table.schema.map((f) => f.name);
      expect(names).toEqual(expect.arrayContaining(['ts', 'event', 'related']));
    }
  });

  it('accepts the type in any case', () => {
    const dir = lake({ [SOURCE]: 'name: entra\nmanaged:\n  type: msft\n' });
    expect(loadLakeDirectory(dir).logSources[0]!.managed?.type).toBe('MSFT');
  });

  it("appends the user's transform and merges the user's schema", () => {
    const dir = lake({
      [SOURCE]:
        'name: entra\nmanaged:\n  type: MSFT\n' +
        'transform: |\n  .team = "blue-team-7"\n' +
        'schema:\n  ecs_field_names: [observer.name]\n  fields:\n    - { name: team, type: string }\n',
    });
    const table = loadLakeDirectory(dir).tables.find((t) => t.name === 'entra_aad_signinlogs')!;
    expect(table.transform).toBe('.team = "blue-team-7"\n');
    expect(table.managedTransform).not.toContain('blue-team-7');
    const names = table.schema.map((f) => f.name);
    expect(names).toContain('team');
    expect(names).toContain('observer');
  });

  it('narrows the tables with managed.properties.tables, and a table file can turn one off', () => {
    const narrowed = lake({
      [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n  properties:\n    tables: [aad_signinlogs]\n',
    });
    expect(
      loadLakeDirectory(narrowed)
        .tables.filter((t) => t.enabled)
        .map((t) => t.name),
    ).toEqual(['entra_aad_signinlogs']);

    const off = lake({
      [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n',
      'log_sources/entra/tables/aad_auditlogs.yml': 'name: aad_auditlogs\nenabled: false\n',
    });
    const tables = loadLakeDirectory(off).tables;
    expect(tables.find((t) => t.name === 'entra_aad_auditlogs')?.enabled).toBe(false);
    expect(tables.find((t) => t.name === 'entra_aad_auditlogs')?.managedTransform).toBeTruthy();
    expect(tables.find((t) => t.name === 'entra_aad_signinlogs')?.enabled).toBe(true);
  });

  it('keeps a user table file that is not a managed table as an extra table', () => {
    const dir = lake({
      [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n',
      'log_sources/entra/tables/custom.yml': 'name: custom\ntransform: |\n  .x = 1\n',
    });
    const custom = loadLakeDirectory(dir).tables.find((t) => t.name === 'entra_custom')!;
    expect(custom.transform).toBe('.x = 1\n');
  });

  it('names the unknown type, the key path and the closest known type', () => {
    const found = problems(lake({ [SOURCE]: 'name: entra\nmanaged:\n  type: MSFTT\n' }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: SOURCE, path: 'managed.type' });
    expect(found[0]!.message).toContain('MSFTT');
    expect(found[0]!.suggestion).toContain('MSFT');
  });

  it('names a table in managed.properties.tables that the type lacks', () => {
    const found = problems(
      lake({ [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n  properties:\n    tables: [aad_signins]\n' }),
    );
    expect(found[0]).toMatchObject({ file: SOURCE, path: 'managed.properties.tables[0]' });
    expect(found[0]!.suggestion).toContain('aad_signinlogs');
  });

  it('keeps the raw record in event.original only when asked', () => {
    const plain = loadLakeDirectory(lake({ [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n' })).tables[0]!;
    expect(plain.managedTransform).not.toContain('event.original');
    const kept = loadLakeDirectory(
      lake({
        [SOURCE]: 'name: entra\nmanaged:\n  type: MSFT\n  properties:\n    preserve_original_event: true\n',
      }),
    ).tables[0]!;
    expect(kept.managedTransform).toContain('.event.original');
    const event = kept.schema.find((f) => f.name === 'event')!;
    expect(JSON.stringify(event)).toContain('"original"');
  });
});
