import type { Command } from 'commander';
import type { IcebergType, NestedField } from '../../lake/iceberg/types.js';
import type { Lake } from '../../lake/index.js';
import { formatBytes, formatCount } from '../../util/index.js';
import { loadLake, withLake, type GlobalOptions } from '../context.js';

export function registerTables(program: Command, globals: () => GlobalOptions): void {
  program
    .command('tables')
    .description("list the lake's tables, or show one: schema, partition spec, snapshots, rows, files, size")
    .argument('[name]', 'table to show')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  lakewatch tables\n  lakewatch tables auth\n')
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const lakeDir = loadLake(globals());
      await withLake(lakeDir, async (lake) => {
        if (name) process.stdout.write(await showTable(lake, name, !!opts.json));
        else process.stdout.write(await listTables(lake, !!opts.json));
      });
    });
}

export async function listTables(lake: Lake, json: boolean): Promise<string> {
  const names = await lake.listTables();
  const rows = [];
  for (const name of names) {
    const d = await lake.describeTable(name);
    const current = d.snapshots.find((s) => s.snapshotId === d.currentSnapshotId);
    rows.push({
      name,
      rows: d.rows,
      files: d.files,
      bytes: d.bytes,
      snapshots: d.snapshots.length,
      updated: current ? new Date(current.timestampMs).toISOString() : null,
    });
  }
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  if (rows.length === 0)
    return 'no tables yet: ingest something with `lakewatch ingest <log_source> <files>`\n';
  const header = ['table', 'rows', 'files', 'size', 'snapshots', 'last commit'];
  const body = rows.map((r) => [
    r.name,
    formatCount(r.rows),
    formatCount(r.files),
    formatBytes(r.bytes),
    String(r.snapshots),
    r.updated ?? '-',
  ]);
  return alignedTable(header, body, [false, true, true, true, true, false]);
}

export async function showTable(lake: Lake, name: string, json: boolean): Promise<string> {
  const d = await lake.describeTable(name);
  if (json) return JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
  const out: string[] = [];
  out.push(`table ${name}`);
  out.push(`  location        ${d.location}`);
  out.push(`  rows            ${formatCount(d.rows)}`);
  out.push(`  data files      ${formatCount(d.files)} (${formatBytes(d.bytes)})`);
  const spec = d.spec.fields.map(
    (f) => `${f.transform}(${fieldName(d.schema.fields, f['source-id'])}) as ${f.name}`,
  );
  out.push(`  partitioned by  ${spec.length ? spec.join(', ') : 'nothing'}`);
  out.push(`  schema (id ${d.schema['schema-id']}):`);
  for (const field of d.schema.fields) printField(out, field, '    ');
  out.push(`  snapshots (${d.snapshots.length}):`);
  for (const s of d.snapshots.slice(-10)) {
    const added = s.summary['added-records'] ?? '0';
    const marker = s.snapshotId === d.currentSnapshotId ? '  ← current' : '';
    out.push(
      `    ${s.snapshotId.padEnd(20)} ${new Date(s.timestampMs).toISOString()}  ${s.operation.padEnd(9)} +${added} rows${marker}`,
    );
  }
  if (d.snapshots.length > 10) out.push(`    … ${d.snapshots.length - 10} older`);
  return out.join('\n') + '\n';
}

function fieldName(fields: NestedField[], id: number): string {
  for (const f of fields) {
    if (f.id === id) return f.name;
    if (typeof f.type === 'object' && f.type.type === 'struct') {
      const inner = fieldName(f.type.fields, id);
      if (inner !== `#${id}`) return `${f.name}.${inner}`;
    }
  }
  return `#${id}`;
}

function typeText(type: IcebergType): string {
  if (typeof type === 'string') return type;
  if (type.type === 'struct') return 'struct';
  if (type.type === 'list') return `list<${typeText(type.element)}>`;
  return `map<${typeText(type.key)}, ${typeText(type.value)}>`;
}

function printField(out: string[], field: NestedField, indent: string): void {
  const req = field.required ? ' required' : '';
  out.push(`${indent}${String(field.id).padStart(4)}  ${field.name}: ${typeText(field.type)}${req}`);
  let inner: IcebergType = field.type;
  while (typeof inner === 'object' && inner.type === 'list') inner = inner.element;
  if (typeof inner === 'object' && inner.type === 'struct') {
    for (const f of inner.fields) printField(out, f, indent + '  ');
  }
}

export function alignedTable(header: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
