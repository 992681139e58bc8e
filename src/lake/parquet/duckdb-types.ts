/**
 * Iceberg → DuckDB type mapping (exhaustive over primitives), and the SQL fragments the
 * Parquet writer needs: `read_json` column specs and `FIELD_IDS` literals.
 */
import {
  isPrimitive,
  type IcebergType,
  type NestedField,
  type PrimitiveTypeName,
  type Schema,
} from '../iceberg/types.js';

const PRIMITIVE_TO_DUCKDB: Record<PrimitiveTypeName, string> = {
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  date: 'DATE',
  time: 'TIME',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPTZ',
  string: 'VARCHAR',
  uuid: 'UUID',
  binary: 'BLOB',
};

/** Double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quoted SQL string literal. */
export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** DuckDB type for an Iceberg type (fixed[L] maps to BLOB: DuckDB has no fixed-length binary). */
export function toDuckDbType(type: IcebergType): string {
  return duckType(type, false);
}

function isBinary(t: string): boolean {
  return t === 'binary' || /^fixed\[\d+\]$/.test(t);
}

/** True when the type holds binary/fixed values anywhere (they travel as escaped text in NDJSON). */
export function containsBinary(type: IcebergType): boolean {
  if (isPrimitive(type)) return isBinary(type);
  switch (type.type) {
    case 'struct':
      return type.fields.some((f) => containsBinary(f.type));
    case 'list':
      return containsBinary(type.element);
    case 'map':
      return containsBinary(type.key) || containsBinary(type.value);
  }
}

function duckType(type: IcebergType, binaryAsText: boolean): string {
  if (isPrimitive(type)) {
    if (binaryAsText && isBinary(type)) return 'VARCHAR';
    const direct = PRIMITIVE_TO_DUCKDB[type as PrimitiveTypeName];
    if (direct) return direct;
    const dec = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(type);
    if (dec) return `DECIMAL(${dec[1]}, ${dec[2]})`;
    if (/^fixed\[\d+\]$/.test(type)) return 'BLOB';
    throw new Error(`unknown Iceberg type ${type}`);
  }
  switch (type.type) {
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quoteIdent(f.name)} ${duckType(f.type, binaryAsText)}`).join(', ')})`;
    case 'list':
      return `${duckType(type.element, binaryAsText)}[]`;
    case 'map':
      return `MAP(${duckType(type.key, binaryAsText)}, ${duckType(type.value, binaryAsText)})`;
  }
}

/**
 * `{'a': 'BIGINT', 'b': 'STRUCT(...)'}` for read_json's `columns` parameter. Binary values are
 * read as text (`\\xNN` escapes) because read_json keeps JSON strings' bytes verbatim for BLOB;
 * `jsonSelectList` casts them to BLOB, which interprets the escapes.
 */
export function readJsonColumns(schema: { fields: NestedField[] }): string {
  return `{${schema.fields.map((f) => `${quoteString(f.name)}: ${quoteString(duckType(f.type, true))}`).join(', ')}}`;
}

export function jsonSelectList(schema: { fields: NestedField[] }): string {
  return schema.fields
    .map((f) =>
      containsBinary(f.type)
        ? `CAST(${quoteIdent(f.name)} AS ${toDuckDbType(f.type)}) AS ${quoteIdent(f.name)}`
        : quoteIdent(f.name),
    )
    .join(', ');
}

function idsOf(id: number, type: IcebergType): string {
  if (isPrimitive(type)) return String(id);
  switch (type.type) {
    case 'struct':
      return `{__duckdb_field_id: ${id}${type.fields.map((f) => `, ${quoteString(f.name)}: ${idsOf(f.id, f.type)}`).join('')}}`;
    case 'list':
      return `{__duckdb_field_id: ${id}, element: ${idsOf(type['element-id'], type.element)}}`;
    case 'map':
      return `{__duckdb_field_id: ${id}, key: ${idsOf(type['key-id'], type.key)}, value: ${idsOf(type['value-id'], type.value)}}`;
  }
}

/** The `FIELD_IDS {...}` literal of DuckDB's Parquet writer for a schema. */
export function fieldIdsLiteral(schema: Schema): string {
  return `{${schema.fields.map((f) => `${quoteString(f.name)}: ${idsOf(f.id, f.type)}`).join(', ')}}`;
}
