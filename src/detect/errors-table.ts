/**
 * `lakewatch_detection_errors`: the first errors of each detection on each batch, with the
 * record it failed on, so a broken detection can be investigated after the ingest summary is
 * gone (`SELECT * FROM lakewatch_detection_errors WHERE detection = 'x' ORDER BY ts DESC`).
 */
import type { UnboundField, UnboundPartitionField } from '../lake/iceberg/types.js';

export const DETECTION_ERRORS_TABLE = 'lakewatch_detection_errors';
export const DETECTION_ERRORS_PARTITIONING: UnboundPartitionField[] = [{ source: 'ts', transform: 'day' }];
/** Rows kept per detection per chunk of records (the rest are only counted). */
export const ERRORS_KEPT_PER_CHUNK = 20;
const MAX_RECORD_CHARS = 64 * 1024;

export const DETECTION_ERRORS_SCHEMA: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true, doc: 'When the detection ran' },
  { name: 'detection', type: 'string' },
  { name: 'table_name', type: 'string', doc: 'Table of the record' },
  { name: 'input', type: 'string', doc: 'Data file of the record' },
  { name: 'position', type: 'long', doc: 'Row of the record in its data file' },
  { name: 'type', type: 'string', doc: 'Exception type, or DetectionTimeout / WorkerExited' },
  { name: 'function', type: 'string', doc: 'The detection function that raised (detect, title, …)' },
  { name: 'message', type: 'string' },
  { name: 'traceback', type: 'string' },
  { name: 'record', type: 'string', doc: 'The record as JSON text (at most 64 KiB)' },
];

export function detectionErrorRow(e: {
  at: number;
  detection: string;
  table: string;
  file: string;
  position: number;
  type: string;
  function?: string;
  message: string;
  traceback: string;
  record: string;
}): Record<string, unknown> {
  return {
    ts: new Date(e.at).toISOString(),
    detection: e.detection,
    table_name: e.table,
    input: e.file,
    position: e.position,
    type: e.type,
    function: e.function ?? null,
    message: e.message,
    traceback: e.traceback,
    record: e.record.length > MAX_RECORD_CHARS ? e.record.slice(0, MAX_RECORD_CHARS) : e.record,
  };
}
