/**
 * The transform seam: what happens to a record between decoding and conforming.
 *
 * Every decoded record enters as Matano's envelope — `{ ts, json }` for structured input or
 * `{ ts, message }` for a text line — and a transform turns it into zero or more events, each
 * bound for a table of the log source. With no VRL configured, `.json`'s fields map onto the
 * table schema by name (`identityTransform`). Sources with VRL (`transform`,
 * `select_table_from_payload*`, `expand_records_from_payload`) get a `VrlTransform`
 * (vrl-transform.ts), which also decides per input which table it feeds and whether its records
 * are expanded from the whole payload.
 */
import path from 'node:path';
import type { LakeDirectory, LogSource, TableConfig } from '../config/index.js';
import { ecsCatalog } from '../schema/index.js';
import { usesVrl, VrlTransform, type VrlCompat } from './vrl-transform.js';

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

export type TransformOutcome =
  | { ok: true; events: TransformedEvent[] }
  /** `table`: the resolved table the record was bound for, when it was known. */
  | { ok: false; reason: string; table?: string };

/** An input as table selection sees it (Matano's S3 object metadata; local files have no bucket). */
export interface InputInfo {
  path: string;
  bucket: string;
  key: string;
  size: number;
  sequencer: string;
}

export type InputSelection =
  /** `table` undefined: records pick their table (`select_table_from_payload`). */
  | { ok: true; table: string | undefined; expand: boolean }
  /** `skip`: the program chose to skip the input (`abort`); otherwise the input is dead-lettered. */
  | { ok: false; reason: string; skip?: boolean };

export interface RecordTransform {
  /** `vrl`: the decoder reads JSON numbers with VRL's kinds (integer vs float). */
  readonly numbers?: 'js' | 'vrl';
  /** True when some table expands records from whole inputs, which must then not be sliced. */
  readonly readsWholeInputs?: boolean;
  /** Per input, before decoding: the table it feeds (`select_table_from_payload_metadata`). */
  selectInput?(input: InputInfo): InputSelection;
  /** The records of a whole input (`expand_records_from_payload`). */
  expandPayload?(
    table: string,
    raw: string,
  ): { ok: true; records: unknown[] } | { ok: false; reason: string };
  apply(envelope: Envelope, inputTable?: string): TransformOutcome;
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

/** Picks the transform for a log source; `explicitTable` pins every record to one table. */
export function resolveTransform(
  source: LogSource,
  explicitTable?: TableConfig,
  vrl: { compat: VrlCompat; ecsVersion: string } = { compat: 'current', ecsVersion: ecsCatalog().version },
): RecordTransform {
  const needsVrl = explicitTable
    ? explicitTable.transform !== undefined ||
      explicitTable.managedTransform !== undefined ||
      explicitTable.ingest.expandRecordsFromPayload !== undefined
    : usesVrl(source);
  if (!needsVrl) return identityTransform;
  return new VrlTransform(source, { ...vrl, explicitTable });
}

/** The VRL dialect of a lake directory: `vrl_version` if set, else 0.24 for a Matano directory. */
export function vrlCompatOf(lakeDir: LakeDirectory): VrlCompat {
  const version = lakeDir.project.vrlVersion;
  if (version !== undefined) return /^0\.(1\d|2[0-4])(\.|$)/.test(version.trim()) ? '0.24' : 'current';
  return path.basename(lakeDir.configFile) === 'matano.config.yml' ? '0.24' : 'current';
}
