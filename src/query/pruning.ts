/**
 * Partition/file pruning on `ts`: from the serialized AST, the top-level conjunctive WHERE
 * conditions on a lake table's `ts` column become an inclusive micros range for
 * `planScan`. Anything not understood means "no bound" for that reference, which is always
 * correct (just slower). Several references to one table are unioned.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { isExpression, isNode, walk, type AstNode } from './ast.js';
import type { TsRange } from './types.js';

export type TsOp = 'ge' | 'gt' | 'le' | 'lt' | 'eq';

export interface TsCondition {
  op: TsOp;
  /** Constant expression (no column or subquery) compared with `ts`. */
  expr: AstNode;
  /** Contains now()-like functions: usable as a lower bound only. */
  volatile: boolean;
}

const COMPARISONS: Record<string, TsOp> = {
  COMPARE_GREATERTHANOREQUALTO: 'ge',
  COMPARE_GREATERTHAN: 'gt',
  COMPARE_LESSTHANOREQUALTO: 'le',
  COMPARE_LESSTHAN: 'lt',
  COMPARE_EQUAL: 'eq',
};
const FLIP: Record<TsOp, TsOp> = { ge: 'le', gt: 'lt', le: 'ge', lt: 'gt', eq: 'eq' };

/** Time functions whose value only grows while a query runs. */
const NOW_FUNCTIONS = new Set([
  'now',
  'current_timestamp',
  'get_current_timestamp',
  'transaction_timestamp',
  'current_date',
  'today',
  'current_localtimestamp',
]);
/** Functions whose value may change between planning and running in any direction. */
const NONDETERMINISTIC = /^(random|setseed|uuid|gen_random_uuid|uuidv4|uuidv7|nextval|currval)$/;

/**
 * Per lake table (lower-cased name), the conditions of each reference to it; an empty
 * inner array is a reference without usable bounds.
 */
export function collectTsConditions(
  statements: AstNode[],
  lakeTables: ReadonlySet<string>,
  cteNames: ReadonlySet<string>,
): Map<string, TsCondition[][]> {
  const bounded = new Map<AstNode, TsCondition[]>();
  const isLakeRef = (node: AstNode): boolean => {
    const name = String(node.table_name ?? '').toLowerCase();
    const schema = String(node.schema_name ?? '').toLowerCase();
    return (
      lakeTables.has(name) && !cteNames.has(name) && (schema === '' || schema === 'main' || schema === 'temp')
    );
  };
  walk(statements, (node) => {
    if (node.type !== 'SELECT_NODE' || isExpression(node)) return;
    const direct: AstNode[] = [];
    let onlyLake = true;
    collectFromRefs(node.from_table, direct, () => (onlyLake = false));
    const lakeRefs = direct.filter(isLakeRef);
    if (lakeRefs.length !== direct.length) onlyLake = false;
    if (lakeRefs.length === 0 || !isNode(node.where_clause)) return;
    for (const ref of lakeRefs) bounded.set(ref, []);
    for (const conjunct of flattenAnd(node.where_clause)) {
      for (const { column, op, expr } of comparisons(conjunct)) {
        const ref = resolveTsColumn(column, lakeRefs, onlyLake && direct.length === 1);
        const volatile = constantKind(expr);
        if (ref && volatile !== null) bounded.get(ref)?.push({ op, expr, volatile });
      }
    }
  });
  const out = new Map<string, TsCondition[][]>();
  walk(statements, (node) => {
    if (isExpression(node) || node.type !== 'BASE_TABLE' || !isLakeRef(node)) return;
    const name = String(node.table_name).toLowerCase();
    const list = out.get(name) ?? [];
    list.push(bounded.get(node) ?? []);
    out.set(name, list);
  });
  return out;
}

/** Base tables directly in a FROM clause (through joins, not subqueries). */
function collectFromRefs(ref: unknown, into: AstNode[], other: () => void): void {
  if (!isNode(ref)) return;
  if (ref.type === 'BASE_TABLE') into.push(ref);
  else if (ref.type === 'JOIN') {
    collectFromRefs(ref.left, into, other);
    collectFromRefs(ref.right, into, other);
  } else if (ref.type !== 'EMPTY') other();
}

function flattenAnd(expr: AstNode): AstNode[] {
  if (expr.class === 'CONJUNCTION' && expr.type === 'CONJUNCTION_AND' && Array.isArray(expr.children)) {
    return expr.children.filter(isNode).flatMap(flattenAnd);
  }
  return [expr];
}

function comparisons(expr: AstNode): { column: AstNode; op: TsOp; expr: AstNode }[] {
  if (
    expr.class === 'COMPARISON' &&
    typeof expr.type === 'string' &&
    expr.type in COMPARISONS &&
    isNode(expr.left) &&
    isNode(expr.right)
  ) {
    const op = COMPARISONS[expr.type]!;
    if (expr.left.class === 'COLUMN_REF') return [{ column: expr.left, op, expr: expr.right }];
    if (expr.right.class === 'COLUMN_REF') return [{ column: expr.right, op: FLIP[op], expr: expr.left }];
    return [];
  }
  if (
    expr.class === 'BETWEEN' &&
    isNode(expr.input) &&
    expr.input.class === 'COLUMN_REF' &&
    isNode(expr.lower) &&
    isNode(expr.upper)
  ) {
    return [
      { column: expr.input, op: 'ge', expr: expr.lower },
      { column: expr.input, op: 'le', expr: expr.upper },
    ];
  }
  return [];
}

function resolveTsColumn(column: AstNode, refs: AstNode[], unqualifiedOk: boolean): AstNode | null {
  const names = Array.isArray(column.column_names)
    ? column.column_names.map((n) => String(n).toLowerCase())
    : [];
  if (names.length === 1 && names[0] === 'ts') return unqualifiedOk ? refs[0]! : null;
  if (names.length !== 2 || names[1] !== 'ts') return null;
  const matches = refs.filter((ref) => {
    const alias = String(ref.alias ?? '').toLowerCase();
    return alias ? alias === names[0] : String(ref.table_name).toLowerCase() === names[0];
  });
  return matches.length === 1 ? matches[0]! : null;
}

/** null: not a constant expression; otherwise whether it depends on the clock. */
function constantKind(expr: AstNode): boolean | null {
  let ok = true;
  let volatile = false;
  walk(expr, (node) => {
    if (!ok || !isExpression(node)) return false;
    if (node.class === 'CAST') return;
    if (node.class === 'CONSTANT') {
      // JSON.parse rounds integers beyond 2^53: such a literal can't be evaluated faithfully.
      const value = isNode(node.value) ? node.value.value : undefined;
      if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) ok = false;
      return;
    }
    if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
      const fn = node.function_name.toLowerCase();
      if (NONDETERMINISTIC.test(fn)) ok = false;
      if (NOW_FUNCTIONS.has(fn)) volatile = true;
      return;
    }
    ok = false;
    return false;
  });
  return ok ? volatile : null;
}

/**
 * Evaluates a constant AST expression to micros since the epoch, or null when it can't.
 * `exact`: the value has at most microsecond precision, so `ts > X` ⇔ `ts >= X + 1µs`.
 */
export type TimestampEvaluator = (expr: AstNode) => Promise<{ micros: number; exact: boolean } | null>;

/** Types whose cast to TIMESTAMPTZ loses nothing (unlike TIMESTAMP_NS). */
const EXACT_TYPES = new Set([
  'VARCHAR',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
]);

/** Intersects each reference's bounds, then unions references; undefined = scan all. */
export async function resolveTsRanges(
  conditions: Map<string, TsCondition[][]>,
  evaluate: TimestampEvaluator,
): Promise<Map<string, TsRange | undefined>> {
  const out = new Map<string, TsRange | undefined>();
  for (const [table, refs] of conditions) {
    let union: TsRange | undefined;
    let unbounded = false;
    for (const conds of refs) {
      const range: TsRange = {};
      for (const cond of conds) {
        const lower = cond.op === 'ge' || cond.op === 'gt' || cond.op === 'eq';
        const upper = cond.op === 'le' || cond.op === 'lt' || cond.op === 'eq';
        if (cond.volatile && upper) {
          if (!lower) continue;
        }
        const value = await evaluate(cond.expr);
        if (value === null) continue;
        // Strict comparisons tighten by one microsecond when the bound is exact.
        const step = value.exact ? 1 : 0;
        const micros = value.micros + (cond.op === 'gt' ? step : cond.op === 'lt' ? -step : 0);
        if (lower) range.min = range.min === undefined ? micros : Math.max(range.min, micros);
        if (upper && !cond.volatile)
          range.max = range.max === undefined ? micros : Math.min(range.max, micros);
      }
      if (range.min === undefined && range.max === undefined) {
        unbounded = true;
        break;
      }
      union = union === undefined ? range : unionRange(union, range);
    }
    out.set(table, unbounded ? undefined : union);
  }
  return out;
}

/** `query_location` is often u64 max, which JSON.parse rounds into an invalid value. */
function withoutLocations(expr: AstNode): AstNode {
  return JSON.parse(
    JSON.stringify(expr, (key, value: unknown) => (key === 'query_location' ? 0 : value)),
  ) as AstNode;
}

function unionRange(a: TsRange, b: TsRange): TsRange {
  const out: TsRange = {};
  if (a.min !== undefined && b.min !== undefined) out.min = Math.min(a.min, b.min);
  if (a.max !== undefined && b.max !== undefined) out.max = Math.max(a.max, b.max);
  return out;
}

/**
 * Evaluates with DuckDB itself in the (locked-down) session: the expression is turned back
 * into SQL by `json_deserialize_sql` and cast to TIMESTAMPTZ, so literals mean exactly
 * what they mean in the query (same parser, same session time zone).
 */
export function duckDbTimestampEvaluator(conn: DuckDBConnection): TimestampEvaluator {
  return async (expr) => {
    try {
      const statement = {
        error: false,
        statements: [
          {
            node: {
              type: 'SELECT_NODE',
              modifiers: [],
              cte_map: { map: [] },
              select_list: [withoutLocations(expr)],
              from_table: { type: 'EMPTY', alias: '', sample: null, query_location: 0 },
              where_clause: null,
              group_expressions: [],
              group_sets: [],
              aggregate_handling: 'STANDARD_HANDLING',
              having: null,
              sample: null,
              qualify: null,
            },
            named_param_map: [],
          },
        ],
      };
      const sqlReader = await conn.runAndReadAll('SELECT json_deserialize_sql($1::JSON)', [
        JSON.stringify(statement),
      ]);
      const text = sqlReader.getRows()[0]?.[0];
      if (typeof text !== 'string') return null;
      const reader = await conn.runAndReadAll(
        `SELECT epoch_us(CAST(e AS TIMESTAMPTZ)), typeof(e) FROM (${text}) AS _(e)`,
      );
      const [value, type] = reader.getRows()[0] ?? [];
      if (typeof value !== 'bigint') return null;
      return { micros: Number(value), exact: EXACT_TYPES.has(String(type)) };
    } catch {
      return null;
    }
  };
}
