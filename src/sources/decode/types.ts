export interface DecodeOptions {
  /** The input's name, e.g. the file path; every error names it. */
  source: string;
  /** Default `'auto'`: JSON array, JSON lines, concatenated JSON or text, detected from content. */
  format?: 'auto' | 'json' | 'csv' | 'text';
  /** Matano `ingest.csv_headers`: implies CSV, and the first line is data, not a header. */
  csvHeaders?: string[];
  /** CSV field delimiter (one character); default `,`. */
  csvDelimiter?: string | undefined;
  /** Longest accepted line (or JSON array element / JSON value). Default 256 MiB. Longer ones are dead-lettered. */
  maxLineBytes?: number;
  /** Items per yielded batch. Default 2048. */
  batchSize?: number;
  /**
   * The input is a slice of a larger uncompressed line-framed body that starts at a line boundary:
   * no detection, framing as `framing`, and lines/offsets counted from `line`/`offset`.
   */
  slice?: { framing: 'json-lines' | 'text'; line: number; offset: number };
  /**
   * How JSON numbers are read. `js` (default): numbers, with integers past 2^53 as bigint.
   * `vrl`: VRL's kinds — every integer a bigint and every literal with a fraction or exponent a float.
   */
  numbers?: 'js' | 'vrl';
}

export type DecodedValue = { json: Record<string, unknown> } | { message: string };

export type DecodedItem =
  | { kind: 'record'; line: number; offset: number; value: DecodedValue }
  | { kind: 'error'; line: number; offset: number; reason: string; raw: Uint8Array };

/** Receives items from framers/formats (synchronously, in input order). */
export type ItemSink = (item: DecodedItem) => void;

export const DEFAULT_MAX_LINE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_BATCH_SIZE = 2048;
/** How much of an over-long line is kept as the dead letter's raw bytes. */
export const MAX_RAW_ERROR_BYTES = 1024 * 1024;
