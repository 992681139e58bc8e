/**
 * Lakewatch's own tables in the lake, shared by every log source (filter on `log_source`):
 *
 * - `lakewatch_dead_letters`: a record that could not be decoded (or transformed) at all, with
 *   the reason, where it came from (input, line, byte offset) and its raw bytes.
 * - `lakewatch_conform_warnings`: a value that could not be converted to its column's type; the
 *   record was written with that field set to null, and this row keeps the original value.
 *
 * Both are ordinary Iceberg tables partitioned by `hour(ts)` (ts = ingest time).
 */
import type { UnboundField, UnboundPartitionField } from '../lake/iceberg/types.js';

export const DEAD_LETTER_TABLE = 'lakewatch_dead_letters';
export const CONFORM_WARNING_TABLE = 'lakewatch_conform_warnings';

export type DeadLetterStage = 'decode' | 'transform' | 'conform';

const ts: UnboundField = { name: 'ts', type: 'timestamptz', required: true, doc: 'Ingest time' };
const origin: UnboundField[] = [
  { name: 'log_source', type: 'string', doc: 'Log source the input was ingested for' },
  { name: 'table_name', type: 'string', doc: 'Table the record was bound for, when known' },
  { name: 'input', type: 'string', doc: 'Input the record came from (file path, upload id)' },
  { name: 'line', type: 'long', doc: '1-based line (or JSON array element) in the input' },
  { name: 'offset', type: 'long', doc: 'Byte offset of the record in the decompressed input' },
];

export const DEAD_LETTER_SCHEMA: UnboundField[] = [
  ts,
  ...origin,
  { name: 'stage', type: 'string', doc: 'decode | transform | conform' },
  { name: 'reason', type: 'string', doc: 'Why the record was dead-lettered' },
  { name: 'raw', type: 'binary', doc: 'The raw bytes of the record (at most 1 MiB)' },
];

export const CONFORM_WARNING_SCHEMA: UnboundField[] = [
  ts,
  ...origin,
  { name: 'field', type: 'string', doc: 'Dotted path of the field set to null' },
  { name: 'value', type: 'string', doc: 'The original value, as JSON text (at most 1 KiB)' },
  { name: 'reason', type: 'string', doc: 'Why the value could not be converted' },
];

export const SYSTEM_PARTITIONING: UnboundPartitionField[] = [{ source: 'ts', transform: 'hour' }];

export interface Origin {
  logSource: string;
  table: string | null;
  input: string;
  line: number;
  offset: number;
}

const MAX_RAW_BYTES = 1 << 20;

/** The columns both system tables share: when, and where the record came from. */
function originColumns(ingestTs: number, origin: Origin): Record<string, unknown> {
  return {
    ts: ingestTs,
    log_source: origin.logSource,
    table_name: origin.table,
    input: origin.input,
    line: origin.line,
    offset: origin.offset,
  };
}

export function deadLetterRow(
  ingestTs: number,
  origin: Origin,
  stage: DeadLetterStage,
  reason: string,
  raw: Uint8Array,
): Record<string, unknown> {
  const bytes = raw.byteLength > MAX_RAW_BYTES ? raw.subarray(0, MAX_RAW_BYTES) : raw;
  return { ...originColumns(ingestTs, origin), stage, reason, raw: bytes };
}

export function conformWarningRow(
  ingestTs: number,
  origin: Origin,
  warning: { field: string; value: string; reason: string },
): Record<string, unknown> {
  return {
    ...originColumns(ingestTs, origin),
    field: warning.field,
    value: warning.value,
    reason: warning.reason,
  };
}
