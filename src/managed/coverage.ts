/**
 * Which ECS fields each managed table fills, measured on its samples' golden outputs (the golden
 * tests prove those equal what the real ingest path writes today).
 */
import { existsSync, readFileSync } from 'node:fs';
import { lookupEcsField } from '../schema/index.js';
import { leafPaths, sampleCases, type GoldenOutput } from './golden.js';
import { folderOf, loadManagedSource, metaOf } from './registry.js';

export interface TableCoverage {
  type: string;
  table: string;
  samples: number;
  rows: number;
  deadLetters: number;
  /** ECS leaf fields with a value in at least one sample row, sorted. */
  ecs: string[];
  /** Other leaf fields (the vendor namespace), sorted. */
  vendor: string[];
}

/** The ECS fields the core of the issue asks every table for, in the order reports show them. */
export const KEY_FIELDS = [
  'event.kind',
  'event.category',
  'event.type',
  'event.action',
  'event.outcome',
  'event.provider',
] as const;

export function tableCoverage(type: string): TableCoverage[] {
  const managed = loadManagedSource(type);
  if (!managed) return [];
  const folder = folderOf(managed.type);
  const goldens = sampleCases(type)
    .filter((c) => existsSync(c.expected))
    .map((c) => ({ sample: c, golden: JSON.parse(readFileSync(c.expected, 'utf8')) as GoldenOutput }));
  return managed.tables.map((table) => {
    // rows count under the table they landed in, whichever folder their sample sits in
    const resolved = table.name === 'default' ? folder : `${folder}_${table.name}`;
    const ecs = new Set<string>();
    const vendor = new Set<string>();
    let rows = 0;
    let deadLetters = 0;
    let samples = 0;
    for (const { sample, golden } of goldens) {
      const records = golden.tables[resolved] ?? [];
      const mine = golden.dead_letters.filter(
        (d) => d.table === resolved || (d.table === null && sample.table === table.name),
      );
      if (records.length === 0 && mine.length === 0 && sample.table !== table.name) continue;
      samples++;
      deadLetters += mine.length;
      for (const record of records) {
        rows++;
        for (const field of leafPaths(record)) {
          if (field === 'ts' || field === 'ecs.version') continue;
          (isEcsLeaf(field) ? ecs : vendor).add(field);
        }
      }
    }
    return {
      type: managed.type,
      table: table.name,
      samples,
      rows,
      deadLetters,
      ecs: [...ecs].sort(),
      vendor: [...vendor].sort(),
    };
  });
}

function isEcsLeaf(field: string): boolean {
  if (lookupEcsField(field)) return true;
  // Inside an ECS object/flattened field (e.g. `labels.env`, `container.labels.x`).
  const parts = field.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const parent = lookupEcsField(parts.slice(0, i).join('.'));
    if (parent) return parent.type === 'object' || parent.type === 'flattened';
  }
  return false;
}

/** `source`, `user`… the top-level ECS field sets a table's ECS fields fall in, with counts. */
export function fieldSets(fields: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of fields) {
    const set = f.split('.')[0]!;
    counts.set(set, (counts.get(set) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

export function describeTable(type: string, table: string): string {
  const managed = loadManagedSource(type);
  const t = managed?.tables.find((x) => x.name === table);
  if (!t) return '';
  const own = metaOf(t.file).description;
  if (typeof own === 'string') return own.trim();
  const source = metaOf(managed!.file).description;
  return typeof source === 'string' && managed!.tables.length === 1 ? source.trim() : '';
}
