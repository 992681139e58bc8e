/**
 * VRL in the record path, with Matano's semantics (`lib/rust/transformer` in Matano):
 *
 * 1. `ingest.select_table_from_payload_metadata` runs once per input on
 *    `{ __metadata: { s3: { bucket, key, size, sequencer } } }` (the four fields typed, as Matano does):
 *    a string names the table, `null` means `default`, `abort` skips the input.
 * 2. The chosen table's `ingest.expand_records_from_payload` runs once on `{ __raw: <whole input text> }`
 *    and must return an array; each element becomes a record (`abort` yields none).
 * 3. Each record enters as `{ ts: <ingest time>, json: {…} }` or `{ ts, message: "…" }`.
 *    `ingest.select_table_from_payload` runs on it (a string names the table, `null` keeps the input's
 *    table, `abort` drops the record); its changes to the event carry over.
 * 4. The table's `transform` (the log source's and the table's, composed) runs between Matano's prelude
 *    (`.related.ip/hash/user = []`) and footer (`del(.json)`, `. = compact(.)`, `.ecs.version`); `abort`
 *    drops the record, a runtime error dead-letters it with VRL's message.
 *
 * Every program is compiled once, when the transform is built, so a compile error stops the ingest
 * before any data moves and names the file and key it came from.
 */
import path from 'node:path';
import type { LogSource, TableConfig } from '../config/index.js';
import { compileVrl, VrlCompileError, type VrlProgram } from '../vrl/compiler/index.js';
import { formatDiagnostics, shiftDiagnostics, type Diagnostic } from '../vrl/diagnostics/index.js';
import {
  isObject,
  kindDisplay,
  kindOf,
  toText,
  VrlRegex,
  VrlTimestamp,
  type Value,
  type ValueObject,
} from '../vrl/value/index.js';
import { toRfc3339 } from '../vrl/time/index.js';
import type { Envelope, InputInfo, InputSelection, RecordTransform, TransformOutcome } from './transform.js';

export type VrlCompat = 'current' | '0.24';

export interface VrlTransformOptions {
  compat: VrlCompat;
  /** ECS version written to `ecs.version` (Matano's footer). */
  ecsVersion: string;
  timezone?: string;
  /** Pins every record to this table (`ingest --table`): no table selection runs. */
  explicitTable?: TableConfig;
}

/** A VRL program in the lake directory that does not compile. */
export class VrlProgramError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly diagnostics: Diagnostic[],
    readonly rendered: string,
  ) {
    super(`${file}: ${key}: the VRL program does not compile${rendered}`);
    this.name = 'VrlProgramError';
  }
}

const METADATA_PRELUDE =
  '.__metadata.s3.bucket = string!(.__metadata.s3.bucket)\n' +
  '.__metadata.s3.key = string!(.__metadata.s3.key)\n' +
  '.__metadata.s3.size = int!(.__metadata.s3.size)\n' +
  '.__metadata.s3.sequencer = string!(.__metadata.s3.sequencer)\n';

const TRANSFORM_PRELUDE = '.related.ip = []\n.related.hash = []\n.related.user = []\n.related.hosts = []\n';

/**
 * Compiled programs by dialect, timezone and text. Every ingest (each batch of `lakewatch up`)
 * builds its transform anew, and a managed source like Zeek has 43 tables: compiling each once
 * per process keeps a small batch from paying for all of them. Programs hold no run state.
 */
const compiled = new Map<string, VrlProgram>();
const MAX_COMPILED = 512;

/** Compiles `body` after `prelude`; diagnostics point into `body` alone. */
function compileWrapped(
  prelude: string,
  body: string,
  where: { file: string; key: string },
  compat: VrlCompat,
  timezone: string | undefined,
): VrlProgram {
  const key = `${compat}\u0000${timezone ?? ''}\u0000${prelude}${body}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  try {
    const program = compileVrl(prelude + body, { compat, timezone });
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, program);
    return program;
  } catch (error) {
    if (!(error instanceof VrlCompileError)) throw error;
    const diagnostics = shiftDiagnostics(error.diagnostics, prelude.length);
    throw new VrlProgramError(where.file, where.key, diagnostics, formatDiagnostics(body, diagnostics));
  }
}

/** `true` when the source or one of its tables needs the VRL record path. */
export function usesVrl(source: LogSource): boolean {
  const i = source.ingest;
  return (
    source.transform !== undefined ||
    source.tables.some((t) => t.managedTransform !== undefined) ||
    i.selectTableFromPayloadMetadata !== undefined ||
    i.selectTableFromPayload !== undefined ||
    i.expandRecordsFromPayload !== undefined ||
    source.tables.some((t) => t.transform !== undefined || t.ingest.expandRecordsFromPayload !== undefined)
  );
}

interface TableProgram {
  table: TableConfig;
  /** A managed source's mapping: current VRL, with the prelude; the user's `transform` runs after it. */
  managed: VrlProgram | null;
  transform: VrlProgram | null;
  expand: VrlProgram | null;
}

export class VrlTransform implements RecordTransform {
  private readonly tables = new Map<string, TableProgram>();
  private readonly byShortName = new Map<string, TableConfig>();
  private readonly selectMetadata: VrlProgram | null;
  private readonly selectPayload: VrlProgram | null;
  private readonly explicit: TableConfig | undefined;
  /** Tables the user turned off (`enabled: false`, or left out of a managed source's `tables`): what selection sends there is dropped, not dead-lettered. */
  private readonly disabled = new Set<string>();

  constructor(
    private readonly source: LogSource,
    private readonly opts: VrlTransformOptions,
  ) {
    const { compat, timezone } = opts;
    const sourceFile = `log_sources/${source.name}/log_source.yml`;
    this.explicit = opts.explicitTable;
    const ingest = source.ingest;
    this.selectMetadata =
      !this.explicit && ingest.selectTableFromPayloadMetadata
        ? compileWrapped(
            METADATA_PRELUDE,
            ingest.selectTableFromPayloadMetadata,
            { file: sourceFile, key: 'ingest.select_table_from_payload_metadata' },
            compat,
            timezone,
          )
        : null;
    this.selectPayload =
      !this.explicit && ingest.selectTableFromPayload
        ? compileWrapped(
            '',
            ingest.selectTableFromPayload,
            { file: sourceFile, key: 'ingest.select_table_from_payload' },
            compat,
            timezone,
          )
        : null;
    const tables = this.explicit ? [this.explicit] : source.tables.filter((t) => t.enabled);
    for (const t of source.tables) if (!t.enabled) this.disabled.add(t.shortName).add(t.name);
    for (const table of tables) {
      this.byShortName.set(table.shortName, table);
      const where = (key: string) => ({ file: table.file, key });
      this.tables.set(table.name, {
        table,
        managed:
          table.managedTransform !== undefined
            ? compileWrapped(
                TRANSFORM_PRELUDE,
                table.managedTransform,
                {
                  file: `managed log source ${source.managed?.type ?? ''} (table ${table.shortName})`,
                  key: 'transform',
                },
                'current',
                timezone,
              )
            : null,
        transform:
          table.transform !== undefined
            ? compileWrapped(
                table.managedTransform !== undefined ? '' : TRANSFORM_PRELUDE,
                table.transform,
                where('transform'),
                compat,
                timezone,
              )
            : null,
        expand: table.ingest.expandRecordsFromPayload
          ? compileWrapped(
              '',
              table.ingest.expandRecordsFromPayload,
              where('ingest.expand_records_from_payload'),
              compat,
              timezone,
            )
          : null,
      });
    }
  }

  readonly numbers = 'vrl' as const;

  /** True when a table reads whole inputs (`expand_records_from_payload`), so inputs must not be sliced. */
  get readsWholeInputs(): boolean {
    return [...this.tables.values()].some((t) => t.expand !== null);
  }

  selectInput(input: InputInfo): InputSelection {
    if (this.explicit)
      return {
        ok: true,
        table: this.explicit.name,
        expand: this.tables.get(this.explicit.name)?.expand !== null,
      };
    let shortName = 'default';
    if (this.selectMetadata) {
      const event: ValueObject = {
        __metadata: {
          s3: { bucket: input.bucket, key: input.key, size: BigInt(input.size), sequencer: input.sequencer },
        },
      };
      const out = this.selectMetadata.run(event, { metadata: {} });
      if (!out.ok) {
        if (out.error.abort)
          return { ok: false, skip: true, reason: 'select_table_from_payload_metadata aborted' };
        return {
          ok: false,
          reason: `log source "${this.source.name}": select_table_from_payload_metadata failed: ${out.error.message}`,
        };
      }
      if (typeof out.value === 'string') shortName = out.value;
      else if (out.value !== null)
        return {
          ok: false,
          reason: `select_table_from_payload_metadata returned ${describe(out.value)}, expected a table name or null`,
        };
    }
    // a source whose one table is not `default` (Suricata's `eve`) needs no selection to use it
    const only =
      !this.selectMetadata && this.tables.size === 1 ? [...this.tables.values()][0]!.table : undefined;
    const table = this.byShortName.get(shortName) ?? this.byName(shortName) ?? only;
    if (!table && this.disabled.has(shortName))
      return { ok: false, skip: true, reason: `table "${shortName}" is disabled` };
    if (!table) {
      if (this.selectPayload) return { ok: true, table: undefined, expand: false };
      return {
        ok: false,
        reason: `select_table_from_payload_metadata chose table "${shortName}", which log source "${this.source.name}" does not have (or is disabled)`,
      };
    }
    return { ok: true, table: table.name, expand: this.tables.get(table.name)!.expand !== null };
  }

  expandPayload(table: string, raw: string): { ok: true; records: Value[] } | { ok: false; reason: string } {
    const program = this.tables.get(table)?.expand;
    if (!program) return { ok: false, reason: `table "${table}" has no expand_records_from_payload` };
    const out = program.run({ __raw: raw }, { metadata: {} });
    if (!out.ok) {
      if (out.error.abort) return { ok: true, records: [] };
      return { ok: false, reason: `Failed to expand records for table ${table}: ${out.error.message}` };
    }
    if (!Array.isArray(out.value)) {
      return {
        ok: false,
        reason: `expand_records_from_payload returned ${describe(out.value)}; expected an array`,
      };
    }
    return { ok: true, records: out.value };
  }

  apply(envelope: Envelope, inputTable?: string): TransformOutcome {
    const event: ValueObject = { ts: new VrlTimestamp(BigInt(envelope.ts) * 1000n) };
    if (envelope.json !== undefined) event.json = envelope.json as unknown as Value;
    else event.message = envelope.message ?? '';
    let tableName: string | undefined = inputTable ?? this.defaultTableName();
    if (this.selectPayload) {
      const out = this.selectPayload.run(event, { metadata: {} });
      if (!out.ok) {
        if (out.error.abort) return { ok: true, events: [] };
        return {
          ok: false,
          reason: `log source "${this.source.name}": Failed to select table: ${out.error.message}`,
        };
      }
      if (typeof out.value === 'string') {
        const chosen = this.byShortName.get(out.value) ?? this.byName(out.value);
        if (!chosen && this.disabled.has(out.value)) return { ok: true, events: [] };
        if (!chosen) {
          return {
            ok: false,
            reason: `select_table_from_payload chose table "${out.value}", which log source "${this.source.name}" does not have (or is disabled)`,
          };
        }
        tableName = chosen.name;
      } else if (out.value !== null) {
        return {
          ok: false,
          reason: `select_table_from_payload returned ${describe(out.value)}, expected a table name or null`,
        };
      }
    }
    if (tableName === undefined)
      return {
        ok: false,
        reason: `log source "${this.source.name}": no table chosen for the record (select_table_from_payload returned null and the source has no default table)`,
      };
    const program = this.tables.get(tableName);
    if (!program)
      return { ok: false, reason: `log source "${this.source.name}" has no enabled table "${tableName}"` };
    let result: Value = event;
    for (const step of [program.managed, program.transform]) {
      if (!step) continue;
      const out = step.run(result, { metadata: {} });
      if (!out.ok) {
        if (out.error.abort) return { ok: true, events: [] };
        return {
          ok: false,
          reason: `Failed to transform log for table ${tableName}: ${out.error.message}`,
          table: tableName,
        };
      }
      result = out.event;
    }
    if (!isObject(result)) {
      return {
        ok: false,
        table: tableName,
        reason: `the transform for table ${tableName} left the event as ${describe(result)}, not an object`,
      };
    }
    delete result.json;
    const compacted = (compactValue(result) as ValueObject | undefined) ?? {};
    const ecs = isObject(compacted.ecs) ? compacted.ecs : (compacted.ecs = {});
    ecs.version = this.opts.ecsVersion;
    return {
      ok: true,
      events: [{ table: tableName, event: toRecord(compacted) as Record<string, unknown> }],
    };
  }

  /**
   * The table of a record nothing chose a table for: the pinned or `default` table; the only
   * table of a one-table source; none when a source with several tables selects per record.
   */
  private defaultTableName(): string | undefined {
    const table = this.explicit ?? this.byShortName.get('default');
    if (table) return table.name;
    if (this.selectPayload && this.tables.size > 1) return undefined;
    return [...this.tables.values()][0]!.table.name;
  }

  private byName(name: string): TableConfig | undefined {
    return this.tables.get(name)?.table;
  }
}

/** The input's metadata as Matano's S3 notifications give it; local files use the file name as key. */
export function localInputInfo(filePath: string, size: number, root?: string): InputInfo {
  const key = root ? path.relative(root, filePath) : path.basename(filePath);
  return { path: filePath, bucket: '', key: key.split(path.sep).join('/'), size, sequencer: '' };
}

/** A value's kind with an article, for messages (`an integer`, `a string`). */
function describe(value: Value): string {
  const kind = kindDisplay(kindOf(value));
  return kind === 'null' ? 'null' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * VRL's `compact` with its defaults (recursive; drops null, empty strings, empty arrays and objects):
 * Matano's footer `. = compact(.)`. Returns `undefined` for a value that compacts away.
 */
export function compactValue(value: Value): Value | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value instanceof Uint8Array) return value.length === 0 ? undefined : value;
  if (Array.isArray(value)) {
    const out: Value[] = [];
    for (const item of value) {
      const c = compactValue(item);
      if (c !== undefined) out.push(c);
    }
    return out.length === 0 ? undefined : out;
  }
  if (isObject(value)) {
    let any = false;
    for (const key of Object.keys(value)) {
      const c = compactValue(value[key]!);
      if (c === undefined) delete value[key];
      else {
        value[key] = c;
        any = true;
      }
    }
    return any ? value : undefined;
  }
  return value;
}

/**
 * A VRL event as the conformer takes records: integers stay bigint, timestamps become RFC 3339 text
 * with nanoseconds, bytes that are not UTF-8 are decoded lossily, regexes become their pattern.
 */
export function toRecord(value: Value): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toRecord);
  if (value instanceof VrlTimestamp) return toRfc3339(value.ns, { seconds: 'nanos' });
  if (value instanceof Uint8Array) return toText(value);
  if (value instanceof VrlRegex) return value.pattern;
  for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = toRecord(value[key]!);
  return value;
}
