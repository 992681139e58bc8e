import type { Command } from 'commander';
import { describeTable, fieldSets, KEY_FIELDS, tableCoverage } from '../../managed/coverage.js';
import { loadManagedSource, managedTypes, metaOf } from '../../managed/registry.js';
import { CliError } from '../context.js';
import { alignedTable } from './tables.js';

interface SourcesOptions {
  coverage?: boolean;
  fields?: boolean;
  json?: boolean;
}

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description(
      'list the managed log sources (`managed.type` in log_source.yml) with their tables; ' +
        '--coverage shows which ECS fields each table fills on its samples',
    )
    .argument('[type]', 'one managed type, e.g. OKTA')
    .option('--coverage', 'per table: samples, rows, the ECS fields the mapping fills')
    .option('--fields', 'with --coverage: list every field, not only counts per field set')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  lakewatch sources\n  lakewatch sources ZEEK\n  lakewatch sources --coverage\n' +
        '  lakewatch init --source okta   # add log_sources/okta/ to the lake directory\n',
    )
    .action((type: string | undefined, opts: SourcesOptions) => {
      const types = type === undefined ? managedTypes() : [checkType(type)];
      process.stdout.write(
        opts.coverage ? coverage(types, opts) : listing(types, !!opts.json, type !== undefined),
      );
    });
}

function checkType(type: string): string {
  const managed = loadManagedSource(type);
  if (!managed)
    throw new CliError(
      `no managed log source type ${type}; \`lakewatch sources\` lists them (${managedTypes().join(', ')})`,
      2,
    );
  return managed.type;
}

function listing(types: string[], json: boolean, detailed: boolean): string {
  const rows = types.map((type) => {
    const managed = loadManagedSource(type)!;
    const meta = metaOf(managed.file);
    return {
      type,
      name: managed.file.name as string,
      display_name: typeof meta.display_name === 'string' ? meta.display_name : type,
      description: typeof meta.description === 'string' ? meta.description.trim() : '',
      docs: typeof meta.vendor_docs === 'string' ? meta.vendor_docs : undefined,
      tables: managed.tables.map((t) => ({ name: t.name, description: describeTable(type, t.name) })),
    };
  });
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  if (detailed) {
    const r = rows[0]!;
    const out = [`${r.type} — ${r.display_name}`, '', wrap(r.description, 96, ''), ''];
    if (r.docs) out.push(`vendor docs: ${r.docs}`, '');
    out.push(
      `tables (resolved as ${r.name}${r.tables.some((t) => t.name !== 'default') ? '_<table>' : ''}):`,
    );
    for (const t of r.tables)
      out.push(`  ${t.name}`, ...(t.description ? [wrap(t.description, 92, '      ')] : []));
    out.push('', `use it: lakewatch init --source ${r.type.toLowerCase()}`);
    return out.join('\n') + '\n';
  }
  const body = rows.map((r) => [
    r.type,
    String(r.tables.length),
    tableList(r.tables.map((t) => t.name)),
    r.display_name,
  ]);
  return (
    alignedTable(['type', 'tables', 'table names', 'covers'], body, [false, true, false, false]) +
    `\n${rows.length} managed log sources, ${rows.reduce((n, r) => n + r.tables.length, 0)} tables. ` +
    '`lakewatch sources <TYPE>` describes one; `lakewatch init --source <type>` adds it to a lake.\n'
  );
}

function tableList(names: string[]): string {
  const text = names.join(', ');
  return text.length <= 60 ? text : `${text.slice(0, 57).replace(/, [^,]*$/, '')}, …`;
}

function coverage(types: string[], opts: SourcesOptions): string {
  const tables = types.flatMap((t) => tableCoverage(t));
  if (opts.json) return JSON.stringify(tables, null, 2) + '\n';
  if (opts.fields) {
    const out: string[] = [];
    for (const t of tables) {
      out.push(`${t.type} ${t.table}: ${t.samples} samples, ${t.rows} rows, ${t.deadLetters} dead letters`);
      out.push(wrap(`ECS (${t.ecs.length}): ${t.ecs.join(', ')}`, 100, '  '));
      out.push(wrap(`vendor (${t.vendor.length}): ${t.vendor.join(', ')}`, 100, '  '), '');
    }
    return out.join('\n');
  }
  const header = [
    'type',
    'table',
    'samples',
    'rows',
    'ECS fields',
    'event.* kind/cat/type/action/outcome/provider',
    'field sets',
  ];
  const body = tables.map((t) => [
    t.type,
    t.table,
    String(t.samples),
    String(t.rows),
    String(t.ecs.length),
    KEY_FIELDS.map((f) => (t.ecs.includes(f) ? '✓' : '·')).join(' '),
    fieldSets(t.ecs.filter((f) => !f.startsWith('event.')))
      .map(([set, n]) => `${set}(${n})`)
      .join(' '),
  ]);
  const missingSamples = tables.filter((t) => t.samples === 0).length;
  return (
    alignedTable(header, body, [false, false, true, true, true, false, false]) +
    `\n${tables.length} tables; ${missingSamples} without samples. ` +
    'Measured on the golden outputs of the samples (src/managed/<type>/samples/); --fields lists every field.\n'
  );
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length + w.length + 1 > width && line.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += (line.trim() ? ' ' : '') + w;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join('\n');
}
