/**
 * The records detections receive: rows of committed Parquet data files as JSON text, exactly as
 * stored (after decode, transform and conform), with timestamps as ISO 8601 UTC strings
 * (`2024-05-01T12:00:00.000000Z`) and binary as base64. Integers keep all 64 bits (the JSON text
 * is never parsed into doubles here).
 *
 * Missing values are left out, as in Matano (whose transforms end with `compact`), so
 * `record.get("aws", {}).get(…)` works: columns that hold no value in any of the files read
 * (per the files' Iceberg column metrics) are not read at all, and the remaining `null`
 * members are cut from the text by `stripNullMembers`.
 */
import type { Lake } from '../lake/index.js';
import type { DataFile, IcebergType, NestedField, Schema } from '../lake/iceberg/types.js';
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

/** A DuckDB expression turning `expr` of `type` into what to_json should print; struct fields without values (`has`) are left out. */
function jsonExpr(expr: string, type: IcebergType, has: HasValues = ALL): string {
  if (isPrimitive(type)) {
    if (type.startsWith('timestamp')) return `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%fZ')`;
    if (type === 'binary' || type.startsWith('fixed')) return `base64(${expr})`;
    return expr;
  }
  switch (type.type) {
    case 'struct': {
      const fields = type.fields.filter((f) => has(f.id, f.type));
      if (fields.length === type.fields.length && !needsRewrite(type)) return expr;
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${fields
        .map((f) => `${quoteIdent(f.name)} := ${jsonExpr(`${expr}.${quoteIdent(f.name)}`, f.type, has)}`)
        .join(', ')}) END`;
    }
    case 'list': {
      if (!needsRewrite(type)) return expr;
      const v = `__x${lambdaVar++}`;
      return `list_transform(${expr}, ${v} -> ${jsonExpr(v, type.element)})`;
    }
    case 'map': {
      if (!needsRewrite(type)) return expr;
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
const ALL: HasValues = () => true;

function metricsFilter(file: DataFile | undefined): HasValues {
  if (!file) return ALL;
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

/**
 * Removes `"key":null` members from compact JSON text (DuckDB's `to_json` output: no
 * whitespace), in one pass over the text without parsing it. Lists keep their null elements so
 * positions stay meaningful; an object whose members were all null becomes `{}`.
 */
export function stripNullMembers(text: string): string {
  if (text.indexOf(':null') < 0) return text;
  let out = '';
  let copied = 0; // text before this index is in `out` (or deliberately dropped)
  let i = 0;
  const n = text.length;
  while (i < n) {
    const q = text.indexOf('"', i);
    if (q < 0) break;
    // the end of the string that starts at q (a quote preceded by an even run of backslashes)
    let end = q + 1;
    for (;;) {
      end = text.indexOf('"', end);
      if (end < 0) return text; // not JSON we understand: leave it alone
      let bs = 0;
      for (let k = end - 1; text.charCodeAt(k) === 92; k--) bs++;
      if (bs % 2 === 0) break;
      end++;
    }
    i = end + 1;
    // a key followed by :null and then , or }
    if (text.startsWith(':null', i)) {
      const after = text.charCodeAt(i + 5);
      if (after === 44 /* , */ || after === 125 /* } */) {
        out += text.slice(copied, q);
        if (after === 44) {
          copied = i + 6; // drop `"key":null,`
        } else {
          // drop `"key":null` and the comma before it, if the output ends with one
          if (out.charCodeAt(out.length - 1) === 44) out = out.slice(0, -1);
          copied = i + 5;
        }
        i = copied;
        if (text.indexOf(':null', i) < 0) break;
      }
    }
  }
  return out + text.slice(copied);
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
      out[i] = { file, position: position++, json: stripNullMembers(String(r[1])) };
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
