/** A value set to null because it could not be converted (the record is still written). */
export interface ConformWarning {
  /** Dotted path of the field, list indexes in brackets: `source.port`, `tags[3]`, `labels.env`. */
  field: string;
  /** JSON text of the original value, truncated to 1 KiB. */
  value: string;
  /** e.g. `expected long, got string "abc"`. */
  reason: string;
}

export interface ConformResult {
  /** Runtime representation documented in `lake/iceberg/types.ts`. */
  row: Record<string, unknown>;
  warnings: ConformWarning[];
  /** Dotted paths of input fields that are not in the schema (`field[]` inside lists, `field.*` inside maps). */
  dropped: string[];
}

export interface Conformer {
  conform(input: Record<string, unknown>): ConformResult;
}
