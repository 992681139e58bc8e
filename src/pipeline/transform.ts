/**
 * The transform seam: what happens to a record between decoding and conforming.
 *
 * Every decoded record enters as Matano's envelope — `{ ts, json }` for structured input or
 * `{ ts, message }` for a text line — and a transform turns it into zero or more events, each
 * bound for a table of the log source. With no transform configured, `.json`'s fields map onto
 * the table schema by name (`identityTransform`). VRL programs (`transform`,
 * `select_table_from_payload*`, `expand_records_from_payload`) plug in here by implementing
 * `RecordTransform`; until the VRL engine lands, `resolveTransform` refuses such sources with
 * a clear error instead of silently ignoring their programs.
 */
import type { LogSource, TableConfig } from '../config/index.js';

export interface Envelope {
  /** Ingest time, microseconds since the epoch. */
  ts: number;
  json?: Record<string, unknown>;
  message?: string;
}

export interface TransformedEvent {
  /** Resolved table name; undefined means the log source's default table. */
  table?: string;
  event: Record<string, unknown>;
}

export type TransformOutcome = { ok: true; events: TransformedEvent[] } | { ok: false; reason: string };

export interface RecordTransform {
  apply(envelope: Envelope): TransformOutcome;
}

export class TransformUnavailableError extends Error {
  constructor(
    readonly logSource: string,
    readonly keys: string[],
  ) {
    super(
      `log source "${logSource}" uses VRL (${keys.join(', ')}); this Lakewatch build does not run VRL yet. ` +
        `Remove those keys, or pass --table to ingest into one table with fields mapped by name.`,
    );
    this.name = 'TransformUnavailableError';
  }
}

/**
 * No program: the event is `.json` itself (a text line becomes `{ message }`), and `ts` comes
 * from the record's own `ts`, else ECS's `@timestamp`, else the ingest time.
 */
export const identityTransform: RecordTransform = {
  apply(envelope) {
    let event: Record<string, unknown>;
    if (envelope.json !== undefined) {
      event = envelope.json;
      if (event.ts === undefined || event.ts === null) {
        const ecsTimestamp = event['@timestamp'];
        if (ecsTimestamp !== undefined && ecsTimestamp !== null) {
          event.ts = ecsTimestamp;
          delete event['@timestamp'];
        } else {
          event.ts = envelope.ts;
        }
      }
    } else {
      event = { ts: envelope.ts, message: envelope.message };
    }
    return { ok: true, events: [{ event }] };
  },
};

/** VRL keys of a log source or table that need the VRL engine. */
export function vrlKeys(source: LogSource, table?: TableConfig): string[] {
  const keys: string[] = [];
  const ingest = table?.ingest ?? source.ingest;
  if (table?.transform ?? source.transform) keys.push('transform');
  if (ingest.selectTableFromPayloadMetadata) keys.push('ingest.select_table_from_payload_metadata');
  if (ingest.selectTableFromPayload) keys.push('ingest.select_table_from_payload');
  if (ingest.expandRecordsFromPayload) keys.push('ingest.expand_records_from_payload');
  return keys;
}

/** Picks the transform for a log source; `explicitTable` pins every record to one table. */
export function resolveTransform(source: LogSource, explicitTable?: TableConfig): RecordTransform {
  const keys = vrlKeys(source, explicitTable);
  if (explicitTable) {
    // --table bypasses table selection; the table's own transform still has to run.
    const own = keys.filter((k) => k === 'transform' || k === 'ingest.expand_records_from_payload');
    if (own.length > 0) throw new TransformUnavailableError(source.name, own);
    return identityTransform;
  }
  if (keys.length > 0) throw new TransformUnavailableError(source.name, keys);
  return identityTransform;
}
