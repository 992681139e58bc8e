/**
 * The records detections receive: rows of committed Parquet data files as JSON text, exactly as
 * stored (after decode, transform and conform), with timestamps as ISO 8601 UTC strings
 * (`2024-05-01T12:00:00.000000Z`), binary as base64, and null fields left out. Integers keep
 * all 64 bits (the JSON text is never parsed into doubles here).
 */
import type { Lake } from '../lake/index.js';
import { parseJson, stringifyJson, type JsonValue } from '../lake/iceberg/json.js';
import type { IcebergType, NestedField, Schema } from '../lake/iceberg/types.js';
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
function jsonExpr(expr: string, type: IcebergType): string {
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

function selectList(fields: NestedField[]): string {
  return fields.map((f) => `${quoteIdent(f.name)} := ${jsonExpr(quoteIdent(f.name), f.type)}`).join(', ');
}

/** Drops null members (recursively); lists keep their nulls so positions stay meaningful. */
function dropNulls(v: JsonValue): JsonValue {
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
  return text.includes(':null') ? stringifyJson(dropNulls(parseJson(text))) : text;
}

/** Reads Parquet data files into detection records, file by file, in row order. */
export class RecordReader {
  private constructor(private readonly engine: DuckEngine) {}

  static async open(): Promise<RecordReader> {
    return new RecordReader(await DuckEngine.create({ threads: 1, memoryLimit: '512MB' }));
  }

  async read(schema: Schema, files: readonly string[]): Promise<FileRecord[]> {
    const out: FileRecord[] = [];
    for (const file of files) {
      const rows = await this.engine.all(
        `SELECT file_row_number AS pos, to_json(struct_pack(${selectList(schema.fields)})) AS j
         FROM read_parquet(${quoteString(file)}, file_row_number = true) ORDER BY file_row_number`,
      );
      for (const r of rows) out.push({ file, position: Number(r.pos), json: compactRecordJson(String(r.j)) });
    }
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
