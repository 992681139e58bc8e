/**
 * The records detections receive: rows of committed Parquet data files as JSON text, exactly as
 * stored (after decode, transform and conform), with timestamps as ISO 8601 UTC strings
 * (`2024-05-01T12:00:00.000000Z`) and binary as base64. Integers keep all 64 bits (the JSON text
 * is never parsed into doubles here).
 *
 * Columns that hold no value in any of the files read (per the files' Iceberg column metrics)
 * are left out, which drops most of a table's empty ECS fields cheaply; other missing values
 * are `null` (Matano's records carried every schema field too). `deepget` treats both alike.
 * Stored copies (rule matches, `original_event`) are compacted with `compactRecordJson`.
 */
import type { Lake } from '../lake/index.js';
import { parseJson, stringifyJson, type JsonValue } from '../lake/iceberg/json.js';
import type { DataFile, IcebergType, NestedField, Schema, StructType } from '../lake/iceberg/types.js';
import { isPrimitive } from '../lake/iceberg/types.js';
import { DuckEngine } from '../lake/parquet/engine.js';
import { quoteIdent, quoteString } from '../lake/parquet/duckdb-types.js';

/** One row of a data file: where it is (the ids of rule matches derive from this) and its JSON. */
export interface FileRecord {
  file: string;
  /** 0-based row position in the file. */
  position: number;
  json: string;
}

function needsRewrite(type: IcebergType): boolean {
  if (isPrimitive(type)) return type.startsWith('timestamp') || type === 'binary' || type.startsWith('fixed');
  switch (type.type) {
    case 'struct':
      return type.fields.some((f) => needsRewrite(f.type));
    case 'list':
      return needsRewrite(type.element);
    case 'map':
      return needsRewrite(type.value);
  }
}

let lambdaVar = 0;

/** A DuckDB expression turning `expr` of `type` into what to_json should print. */
function jsonExpr(expr: string, type: IcebergType, has?: HasValues): string {
  if (has && !isPrimitive(type) && type.type === 'struct') {
    const pruned = pruneStruct(type, has);
    if (pruned.fields.length < type.fields.length || needsRewrite(type))
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${pruned.fields
        .map((f) => `${quoteIdent(f.name)} := ${jsonExpr(`${expr}.${quoteIdent(f.name)}`, f.type, has)}`)
        .join(', ')}) END`;
    return expr;
  }
  if (!needsRewrite(type)) return expr;
  if (isPrimitive(type)) {
    if (type.startsWith('timestamp')) return `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%fZ')`;
    return `base64(${expr})`;
  }
  switch (type.type) {
    case 'struct':
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${type.fields
        .map((f) => `${quoteIdent(f.name)} := ${jsonExpr(`${expr}.${quoteIdent(f.name)}`, f.type)}`)
        .join(', ')}) END`;
    case 'list': {
      const v = `__x${lambdaVar++}`;
      return `list_transform(${expr}, ${v} -> ${jsonExpr(v, type.element)})`;
    }
    case 'map': {
      const v = `__x${lambdaVar++}`;
      return `map_from_entries(list_transform(map_entries(${expr}), ${v} -> {'key': ${v}.key, 'value': ${jsonExpr(`${v}.value`, type.value)}}))`;
    }
  }
}

/**
 * Whether a field can hold a value in a file, from the file's Iceberg column metrics: a leaf
 * whose every value is null is left out of the JSON (most ECS columns of a table are empty in
 * a given file, and skipping them is much cheaper than dropping nulls from the text).
 */
type HasValues = (id: number, type: IcebergType) => boolean;

function metricsFilter(file: DataFile | undefined): HasValues {
  if (!file) return () => true;
  const leafHasValues = (id: number): boolean => {
    const nulls = file.nullValueCounts.get(id);
    const values = file.valueCounts.get(id);
    return nulls === undefined || values === undefined || values > nulls;
  };
  const has: HasValues = (id, type) => {
    if (isPrimitive(type)) return leafHasValues(id);
    switch (type.type) {
      case 'struct':
        return type.fields.some((f) => has(f.id, f.type));
      case 'list':
        return has(type['element-id'], type.element);
      case 'map':
        return has(type['key-id'], type.key);
    }
  };
  return has;
}

function selectList(fields: NestedField[], has: HasValues): string {
  const kept = fields.filter((f) => has(f.id, f.type));
  if (kept.length === 0) return `"ts" := NULL`;
  return kept.map((f) => `${quoteIdent(f.name)} := ${jsonExpr(quoteIdent(f.name), f.type, has)}`).join(', ');
}

function pruneStruct(type: StructType, has: HasValues): StructType {
  return { ...type, fields: type.fields.filter((f) => has(f.id, f.type)) };
}

/** Drops null members (recursively); lists keep their nulls so positions stay meaningful. */
export function dropNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

/** Compacts DuckDB's JSON text: no null members. */
export function compactRecordJson(text: string): string {
  if (!text.includes(':null')) return text;
  // JSON.parse is native and fast but rounds integers beyond 2^53: only texts that may hold
  // one (16 or more digits in a row) take the exact, slower path
  if (/\d{16}/.test(text)) return stringifyJson(dropNulls(parseJson(text)));
  return JSON.stringify(dropNulls(JSON.parse(text) as JsonValue));
}

/** Reads Parquet data files into detection records, file by file, in row order. */
export class RecordReader {
  private constructor(private readonly engine: DuckEngine) {}

  static async open(): Promise<RecordReader> {
    return new RecordReader(await DuckEngine.create({ threads: 2, memoryLimit: '1GB' }));
  }

  /**
   * Rows of the files in order. Give `DataFile`s (with their column metrics) rather than paths
   * when you have them: columns a file holds no value in are then not read at all.
   */
  async read(schema: Schema, files: readonly (string | DataFile)[]): Promise<FileRecord[]> {
    if (files.length === 0) return [];
    const paths = files.map((f) => (typeof f === 'string' ? f : f.filePath));
    // a column is read when any of the files holds a value in it
    const filters = files.map((f) => metricsFilter(typeof f === 'string' ? undefined : f));
    const has: HasValues = (id, type) => filters.some((h) => h(id, type));
    // DuckDB's default preserve_insertion_order: rows come file by file, each in file order
    const rows = await this.engine.rows(
      `SELECT filename, to_json(struct_pack(${selectList(schema.fields, has)})) AS j
       FROM read_parquet([${paths.map(quoteString).join(', ')}], filename = true)`,
    );
    const out: FileRecord[] = new Array<FileRecord>(rows.length);
    let file = '';
    let position = 0;
    rows.forEach((r, i) => {
      const f = String(r[0]);
      if (f !== file) {
        file = f;
        position = 0;
      }
      out[i] = { file, position: position++, json: String(r[1]) };
    });
    return out;
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

/** Every record of a table's current snapshot (used by detection tests and tools). */
export async function readTableRecords(lake: Lake, table: string): Promise<string[]> {
  const plan = await lake.planScan(table);
  const reader = await RecordReader.open();
  try {
    return (
      await reader.read(
        plan.schema,
        plan.files.map((f) => f.path),
      )
    ).map((r) => r.json);
  } finally {
    await reader.close();
  }
}
