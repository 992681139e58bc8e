/**
 * A query result as an Arrow IPC stream. Column types follow DuckDB's: booleans, 32- and 64-bit
 * integers, doubles and timestamps (UTC, millisecond precision) keep their type; everything else
 * (decimals, dates, nested values as JSON text) is a string.
 */
import {
  Bool,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { QueryColumn, QueryResult } from '../query/index.js';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

interface ColumnKind {
  type: () => DataType;
  value: (v: unknown) => unknown;
}

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

const KINDS: [RegExp, ColumnKind][] = [
  [/^BOOLEAN$/, { type: () => new Bool(), value: (v) => (v === null ? null : Boolean(v)) }],
  [/^(TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT)$/, { type: () => new Int32(), value: (v) => v }],
  [
    /^(BIGINT|UINTEGER)$/,
    { type: () => new Int64(), value: (v) => (v === null ? null : BigInt(v as number | string)) },
  ],
  [/^(FLOAT|DOUBLE)$/, { type: () => new Float64(), value: (v) => (v === null ? null : Number(v)) }],
  [
    /^TIMESTAMP/,
    {
      type: () => new TimestampMillisecond('UTC'),
      value: (v) => (v === null ? null : Date.parse(v as string)),
    },
  ],
];
const TEXT: ColumnKind = { type: () => new Utf8(), value: asText };

function kindOf(column: QueryColumn): ColumnKind {
  return KINDS.find(([re]) => re.test(column.type))?.[1] ?? TEXT;
}

export function resultToArrow(result: QueryResult): Uint8Array {
  const vectors: Record<string, Vector> = {};
  const seen = new Map<string, number>();
  result.columns.forEach((column, i) => {
    const count = seen.get(column.name) ?? 0;
    seen.set(column.name, count + 1);
    const name = count === 0 ? column.name : `${column.name}_${count}`;
    const kind = kindOf(column);
    const values = result.rows.map((row) => {
      const v = row[i];
      return v === null || v === undefined ? null : kind.value(v);
    });
    vectors[name] = vectorFromArray(values, kind.type());
  });
  return tableToIPC(new Table(vectors), 'stream');
}
