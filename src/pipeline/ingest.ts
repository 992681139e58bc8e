/**
 * Ingest files for one log source: decode → transform → conform → write Parquet → commit.
 *
 * Exactly once per input: each input is identified by location (path+size+mtime) and by
 * content (sha256); both identities go into the ingest ledger in the SAME catalog transaction
 * that swaps the tables' metadata pointers. An input already in the ledger is skipped; a crash
 * before the commit leaves only unreferenced Parquet files (removed by `maintain`), so a re-run
 * writes every event exactly once.
 *
 * Inputs are grouped into commits of about `commitBytes` of input so that many small files do
 * not make many tiny snapshots; every table touched by a group gets one snapshot, all in one
 * transaction with the group's ledger rows.
 */
import { createReadStream } from 'node:fs';
import type { LakeDirectory, LogSource, TableConfig } from '../config/index.js';
import type { DataFileWriter, Lake, LedgerEntry, Table, TableAppend } from '../lake/index.js';
import { createConformer, type Conformer } from '../schema/index.js';
import { decode } from '../sources/decode/index.js';
import { contentKey, locationKey, sha256File, type InputFile } from './inputs.js';
import { emptySummary, type IngestProgress, type IngestSummary } from './summary.js';
import {
  CONFORM_WARNING_SCHEMA,
  CONFORM_WARNING_TABLE,
  DEAD_LETTER_SCHEMA,
  DEAD_LETTER_TABLE,
  SYSTEM_PARTITIONING,
  conformWarningRow,
  deadLetterRow,
  type Origin,
} from './system-tables.js';
import { resolveTransform, type Envelope, type RecordTransform } from './transform.js';

export interface IngestOptions {
  lake: Lake;
  lakeDir: LakeDirectory;
  logSource: string;
  inputs: InputFile[];
  /** Pin every record to one table of the source (short name like `digest`, or resolved name). */
  table?: string;
  /** Group inputs into one commit up to about this many input bytes. Default 256 MiB. */
  commitBytes?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Clock in microseconds since the epoch (tests pin it). */
  nowMicros?: () => number;
}

export class IngestConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestConfigError';
  }
}

const MAX_SAMPLE_ERRORS = 20;

interface Target {
  config: TableConfig | null;
  table: Table;
  conformer: Conformer | null;
  writer: DataFileWriter | null;
  pending: number;
}

export function findLogSource(lakeDir: LakeDirectory, name: string): LogSource {
  const source = lakeDir.logSources.find((s) => s.name === name);
  if (!source) {
    const known = lakeDir.logSources.map((s) => s.name).join(', ') || '(none)';
    throw new IngestConfigError(`no log source named "${name}" in ${lakeDir.dir} (log sources: ${known})`);
  }
  if (!source.enabled)
    throw new IngestConfigError(`log source "${name}" is disabled (enabled: false in ${source.file})`);
  return source;
}

function findTable(source: LogSource, name: string): TableConfig {
  const table = source.tables.find((t) => t.name === name || t.shortName === name);
  if (!table) {
    const known = source.tables.map((t) => t.name).join(', ');
    throw new IngestConfigError(`log source "${source.name}" has no table "${name}" (tables: ${known})`);
  }
  if (!table.enabled)
    throw new IngestConfigError(`table "${table.name}" is disabled (enabled: false in ${table.file})`);
  return table;
}

export async function ingestFiles(opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const source = findLogSource(opts.lakeDir, opts.logSource);
  const explicit = opts.table !== undefined ? findTable(source, opts.table) : undefined;
  const transform = resolveTransform(source, explicit);
  const defaultTable = explicit ?? source.tables.find((t) => t.shortName === 'default') ?? source.tables[0];
  if (!defaultTable) throw new IngestConfigError(`log source "${source.name}" has no tables`);
  const run = new IngestRun(opts, source, defaultTable, transform);
  try {
    await run.execute();
  } finally {
    run.summary.durationMs = Date.now() - started;
    run.summary.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  }
  return run.summary;
}

class IngestRun {
  readonly summary: IngestSummary;
  private readonly targets = new Map<string, Target>();
  private readonly seen = new Set<string>();
  private readonly now: () => number;
  private group: { ledger: LedgerEntry[]; bytes: number; pendingRead: number; pendingDead: number } = {
    ledger: [],
    bytes: 0,
    pendingRead: 0,
    pendingDead: 0,
  };
  private progress: IngestProgress;

  constructor(
    private readonly opts: IngestOptions,
    private readonly source: LogSource,
    private readonly defaultTable: TableConfig,
    private readonly transform: RecordTransform,
  ) {
    this.summary = emptySummary(source.name, opts.inputs.length);
    this.now = opts.nowMicros ?? (() => Date.now() * 1000);
    this.progress = {
      filesDone: 0,
      filesTotal: opts.inputs.length,
      bytesRead: 0,
      bytesTotal: opts.inputs.reduce((n, i) => n + i.size, 0),
      records: 0,
    };
  }

  async execute(): Promise<void> {
    const commitBytes = this.opts.commitBytes ?? 256 * 1024 * 1024;
    try {
      for (const input of this.opts.inputs) {
        await this.ingestInput(input);
        this.progress.filesDone++;
        this.report(undefined);
        if (this.group.bytes >= commitBytes) await this.commitGroup();
      }
      await this.commitGroup();
    } catch (err) {
      await this.abortGroup();
      throw err;
    }
  }

  private report(current: string | undefined): void {
    this.progress.currentInput = current;
    this.opts.onProgress?.({ ...this.progress });
  }

  private async ingestInput(input: InputFile): Promise<void> {
    const { lake } = this.opts;
    const byLocation = locationKey(this.source.name, input);
    if (this.seen.has(byLocation) || (await lake.ledgerHas(byLocation))) {
      this.summary.skipped++;
      this.progress.bytesTotal -= input.size;
      return;
    }
    const byContent = contentKey(this.source.name, await sha256File(input.path));
    if (this.seen.has(byContent) || (await lake.ledgerHas(byContent))) {
      this.summary.skipped++;
      this.progress.bytesTotal -= input.size;
      return;
    }
    this.seen.add(byLocation).add(byContent);

    const ingestTs = this.now();
    const origin: Origin = {
      logSource: this.source.name,
      table: null,
      input: input.path,
      line: 0,
      offset: 0,
    };
    const ingest = this.defaultTable.ingest;
    const progress = this.progress;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of createReadStream(input.path, { highWaterMark: 1 << 20 })) {
        progress.bytesRead += (chunk as Buffer).byteLength;
        yield chunk as Buffer;
      }
    }
    let lastReport = 0;
    const items = decode(counted(), {
      source: input.path,
      format: ingest.format ?? 'auto',
      csvHeaders: ingest.csvHeaders,
    });
    for await (const batch of items) {
      for (const item of batch) {
        this.group.pendingRead++;
        origin.line = item.line;
        origin.offset = item.offset;
        if (item.kind === 'error') {
          origin.table = null;
          await this.deadLetter(ingestTs, origin, 'decode', item.reason, item.raw);
          continue;
        }
        const envelope: Envelope =
          'json' in item.value
            ? { ts: ingestTs, json: item.value.json }
            : { ts: ingestTs, message: item.value.message };
        const outcome = this.transform.apply(envelope);
        if (!outcome.ok) {
          await this.deadLetter(ingestTs, origin, 'transform', outcome.reason, rawOf(item.value));
          continue;
        }
        for (const { table, event } of outcome.events) {
          await this.writeEvent(ingestTs, origin, table ?? this.defaultTable.name, event);
        }
      }
      this.progress.records = this.summary.read + this.group.pendingRead;
      const now = Date.now();
      if (now - lastReport > 200) {
        lastReport = now;
        this.report(input.path);
      }
    }
    this.summary.bytesRead += input.size;
    this.group.bytes += input.size;
    const details = { size: input.size, mtimeMs: input.mtimeMs };
    this.group.ledger.push(
      { key: byLocation, logSource: this.source.name, input: input.path, details },
      { key: byContent, logSource: this.source.name, input: input.path, details },
    );
  }

  private async writeEvent(
    ingestTs: number,
    origin: Origin,
    tableName: string,
    event: Record<string, unknown>,
  ) {
    const target = await this.target(tableName);
    origin.table = tableName;
    if (!target) {
      const reason = `transform selected table "${tableName}", which log source "${this.source.name}" does not have`;
      await this.deadLetter(ingestTs, origin, 'transform', reason, Buffer.from(JSON.stringify(event)));
      return;
    }
    const result = target.conformer!.conform(event);
    if (result.row.ts === null || result.row.ts === undefined) result.row.ts = ingestTs;
    for (const warning of result.warnings) {
      this.summary.conformWarnings++;
      const warnings = await this.systemTarget(CONFORM_WARNING_TABLE);
      await this.writerOf(warnings).write(conformWarningRow(ingestTs, origin, warning));
    }
    for (const field of result.dropped) {
      this.summary.droppedFields[field] = (this.summary.droppedFields[field] ?? 0) + 1;
    }
    await this.writerOf(target).write(result.row);
    target.pending++;
  }

  private async deadLetter(
    ingestTs: number,
    origin: Origin,
    stage: 'decode' | 'transform' | 'conform',
    reason: string,
    raw: Uint8Array,
  ): Promise<void> {
    const target = await this.systemTarget(DEAD_LETTER_TABLE);
    await this.writerOf(target).write(deadLetterRow(ingestTs, origin, stage, reason, raw));
    this.group.pendingDead++;
    if (this.summary.sampleErrors.length < MAX_SAMPLE_ERRORS) {
      this.summary.sampleErrors.push({ input: origin.input, line: origin.line, reason });
    }
  }

  private writerOf(target: Target): DataFileWriter {
    target.writer ??= this.opts.lake.createWriter(target.table);
    return target.writer;
  }

  private async target(name: string): Promise<Target | null> {
    const existing = this.targets.get(name);
    if (existing) return existing;
    const config = this.source.tables.find((t) => t.name === name && t.enabled);
    if (!config) return null;
    const props = {
      'lakewatch.log-source': this.source.name,
      ...(config.retention ? { 'lakewatch.retention': config.retention.text } : {}),
    };
    const table = await this.opts.lake.ensureTable(config.name, config.schema, config.partitioning, props);
    const target: Target = {
      config,
      table,
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
    const schema = name === DEAD_LETTER_TABLE ? DEAD_LETTER_SCHEMA : CONFORM_WARNING_SCHEMA;
    const table = await this.opts.lake.ensureTable(name, schema, SYSTEM_PARTITIONING, {
      'lakewatch.system': 'true',
    });
    const target: Target = { config: null, table, conformer: null, writer: null, pending: 0 };
    this.targets.set(name, target);
    return target;
  }

  private async commitGroup(): Promise<void> {
    if (this.group.ledger.length === 0) return;
    const appends: TableAppend[] = [];
    for (const [name, target] of this.targets) {
      if (!target.writer) continue;
      const dataFiles = await target.writer.finish();
      target.writer = null;
      if (dataFiles.length > 0) appends.push({ table: name, dataFiles });
    }
    await this.opts.lake.commit(appends, this.group.ledger);
    this.summary.commits += appends.length;
    this.summary.read += this.group.pendingRead;
    this.summary.deadLettered += this.group.pendingDead;
    for (const [name, target] of this.targets) {
      if (target.config && target.pending > 0) {
        this.summary.tables[name] = (this.summary.tables[name] ?? 0) + target.pending;
        this.summary.committed += target.pending;
      }
      target.pending = 0;
    }
    this.group = { ledger: [], bytes: 0, pendingRead: 0, pendingDead: 0 };
  }

  private async abortGroup(): Promise<void> {
    for (const target of this.targets.values()) {
      const writer = target.writer;
      target.writer = null;
      target.pending = 0;
      if (writer) await writer.abort().catch(() => undefined);
    }
  }
}

function rawOf(value: { json: Record<string, unknown> } | { message: string }): Uint8Array {
  return Buffer.from('json' in value ? JSON.stringify(value.json) : value.message);
}
