/** Shared compile step of the enrichment table functions (`get_enrichment_table_record`, `find_enrichment_table_records`). */
import { K } from '../../../types/index.js';
import {
  expectedKind,
  hasField,
  isBytes,
  isObject,
  kindDisplay,
  kindOf,
  requireText,
  toText,
  VrlError,
  VrlTimestamp,
  type Value,
  type ValueObject,
} from '../../../value/index.js';
import {
  FunctionCompileError,
  optional,
  required,
  type ArgumentInfo,
  type CompileContext,
  type EnrichmentTable,
  type Parameter,
} from '../../function.js';

export const ENRICHMENT_PARAMETERS: readonly Parameter[] = [
  required('table', K.BYTES),
  required('condition', K.OBJECT),
  optional('select', K.ARRAY),
  optional('case_sensitive', K.BOOLEAN),
];

export interface EnrichmentLookup {
  table: EnrichmentTable;
  caseSensitive: boolean;
}

/** Resolves the static table name (E610 when it is not a known table) and the static `case_sensitive`. */
export function resolveTable(
  args: readonly (ArgumentInfo | undefined)[],
  ctx: CompileContext,
): EnrichmentLookup {
  const name = args[0]?.constant?.value;
  if (name === undefined || !isBytes(name)) {
    throw new FunctionCompileError(402, 'expected static expression for argument "table"', 0);
  }
  const tableName = toText(name);
  const table = ctx.enrichmentTables.get(tableName);
  if (!table) {
    const known = [...ctx.enrichmentTables.keys()].sort();
    throw new FunctionCompileError(
      610,
      `unknown enrichment table "${tableName}"`,
      0,
      known.length > 0
        ? [`known tables: ${known.map((t) => `"${t}"`).join(', ')}`]
        : ['no enrichment tables are loaded'],
    );
  }
  let caseSensitive = true;
  if (args[3] !== undefined) {
    const value = args[3].constant?.value;
    if (typeof value !== 'boolean') {
      throw new FunctionCompileError(402, 'expected static expression for argument "case_sensitive"', 3);
    }
    caseSensitive = value;
  }
  return { table, caseSensitive };
}

/** Runs the lookup: validates `{from, to}` range conditions and the `select` list, then asks the table. */
export function findRows(
  lookup: EnrichmentLookup,
  condition: Value,
  select: Value | undefined,
): ValueObject[] {
  const conditions = condition as ValueObject;
  for (const key of Object.keys(conditions)) {
    const value = conditions[key]!;
    if (isObject(value) && hasField(value, 'from') && hasField(value, 'to')) {
      if (!(value.from instanceof VrlTimestamp)) throw new VrlError('from in condition must be a timestamp');
      if (!(value.to instanceof VrlTimestamp)) throw new VrlError('to in condition must be a timestamp');
    }
  }
  let columns: string[] | undefined;
  if (select !== undefined) {
    if (!Array.isArray(select)) throw expectedKind('array', kindDisplay(kindOf(select)));
    columns = select.map(requireText);
  }
  return lookup.table.find(conditions, { caseSensitive: lookup.caseSensitive, select: columns });
}
