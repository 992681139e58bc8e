/**
 * User SQL must be read-only and read nothing but the lake. DuckDB's lockdown
 * (session.ts) is the wall; this module is the gate in front of it:
 *
 * 1. `json_serialize_sql` parses the text with DuckDB's parser and only succeeds when
 *    every statement is a SELECT (EXPLAIN is peeled off first), so COPY, ATTACH, SET,
 *    PRAGMA, INSTALL, DDL and DML never get further.
 * 2. The AST is walked: table functions must be on an allowlist (no file readers,
 *    `query()`, logging or settings functions), base-table names must be plain
 *    identifiers (no `FROM '/etc/passwd'` replacement scans), a few scalar functions
 *    are refused.
 * 3. After views are in place each statement is prepared and its statement type checked
 *    again (`assertPreparedType`), so what runs is exactly what was checked.
 */
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { cteNames, isExpression, isNode, serializeSql, walk, type AstNode } from './ast.js';
import { QueryRejectedError } from './errors.js';

/** Table functions that read no files and change nothing. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'range',
  'generate_series',
  'unnest',
  'json_each',
  'json_tree',
  'repeat',
  'repeat_row',
  'pg_timezone_names',
  'icu_calendar_names',
  'duckdb_keywords',
  'duckdb_types',
  'duckdb_functions',
]);

/** Scalar functions refused even though they read no files. */
export const DENIED_SCALAR_FUNCTIONS: ReadonlySet<string> = new Set([
  'getenv',
  'json_execute_serialized_sql',
  'current_setting',
]);

const FILE_READERS =
  /^(read_|parquet_|glob$|sniff_csv$|query$|query_table$|json_execute|iceberg_|delta_|sqlite_|postgres_|mysql_)/;

/** Table reference kinds that read nothing by themselves. */
const ALLOWED_TABLE_REF_TYPES = new Set([
  'BASE_TABLE',
  'JOIN',
  'SUBQUERY',
  'TABLE_FUNCTION',
  'EMPTY',
  'EMPTY_FROM',
  'EXPRESSION_LIST',
  'SHOW_REF',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const EXPLAIN_PREFIX = /^\s*EXPLAIN(\s+ANALY[SZ]E)?\s+/i;

export interface BaseTableRef {
  /** Lower-cased table name as written. */
  name: string;
  schema: string;
  node: AstNode;
}

export interface SqlAnalysis {
  statements: AstNode[];
  /** Every base-table reference (including CTE references; see `cteNames`). */
  tableRefs: BaseTableRef[];
  cteNames: Set<string>;
  explain: boolean;
  /** `SHOW TABLES`: every lake table needs a view. */
  allTables: boolean;
}

/** Parses and checks `sql`; throws QueryRejectedError when it is not a plain read. */
export async function analyzeSql(
  conn: DuckDBConnection,
  sql: string,
  /** Lower-cased lake table names: accepted as table names even when not plain identifiers. */
  lakeTables: ReadonlySet<string> = new Set(),
): Promise<SqlAnalysis> {
  if (sql.trim() === '') throw new QueryRejectedError('empty query', 'empty');
  const explain = EXPLAIN_PREFIX.test(sql);
  const body = explain ? sql.replace(EXPLAIN_PREFIX, '') : sql;
  const serialized = await serializeSql(conn, body);
  if (!serialized.ok) {
    if (serialized.errorType === 'not implemented') {
      throw new QueryRejectedError(await describeNonSelect(conn, sql), 'statement-type');
    }
    throw new Error(serialized.message);
  }
  if (serialized.statements.length === 0) throw new QueryRejectedError('empty query', 'empty');
  const tableRefs: BaseTableRef[] = [];
  const ctes = new Set<string>();
  let allTables = false;
  for (const statement of serialized.statements) {
    if (checkStatement(statement, tableRefs, lakeTables)) allTables = true;
    for (const name of cteNames(statement)) ctes.add(name);
  }
  return { statements: serialized.statements, tableRefs, cteNames: ctes, explain, allTables };
}

function checkStatement(
  statement: AstNode,
  tableRefs: BaseTableRef[],
  lakeTables: ReadonlySet<string>,
): boolean {
  let showTables = false;
  walk(statement, (node) => {
    if (isExpression(node)) {
      if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
        const fn = node.function_name.toLowerCase();
        if (DENIED_SCALAR_FUNCTIONS.has(fn) || FILE_READERS.test(fn)) {
          throw new QueryRejectedError(`function ${fn}() is not allowed in lake queries`, 'function');
        }
      }
      return;
    }
    const type = String(node.type);
    const alwaysChecked = type === 'TABLE_FUNCTION' || type === 'BASE_TABLE' || type === 'SHOW_REF';
    if (!alwaysChecked && !isTableRefNode(node)) return;
    if (!ALLOWED_TABLE_REF_TYPES.has(type)) {
      throw new QueryRejectedError(
        `table reference of kind ${type} is not allowed in lake queries`,
        'table-ref',
      );
    }
    if (type === 'TABLE_FUNCTION') checkTableFunction(node);
    if (type === 'BASE_TABLE' || type === 'SHOW_REF') {
      const name = String(node.table_name ?? '');
      if (type === 'SHOW_REF' && name === '') return;
      if (type === 'SHOW_REF' && (name === '"tables"' || name === '__show_tables_expanded')) {
        showTables = true;
        return;
      }
      if (!IDENTIFIER.test(name) && !lakeTables.has(name.toLowerCase())) {
        throw new QueryRejectedError(
          `"${name}" is not a table name: lake queries can only read lake tables, not files or URLs`,
          'file-path',
        );
      }
      tableRefs.push({
        name: name.toLowerCase(),
        schema: String(node.schema_name ?? '').toLowerCase(),
        node,
      });
    }
  });
  return showTables;
}

/** Table references have `alias` and `query_location` but no expression `class`. */
function isTableRefNode(node: AstNode): boolean {
  return (
    typeof node.type === 'string' &&
    'alias' in node &&
    'query_location' in node &&
    !node.type.endsWith('_NODE')
  );
}

function checkTableFunction(node: AstNode): void {
  const fn = isNode(node.function) ? node.function : null;
  const name = fn && typeof fn.function_name === 'string' ? fn.function_name.toLowerCase() : '';
  const schema = fn && typeof fn.schema === 'string' ? fn.schema : '';
  if (schema !== '' || !ALLOWED_TABLE_FUNCTIONS.has(name)) {
    const why = FILE_READERS.test(name) ? ' (it reads files or runs SQL text)' : '';
    throw new QueryRejectedError(
      `table function ${name || '?'}()${why} is not allowed in lake queries; allowed: ${[...ALLOWED_TABLE_FUNCTIONS].join(', ')}`,
      'table-function',
    );
  }
}

/** Checks a prepared statement's type: SELECT, or EXPLAIN when the text started with it. */
export function assertPreparedType(prepared: DuckDBPreparedStatement, allowExplain: boolean): void {
  const type = prepared.statementType;
  if (type === StatementType.SELECT) return;
  if (type === StatementType.EXPLAIN && allowExplain) return;
  throw new QueryRejectedError(
    `${statementTypeName(type)} statements are not allowed: lake queries are read-only`,
    'statement-type',
  );
}

function statementTypeName(type: StatementType): string {
  const name = (StatementType as unknown as Record<number, string>)[type] ?? 'this kind of';
  return name.replace(/_/g, ' ');
}

/** Best-effort reason for a non-SELECT text: prepare each statement (never run) and name its type. */
async function describeNonSelect(conn: DuckDBConnection, sql: string): Promise<string> {
  try {
    const extracted = await conn.extractStatements(sql);
    for (let i = 0; i < extracted.count; i++) {
      let prepared: DuckDBPreparedStatement | undefined;
      try {
        prepared = await extracted.prepare(i);
        const type = prepared.statementType;
        if (type !== StatementType.SELECT) {
          const which = extracted.count > 1 ? ` (statement ${i + 1} of ${extracted.count})` : '';
          return `${statementTypeName(type)} statements are not allowed${which}: lake queries are read-only SELECTs`;
        }
      } catch {
        // binding failed (e.g. an unknown table); fall through to the generic reason
      } finally {
        prepared?.destroySync();
      }
    }
  } catch {
    // extraction failed; generic reason below
  }
  const keyword = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return `only SELECT statements are allowed in lake queries${keyword && keyword !== 'SELECT' ? ` (got ${keyword})` : ''}`;
}
