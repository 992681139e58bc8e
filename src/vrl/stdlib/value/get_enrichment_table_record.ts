import { Kind } from '../../types/index.js';
import { VrlError } from '../../value/index.js';
import type { FunctionDef } from '../function.js';
import { ENRICHMENT_PARAMETERS, findRows, resolveTable } from './util/enrichment.js';

/** `get_enrichment_table_record(table, condition, select?, case_sensitive?)`: the one row matching `condition`. */
export const getEnrichmentTableRecord: FunctionDef = {
  name: 'get_enrichment_table_record',
  parameters: ENRICHMENT_PARAMETERS,
  compile(args, ctx) {
    const lookup = resolveTable(args, ctx);
    return {
      kind: Kind.object({}, Kind.any()),
      fallible: true,
      pure: false,
      call: (_table, condition, select) => {
        const rows = findRows(lookup, condition!, select);
        if (rows.length === 0) throw new VrlError('no rows found');
        if (rows.length > 1) throw new VrlError('more than one row found');
        return rows[0]!;
      },
    };
  },
};
