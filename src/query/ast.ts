/**
 * DuckDB's own parser, through `json_serialize_sql`, is the single source of truth for what
 * a query reads. Helpers here fetch that AST and walk it generically.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** A node of the serialized AST: DuckDB's JSON, walked without a full type model. */
export type AstNode = Record<string, unknown>;

export type SerializeResult =
  { ok: true; statements: AstNode[] } | { ok: false; errorType: string; message: string };

export async function serializeSql(conn: DuckDBConnection, sql: string): Promise<SerializeResult> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const text = reader.getRows()[0]?.[0];
  if (typeof text !== 'string') throw new Error('json_serialize_sql returned no text');
  const parsed = JSON.parse(text) as AstNode;
  if (parsed.error === true) {
    return {
      ok: false,
      errorType: String(parsed.error_type ?? ''),
      message: String(parsed.error_message ?? ''),
    };
  }
  return { ok: true, statements: (parsed.statements as AstNode[]) ?? [] };
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Depth-first walk over every object in the tree. `visit` returning false skips the
 * node's children.
 */
export function walk(
  node: unknown,
  visit: (node: AstNode, parent: AstNode | null) => boolean | void,
  parent: AstNode | null = null,
): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit, parent);
    return;
  }
  if (!isNode(node)) return;
  if (visit(node, parent) === false) return;
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null) walk(value, visit, node);
  }
}

/** Expression nodes carry `class`; table references and query nodes do not. */
export function isExpression(node: AstNode): boolean {
  return typeof node.class === 'string';
}

export function isTableRef(node: AstNode, type: string): boolean {
  return !isExpression(node) && node.type === type;
}

/** Names of every CTE declared anywhere in the statement (`WITH name AS …`). */
export function cteNames(statement: AstNode): Set<string> {
  const names = new Set<string>();
  walk(statement, (node) => {
    const map = node.cte_map;
    if (isNode(map) && Array.isArray(map.map)) {
      for (const entry of map.map)
        if (isNode(entry) && typeof entry.key === 'string') names.add(entry.key.toLowerCase());
    }
  });
  return names;
}
