/**
 * The managed log sources shipped with Lakewatch: one folder per type under `src/managed/<type>/`
 * (copied to `dist/managed/` by the build), each a Matano-style log source definition:
 *
 *   log_source.yml        name, meta, ingest, schema (no `transform` key)
 *   transform.vrl         source-level mapping (optional), runs first for every table
 *   tables/<table>.yml    one per table (none: the single table `default`)
 *   tables/<table>.vrl    the table's mapping, after transform.vrl
 *   samples/<table>/…     sample inputs and their golden outputs (`<case>.expected.json`)
 *
 * This module only reads the folders; `config/` validates and merges them with the user's
 * `log_source.yml` (see `mergeManaged` in config/managed.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** Where the managed folders are: beside this module (src/managed in a checkout, dist/managed when built). */
export const MANAGED_ROOT = path.dirname(fileURLToPath(import.meta.url));

export interface ManagedTable {
  /** Short table name (`default` for a single-table source). */
  name: string;
  /** The table file's content (`tables/<name>.yml`), or `{ name: 'default' }`. */
  file: Record<string, unknown>;
  /** `tables/<name>.vrl`, when present. */
  transform?: string;
  /** Path of the table file relative to the managed root, for messages. */
  where: string;
}

export interface ManagedSource {
  /** `AWS_CLOUDTRAIL`. */
  type: string;
  /** Absolute folder. */
  dir: string;
  /** `log_source.yml`'s content. */
  file: Record<string, unknown>;
  /** `transform.vrl`, when present. */
  transform?: string;
  tables: ManagedTable[];
}

export class ManagedSourceError extends Error {
  override readonly name = 'ManagedSourceError';
}

/** The folder name of a type: `AWS_CLOUDTRAIL` → `aws_cloudtrail`. */
export function folderOf(type: string): string {
  return type.trim().toLowerCase();
}

/** Every managed type (upper case), sorted. */
export function managedTypes(root = MANAGED_ROOT): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'log_source.yml')))
    .map((d) => d.name.toUpperCase())
    .sort();
}

const cache = new Map<string, ManagedSource>();

/** The managed source of `type` (case-insensitive), or undefined when Lakewatch has none. */
export function loadManagedSource(type: string, root = MANAGED_ROOT): ManagedSource | undefined {
  const folder = folderOf(type);
  if (!/^[a-z0-9_]+$/.test(folder)) return undefined;
  const dir = path.join(root, folder);
  const key = dir;
  const hit = cache.get(key);
  if (hit) return hit;
  const sourceFile = path.join(dir, 'log_source.yml');
  if (!existsSync(sourceFile)) return undefined;
  const file = readYamlObject(sourceFile, `${folder}/log_source.yml`);
  const transform = readOptional(path.join(dir, 'transform.vrl'));
  const tables: ManagedTable[] = [];
  const tablesDir = path.join(dir, 'tables');
  if (existsSync(tablesDir) && statSync(tablesDir).isDirectory()) {
    for (const entry of readdirSync(tablesDir).sort()) {
      if (!/\.ya?ml$/.test(entry)) continue;
      const where = `${folder}/tables/${entry}`;
      const tableFile = readYamlObject(path.join(tablesDir, entry), where);
      const name = tableFile.name;
      if (typeof name !== 'string' || name === '')
        throw new ManagedSourceError(`managed source ${where}: the table file has no name`);
      const table: ManagedTable = { name, file: tableFile, where };
      const vrl = readOptional(path.join(tablesDir, entry.replace(/\.ya?ml$/, '.vrl')));
      if (vrl !== undefined) table.transform = vrl;
      tables.push(table);
    }
  }
  if (tables.length === 0)
    tables.push({ name: 'default', file: { name: 'default' }, where: `${folder}/log_source.yml` });
  const source: ManagedSource = { type: folder.toUpperCase(), dir, file, tables };
  if (transform !== undefined) source.transform = transform;
  cache.set(key, source);
  return source;
}

function readOptional(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function readYamlObject(file: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ManagedSourceError(`managed source ${where}: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ManagedSourceError(`managed source ${where}: expected a mapping`);
  return value as Record<string, unknown>;
}

/** Display metadata of a managed source or table (`meta.display_name`, `meta.description`, …). */
export function metaOf(file: Record<string, unknown>): Record<string, unknown> {
  const meta = file.meta;
  return meta !== null && typeof meta === 'object' && !Array.isArray(meta)
    ? (meta as Record<string, unknown>)
    : {};
}
