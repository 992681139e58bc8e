/**
 * SQL helpers shared by the view builders. The Iceberg → DuckDB type mapping itself is the
 * lake's (`toDuckDbType`, an exhaustive table), so views read with exactly the types the
 * lake's Parquet writer wrote.
 */
import { toDuckDbType } from '../lake/index.js';
import type { IcebergType } from '../lake/iceberg/types.js';

export function icebergToDuckDbType(type: IcebergType): string {
  return toDuckDbType(type);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
