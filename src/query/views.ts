/**
 * One temp view per lake table a query names, over exactly the files its scan plan lists.
 *
 * Columns are matched by Iceberg field id (`read_parquet(…, schema=MAP{id: {name, type,
 * default_value}})`), so renamed and added top-level columns read correctly. DuckDB matches
 * the *children* of a struct by name, though, so a file written before a nested field was
 * renamed would silently read NULLs. Files whose nested names disagree with the current
 * schema (by field id) are therefore read on their own, by their own names, and projected
 * to the current schema by id (`struct_pack`, `list_transform`, explicit casts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IcebergType, NestedField } from '../lake/iceberg/types.js';
import { icebergToDuckDbType, quoteIdent, quoteString } from './duckdb-types.js';
import type { LakeScanPlan } from './types.js';

/** One node of a Parquet file's schema tree, as `parquet_schema()` lists it. */
export interface ParquetNode {
  name: string;
  fieldId: number | null;
  /** Physical and logical type, so files are grouped only when DuckDB reads them alike. */
  kind: string;
  children: ParquetNode[];
}

/** File path → top-level columns. Data files are immutable, so entries never go stale. */
export type LayoutCache = Map<string, ParquetNode[]>;

/** Bound on a long-lived session's cache; past it the cache starts over. */
const MAX_CACHED_LAYOUTS = 200_000;

export async function createTableView(
  conn: DuckDBConnection,
  name: string,
  plan: LakeScanPlan,
  cache: LayoutCache,
): Promise<void> {
  const sql = await viewSelectSql(conn, plan, cache);
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS ${sql}`);
}

export async function viewSelectSql(
  conn: DuckDBConnection,
  plan: LakeScanPlan,
  cache: LayoutCache,
): Promise<string> {
  const fields = plan.schema.fields;
  if (plan.files.length === 0) {
    const cols = fields.map((f) => `CAST(NULL AS ${icebergToDuckDbType(f.type)}) AS ${quoteIdent(f.name)}`);
    return `SELECT ${cols.join(', ') || 'NULL AS "_empty"'} WHERE false`;
  }
  const paths = plan.files.map((f) => f.path);
  let mismatched: string[] = [];
  if (fields.some((f) => hasNested(f.type))) {
    await loadLayouts(conn, paths, cache);
    mismatched = paths.filter((p) => !nestedNamesMatch(fields, cache.get(p) ?? []));
  }
  const projected = new Set(mismatched);
  const byId = paths.filter((p) => !projected.has(p));
  const parts: string[] = [];
  if (byId.length > 0) parts.push(readByFieldIdSql(byId, fields));
  // Files written with the same layout are projected together.
  const groups = new Map<string, string[]>();
  for (const path of mismatched) {
    const key = JSON.stringify(cache.get(path) ?? []);
    groups.set(key, [...(groups.get(key) ?? []), path]);
  }
  for (const group of groups.values()) parts.push(projectFilesSql(group, fields, cache.get(group[0]!) ?? []));
  return parts.join('\nUNION ALL\n');
}

export function readByFieldIdSql(paths: string[], fields: NestedField[]): string {
  const entries = fields.map(
    (f) =>
      `${f.id}: {name: ${quoteString(f.name)}, type: ${quoteString(icebergToDuckDbType(f.type))}, default_value: NULL}`,
  );
  const files = paths.map(quoteString).join(', ');
  const cols = fields.map((f) => quoteIdent(f.name)).join(', ');
  return `SELECT ${cols} FROM read_parquet([${files}], schema=MAP{${entries.join(', ')}}, hive_partitioning=false)`;
}

/** Files of one layout read by their own column names and mapped to the current schema by field id. */
export function projectFilesSql(paths: string[], fields: NestedField[], columns: ParquetNode[]): string {
  const cols = fields.map((f) => {
    const node = columns.find((c) => c.fieldId === f.id);
    const type = icebergToDuckDbType(f.type);
    const expr = node ? convert(quoteIdent(node.name), f.type, node, 0) : 'NULL';
    return `CAST(${expr} AS ${type}) AS ${quoteIdent(f.name)}`;
  });
  return `SELECT ${cols.join(', ')} FROM read_parquet([${paths.map(quoteString).join(', ')}], hive_partitioning=false)`;
}

function convert(expr: string, type: IcebergType, node: ParquetNode, depth: number): string {
  if (typeof type === 'string') return `CAST(${expr} AS ${icebergToDuckDbType(type)})`;
  if (!hasNested(type)) return `CAST(${expr} AS ${icebergToDuckDbType(type)})`;
  switch (type.type) {
    case 'struct': {
      const members = type.fields.map((f) => {
        const child = node.children.find((c) => c.fieldId === f.id);
        const value = child
          ? convert(`${expr}.${quoteIdent(child.name)}`, f.type, child, depth)
          : `CAST(NULL AS ${icebergToDuckDbType(f.type)})`;
        return `${quoteIdent(f.name)} := ${value}`;
      });
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${members.join(', ')}) END`;
    }
    case 'list': {
      const element = listElement(node);
      if (!element) return `CAST(${expr} AS ${icebergToDuckDbType(type)})`;
      const v = `_e${depth}`;
      return `list_transform(${expr}, lambda ${v}: ${convert(v, type.element, element, depth + 1)})`;
    }
    case 'map': {
      const kv = node.children[0]?.children ?? [];
      const key = kv[0];
      const value = kv[1];
      if (!key || !value) return `CAST(${expr} AS ${icebergToDuckDbType(type)})`;
      const v = `_e${depth}`;
      const k = convert(`${v}.key`, type.key, key, depth + 1);
      const val = convert(`${v}.value`, type.value, value, depth + 1);
      return `map_from_entries(list_transform(map_entries(${expr}), lambda ${v}: {'key': ${k}, 'value': ${val}}))`;
    }
  }
}

/** Parquet's three-level list: `col (LIST) > repeated group > element`; tolerate two levels. */
function listElement(node: ParquetNode): ParquetNode | undefined {
  const repeated = node.children[0];
  if (!repeated) return undefined;
  return repeated.children.length === 1 ? repeated.children[0] : repeated;
}

function hasNested(type: IcebergType): boolean {
  if (typeof type === 'string') return false;
  if (type.type === 'struct') return true;
  if (type.type === 'list') return hasNested(type.element);
  return hasNested(type.key) || hasNested(type.value);
}

/** Whether every nested (non-top-level) field found by id carries its current name. */
export function nestedNamesMatch(fields: NestedField[], columns: ParquetNode[]): boolean {
  return fields.every((f) => {
    const node = columns.find((c) => c.fieldId === f.id);
    return !node || childrenMatch(f.type, node);
  });
}

function childrenMatch(type: IcebergType, node: ParquetNode): boolean {
  if (typeof type === 'string') return true;
  switch (type.type) {
    case 'struct':
      return type.fields.every((f) => {
        const child = node.children.find((c) => c.fieldId === f.id);
        // By name, DuckDB would read another field that now has this name (drop + re-add).
        if (!child) return !node.children.some((c) => c.name === f.name);
        return child.name === f.name && childrenMatch(f.type, child);
      });
    case 'list': {
      const element = listElement(node);
      return !element || childrenMatch(type.element, element);
    }
    case 'map': {
      const kv = node.children[0]?.children ?? [];
      return (!kv[0] || childrenMatch(type.key, kv[0])) && (!kv[1] || childrenMatch(type.value, kv[1]));
    }
  }
}

/** Reads the schema trees of files not yet cached, with one `parquet_schema()` call. */
export async function loadLayouts(
  conn: DuckDBConnection,
  paths: string[],
  cache: LayoutCache,
): Promise<void> {
  const missing = paths.filter((p) => !cache.has(p));
  if (missing.length === 0) return;
  if (cache.size + missing.length > MAX_CACHED_LAYOUTS) cache.clear();
  const reader = await conn.runAndReadAll(
    `SELECT file_name, name, field_id, num_children, concat_ws('|', type, converted_type, logical_type, repetition_type)
     FROM parquet_schema([${missing.map(quoteString).join(', ')}])`,
  );
  const flat = new Map<
    string,
    { name: string; fieldId: number | null; numChildren: number; kind: string }[]
  >();
  for (const [file, name, fieldId, numChildren, kind] of reader.getRows()) {
    const list = flat.get(String(file)) ?? [];
    list.push({
      name: String(name),
      fieldId: fieldId === null ? null : Number(fieldId),
      numChildren: numChildren === null ? 0 : Number(numChildren),
      kind: String(kind ?? ''),
    });
    flat.set(String(file), list);
  }
  for (const [file, rows] of flat) {
    let i = 0;
    const build = (): ParquetNode => {
      const row = rows[i++]!;
      const children: ParquetNode[] = [];
      for (let c = 0; c < row.numChildren; c++) children.push(build());
      return { name: row.name, fieldId: row.fieldId, kind: row.kind, children };
    };
    cache.set(file, build().children);
  }
}
