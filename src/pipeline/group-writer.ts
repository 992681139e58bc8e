/**
 * The record path for one commit group, in one thread: decode an input → transform → conform →
 * buffer into per-table Parquet writers. Nothing here commits; `finish()` hands back the data
 * files and the group's counts, and the orchestrator (ingest.ts) commits them with the ledger.
 *
 * The same class runs in the main thread or in an ingest worker (worker.ts).
 */
import { createReadStream } from 'node:fs';
import type { LogSource } from '../config/index.js';
import { stringifyJson } from '../lake/iceberg/json.js';
import type { DataFileWriter, Lake, Table, TableAppend } from '../lake/index.js';
import { createConformer, type Conformer } from '../schema/index.js';
import { decode, decompress } from '../sources/decode/index.js';
import { localInputInfo, toRecord } from './vrl-transform.js';
import type { WorkUnit } from './inputs.js';
import {
  CONFORM_WARNING_TABLE,
  DEAD_LETTER_TABLE,
  conformWarningRow,
  deadLetterRow,
  type DeadLetterStage,
  type Origin,
} from './system-tables.js';
import type { Envelope, RecordTransform } from './transform.js';

const MAX_SAMPLE_ERRORS = 20;

/** What a commit group produced: data files to commit and the counts they stand for. */
export interface GroupResult {
  appends: TableAppend[];
  read: number;
  deadLettered: number;
  conformWarnings: number;
  droppedFields: Record<string, number>;
  /** Events per source table (system tables excluded). */
  tables: Record<string, number>;
  sampleErrors: { input: string; line: number; reason: string }[];
  /** Records a VRL program dropped with `abort` (Matano's semantics: not an error). */
  filtered: number;
  /** Inputs `select_table_from_payload_metadata` skipped with `abort`. */
  skippedInputs: number;
}

export interface GroupWriterOptions {
  lake: Lake;
  source: LogSource;
  /** Table for events whose transform names none. */
  defaultTable: string;
  transform: RecordTransform;
  /** Called as bytes are read and records decoded (deltas). */
  onProgress?: (bytes: number, records: number) => void;
}

interface Target {
  table: Table;
  system: boolean;
  conformer: Conformer | null;
  writer: DataFileWriter | null;
  pending: number;
}

export class GroupWriter {
  private readonly targets = new Map<string, Target>();
  private result: GroupResult = emptyResult();

  constructor(private readonly opts: GroupWriterOptions) {}

  /** Reads one input (or slice of one) to the end; its rows stay buffered until `finish()`. */
  async ingestInput(unit: WorkUnit, ingestTs: number): Promise<void> {
    const { input, slice } = unit;
    const { source, transform, onProgress } = this.opts;
    const origin: Origin = { logSource: source.name, table: null, input: input.path, line: 0, offset: 0 };
    const tableConfig = source.tables.find((t) => t.name === this.opts.defaultTable);
    const ingest = tableConfig?.ingest ?? source.ingest;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const range = slice ? { start: slice.start, end: slice.end - 1 } : {};
      for await (const chunk of createReadStream(input.path, { highWaterMark: 1 << 20, ...range })) {
        onProgress?.((chunk as Buffer).byteLength, 0);
        yield chunk as Buffer;
      }
    }
    let inputTable: string | undefined = this.opts.defaultTable;
    if (transform.selectInput) {
      const selection = transform.selectInput(localInputInfo(input.path, input.size));
      if (!selection.ok) {
        onProgress?.(slice ? slice.end - slice.start : input.size, 0);
        // A sliced input is selected once per slice: count and dead-letter it once, at its first slice.
        if (slice && slice.start !== 0) return;
        if (selection.skip) {
          this.result.skippedInputs++;
          return;
        }
        this.result.read++;
        await this.deadLetter(ingestTs, origin, 'transform', selection.reason, Buffer.from(input.path));
        return;
      }
      inputTable = selection.table;
      if (selection.expand && inputTable !== undefined) {
        await this.ingestExpanded(chunks(), inputTable, ingestTs, origin);
        return;
      }
    }
    const items = decode(chunks(), {
      source: input.path,
      format: ingest.format ?? 'auto',
      csvHeaders: ingest.csvHeaders,
      csvDelimiter: ingest.csvDelimiter,
      slice: slice && { framing: slice.framing, line: slice.line, offset: slice.start },
      numbers: transform.numbers ?? 'js',
    });
    for await (const batch of items) {
      for (const item of batch) {
        this.result.read++;
        origin.line = item.line;
        origin.offset = item.offset;
        origin.table = inputTable ?? null;
        if (item.kind === 'error') {
          // name where the line was going: the decoder only knows the input
          const where = inputTable
            ? `log source ${source.name}, table ${inputTable}`
            : `log source ${source.name}`;
          await this.deadLetter(ingestTs, origin, 'decode', `${where}: ${item.reason}`, item.raw);
          continue;
        }
        const envelope: Envelope =
          'json' in item.value
            ? { ts: ingestTs, json: item.value.json }
            : { ts: ingestTs, message: item.value.message };
        await this.transformRecord(envelope, inputTable, ingestTs, origin, () => rawOf(item.value));
      }
      onProgress?.(0, batch.length);
    }
  }

  private async transformRecord(
    envelope: Envelope,
    inputTable: string | undefined,
    ingestTs: number,
    origin: Origin,
    raw: () => Uint8Array,
  ): Promise<void> {
    const outcome = this.opts.transform.apply(envelope, inputTable);
    if (!outcome.ok) {
      origin.table = outcome.table ?? inputTable ?? null;
      await this.deadLetter(ingestTs, origin, 'transform', outcome.reason, raw());
      return;
    }
    if (outcome.events.length === 0) this.result.filtered++;
    for (const { table, event } of outcome.events) {
      await this.writeEvent(ingestTs, origin, table ?? this.opts.defaultTable, event);
    }
  }

  /** `expand_records_from_payload`: the whole (decompressed) input is one string for the program. */
  private async ingestExpanded(
    chunks: AsyncIterable<Uint8Array>,
    table: string,
    ingestTs: number,
    origin: Origin,
  ): Promise<void> {
    const { transform, onProgress } = this.opts;
    const parts: Buffer[] = [];
    origin.table = table;
    for await (const chunk of decompress(chunks, origin.input)) parts.push(Buffer.from(chunk));
    const bytes = Buffer.concat(parts);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      this.result.read++;
      await this.deadLetter(
        ingestTs,
        origin,
        'decode',
        `log source ${this.opts.source.name}, table ${table}: input is not valid UTF-8`,
        bytes.subarray(0, 1 << 20),
      );
      return;
    }
    const expanded = transform.expandPayload!(table, text);
    if (!expanded.ok) {
      this.result.read++;
      await this.deadLetter(ingestTs, origin, 'transform', expanded.reason, bytes.subarray(0, 1 << 20));
      return;
    }
    let index = 0;
    for (const record of expanded.records) {
      index++;
      this.result.read++;
      origin.line = index;
      origin.offset = 0;
      origin.table = null;
      if (typeof record === 'string') {
        await this.transformRecord({ ts: ingestTs, message: record }, table, ingestTs, origin, () =>
          Buffer.from(record),
        );
      } else if (
        record !== null &&
        typeof record === 'object' &&
        !Array.isArray(record) &&
        !(record instanceof Uint8Array)
      ) {
        const json = record as Record<string, unknown>;
        await this.transformRecord({ ts: ingestTs, json }, table, ingestTs, origin, () =>
          jsonBytes(toRecord(json as never)),
        );
      } else {
        const reason = `expand_records_from_payload: record ${index} is not an object or a string`;
        await this.deadLetter(ingestTs, origin, 'transform', reason, jsonBytes(toRecord(record as never)));
      }
      if (index % 2048 === 0) onProgress?.(0, 2048);
    }
    onProgress?.(0, index % 2048);
  }

  /** Flushes every writer; returns the group's files and counts and starts a new group. */
  async finish(): Promise<GroupResult> {
    const result = this.result;
    for (const [name, target] of this.targets) {
      if (target.writer) {
        const dataFiles = await target.writer.finish();
        target.writer = null;
        if (dataFiles.length > 0) result.appends.push({ table: name, dataFiles });
      }
      if (!target.system && target.pending > 0) result.tables[name] = target.pending;
      target.pending = 0;
    }
    this.result = emptyResult();
    return result;
  }

  /** Drops the group: deletes files written so far. */
  async abort(): Promise<void> {
    for (const target of this.targets.values()) {
      const writer = target.writer;
      target.writer = null;
      target.pending = 0;
      if (writer) await writer.abort().catch(() => undefined);
    }
    this.result = emptyResult();
  }

  private async writeEvent(
    ingestTs: number,
    origin: Origin,
    tableName: string,
    event: Record<string, unknown>,
  ) {
    origin.table = tableName;
    const target = await this.target(tableName);
    if (!target) {
      const reason = `transform selected table "${tableName}", which log source "${this.opts.source.name}" does not have`;
      await this.deadLetter(ingestTs, origin, 'transform', reason, jsonBytes(event));
      return;
    }
    if (event.ts === null || event.ts === undefined) event.ts = ingestTs;
    const conformed = target.conformer!.conform(event);
    if (conformed.row.ts === null || conformed.row.ts === undefined) conformed.row.ts = ingestTs;
    for (const warning of conformed.warnings) {
      this.result.conformWarnings++;
      const warnings = await this.systemTarget(CONFORM_WARNING_TABLE);
      await this.writerOf(warnings).write(conformWarningRow(ingestTs, origin, warning));
    }
    const dropped = this.result.droppedFields;
    for (const field of conformed.dropped) dropped[field] = (dropped[field] ?? 0) + 1;
    await this.writerOf(target).write(conformed.row);
    target.pending++;
  }

  private async deadLetter(
    ingestTs: number,
    origin: Origin,
    stage: DeadLetterStage,
    reason: string,
    raw: Uint8Array,
  ): Promise<void> {
    const target = await this.systemTarget(DEAD_LETTER_TABLE);
    await this.writerOf(target).write(deadLetterRow(ingestTs, origin, stage, reason, raw));
    this.result.deadLettered++;
    if (this.result.sampleErrors.length < MAX_SAMPLE_ERRORS) {
      this.result.sampleErrors.push({ input: origin.input, line: origin.line, reason });
    }
  }

  private writerOf(target: Target): DataFileWriter {
    target.writer ??= this.opts.lake.createWriter(target.table);
    return target.writer;
  }

  /** A table of the log source (created beforehand by the orchestrator), or null if it has none. */
  private async target(name: string): Promise<Target | null> {
    const existing = this.targets.get(name);
    if (existing) return existing;
    if (!this.opts.source.tables.some((t) => t.name === name && t.enabled)) return null;
    const table = await this.opts.lake.loadTable(name);
    const target: Target = {
      table,
      system: false,
      conformer: createConformer(table.schema()),
      writer: null,
      pending: 0,
    };
    this.targets.set(name, target);
    return target;
  }

  private async systemTarget(name: string): Promise<Target> {
    const existing = this.targets.get(name);
    if (existing) return existing;
    const table = await this.opts.lake.loadTable(name);
    const target: Target = { table, system: true, conformer: null, writer: null, pending: 0 };
    this.targets.set(name, target);
    return target;
  }
}

function emptyResult(): GroupResult {
  return {
    appends: [],
    read: 0,
    deadLettered: 0,
    conformWarnings: 0,
    droppedFields: {},
    tables: {},
    sampleErrors: [],
    filtered: 0,
    skippedInputs: 0,
  };
}

function rawOf(value: { json: Record<string, unknown> } | { message: string }): Uint8Array {
  return 'json' in value ? jsonBytes(value.json) : Buffer.from(value.message);
}

/** JSON text of a decoded record (bigint integers written as JSON numbers). */
function jsonBytes(value: unknown): Buffer {
  return Buffer.from(stringifyJson(value));
}
