import { Kind } from '../../types/index.js';
import type { FunctionDef } from '../function.js';
import { ENRICHMENT_PARAMETERS, findRows, resolveTable } from './util/enrichment.js';

/** `find_enrichment_table_records(table, condition, select?, case_sensitive?)`: every row matching `condition`. */
export const findEnrichmentTableRecords: FunctionDef = {
  name: 'find_enrichment_table_records',
  parameters: ENRICHMENT_PARAMETERS,
  compile(args, ctx) {
    const lookup = resolveTable(args, ctx);
    return {
      kind: Kind.array(Kind.object({}, Kind.any())),
      fallible: true,
      pure: false,
      call: (_table, condition, select) => findRows(lookup, condition!, select),
    };
  },
};
