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
 * transaction with the group's ledger rows. Within a group, inputs are spread over executors:
 * one worker thread per core when there are several inputs, else this thread.
 */
import { availableParallelism } from 'node:os';
import type { LakeDirectory, TableConfig } from '../config/index.js';
import type { Lake, LedgerEntry, TableAppend } from '../lake/index.js';
import { LocalExecutor, WorkerExecutor, workerInit, type GroupExecutor } from './executor.js';
import type { GroupResult } from './group-writer.js';
import {
  contentKey,
  lineFraming,
  locationKey,
  sha256File,
  sliceInput,
  type InputFile,
  type WorkUnit,
} from './inputs.js';
import { findLogSource, findTable, IngestConfigError } from './sources.js';
import { emptySummary, type IngestProgress, type IngestSummary } from './summary.js';
import {
  CONFORM_WARNING_SCHEMA,
  CONFORM_WARNING_TABLE,
  DEAD_LETTER_SCHEMA,
  DEAD_LETTER_TABLE,
  SYSTEM_PARTITIONING,
} from './system-tables.js';
import { resolveTransform, vrlCompatOf } from './transform.js';
import { ecsCatalog } from '../schema/index.js';
import type { Realtime } from '../detect/realtime.js';

export { IngestConfigError };

export interface IngestOptions {
  lake: Lake;
  lakeDir: LakeDirectory;
  logSource: string;
  inputs: InputFile[];
  /** Pin every record to one table of the source (short name like `digest`, or resolved name). */
  table?: string;
  /** Group inputs into one commit up to about this many input bytes. Default 256 MiB. */
  commitBytes?: number;
  /** Worker threads; default one per core when there is more than one unit of work, 1 = this thread only. */
  workers?: number;
  /** Uncompressed JSON-lines/text inputs of at least twice this size are cut into slices of about it. Default 128 MiB. */
  sliceBytes?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Clock in microseconds since the epoch (tests pin it). */
  nowMicros?: () => number;
  /** Realtime detections: run on every batch after it is committed (see detect/realtime). */
  realtime?: Realtime;
}

const SAMPLE_ERRORS = 20;

interface PendingInput {
  input: InputFile;
  ledger: LedgerEntry[];
  /** The input whole, or its slices when several workers can share a big line-framed file. */
  units: WorkUnit[];
}

export async function ingestFiles(opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { lake, lakeDir } = opts;
  const source = findLogSource(lakeDir, opts.logSource);
  const explicit = opts.table !== undefined ? findTable(source, opts.table) : undefined;
  const transform = resolveTransform(source, explicit, {
    compat: vrlCompatOf(lakeDir),
    ecsVersion: ecsCatalog().version,
  });
  const defaultTable =
    explicit ??
    source.tables.find((t) => t.shortName === 'default' && t.enabled) ??
    source.tables.find((t) => t.enabled);
  if (!defaultTable) throw new IngestConfigError(`log source "${source.name}" has no enabled tables`);

  const summary = emptySummary(source.name, opts.inputs.length);
  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: opts.inputs.length,
    bytesRead: 0,
    bytesTotal: opts.inputs.reduce((n, i) => n + i.size, 0),
    records: 0,
  };
  const report = () => opts.onProgress?.({ ...progress });
  try {
    const todo = await pendingInputs(opts, source.name, summary, progress);
    report();
    const tables = explicit ? [explicit] : source.tables.filter((t) => t.enabled);
    if (opts.realtime) {
      // snapshots a crashed run committed but did not detect on come first
      await opts.realtime.prepare(tables.map((t) => t.name));
      await opts.realtime.catchUp();
    }
    if (todo.length > 0) {
      await ensureTables(lake, tables, source.name);
      const maxWorkers = Math.max(1, opts.workers ?? availableParallelism());
      if (maxWorkers > 1 && !transform.readsWholeInputs)
        await sliceBigInputs(todo, defaultTable, opts.sliceBytes ?? 128 * 1024 * 1024);
      const units = todo.reduce((n, t) => n + t.units.length, 0);
      let lastReport = 0;
      const onProgress = (bytes: number, records: number) => {
        progress.bytesRead += bytes;
        progress.records += records;
        const now = Date.now();
        if (now - lastReport > 200) {
          lastReport = now;
          report();
        }
      };
      const workers = Math.min(maxWorkers, units);
      const executors: GroupExecutor[] =
        workers === 1
          ? [new LocalExecutor(lake, source, defaultTable.name, transform, onProgress)]
          : Array.from(
              { length: workers },
              () =>
                new WorkerExecutor(
                  workerInit(lake, lakeDir, source.name, defaultTable.name, opts.table),
                  onProgress,
                ),
            );
      try {
        for (const group of commitGroups(todo, opts.commitBytes ?? 256 * 1024 * 1024)) {
          await runGroup(opts, executors, group, summary, () => {
            progress.filesDone++;
            report();
          });
        }
      } finally {
        await Promise.all(executors.map((e) => e.close()));
      }
    }
  } finally {
    if (opts.realtime) {
      const d = opts.realtime.takeSummary();
      if (d.records > 0 || d.loadErrors.length > 0 || d.deliveries.sent + d.deliveries.failed > 0)
        summary.detections = d;
    }
    summary.durationMs = Date.now() - started;
    summary.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  }
  return summary;
}

/** Drops inputs the ledger (or this run) already has; returns the rest with their ledger rows. */
async function pendingInputs(
  opts: IngestOptions,
  logSource: string,
  summary: IngestSummary,
  progress: IngestProgress,
): Promise<PendingInput[]> {
  const seen = new Set<string>();
  const todo: PendingInput[] = [];
  for (const input of opts.inputs) {
    const details = { size: input.size, mtimeMs: input.mtimeMs };
    if (input.identity !== undefined) {
      if (seen.has(input.identity) || (await opts.lake.ledgerHas(input.identity))) {
        summary.skipped++;
        progress.filesDone++;
        progress.bytesTotal -= input.size;
        continue;
      }
      seen.add(input.identity);
      todo.push({
        input,
        units: [{ input }],
        ledger: [{ key: input.identity, logSource, input: input.path, details }],
      });
      continue;
    }
    const byLocation = locationKey(logSource, input);
    let skip = seen.has(byLocation) || (await opts.lake.ledgerHas(byLocation));
    let byContent = '';
    if (!skip) {
      byContent = contentKey(logSource, await sha256File(input.path));
      skip = seen.has(byContent) || (await opts.lake.ledgerHas(byContent));
    }
    if (skip) {
      summary.skipped++;
      progress.filesDone++;
      progress.bytesTotal -= input.size;
      continue;
    }
    seen.add(byLocation).add(byContent);
    todo.push({
      input,
      units: [{ input }],
      ledger: [
        { key: byLocation, logSource, input: input.path, details },
        { key: byContent, logSource, input: input.path, details },
      ],
    });
  }
  return todo;
}

/** Creates (or evolves) every table the ingest may write, before any thread writes to them. */
async function ensureTables(lake: Lake, tables: TableConfig[], logSource: string): Promise<void> {
  for (const t of tables) {
    const props: Record<string, string> = { 'lakewatch.log-source': logSource };
    if (t.retention) props['lakewatch.retention'] = t.retention.text;
    await lake.ensureTable(t.name, t.schema, t.partitioning, props);
  }
  await lake.ensureTable(DEAD_LETTER_TABLE, DEAD_LETTER_SCHEMA, SYSTEM_PARTITIONING, {
    'lakewatch.system': 'true',
  });
  await lake.ensureTable(CONFORM_WARNING_TABLE, CONFORM_WARNING_SCHEMA, SYSTEM_PARTITIONING, {
    'lakewatch.system': 'true',
  });
}

/** Cuts big uncompressed JSON-lines/text inputs into line-aligned slices that workers can share. */
async function sliceBigInputs(todo: PendingInput[], table: TableConfig, sliceBytes: number): Promise<void> {
  const format = table.ingest.csvHeaders?.length ? 'csv' : (table.ingest.format ?? 'auto');
  for (const item of todo) {
    if (item.input.size < 2 * sliceBytes) continue;
    const framing = await lineFraming(item.input, format);
    if (framing) item.units = await sliceInput(item.input, framing, sliceBytes);
  }
}

function* commitGroups(todo: PendingInput[], commitBytes: number): Generator<PendingInput[]> {
  let group: PendingInput[] = [];
  let bytes = 0;
  for (const item of todo) {
    group.push(item);
    bytes += item.input.size;
    if (bytes >= commitBytes) {
      yield group;
      group = [];
      bytes = 0;
    }
  }
  if (group.length > 0) yield group;
}

/** Spreads a group's inputs over the executors, then commits everything they wrote at once. */
async function runGroup(
  opts: IngestOptions,
  executors: GroupExecutor[],
  group: PendingInput[],
  summary: IngestSummary,
  inputDone: () => void,
): Promise<void> {
  const now = opts.nowMicros ?? (() => Date.now() * 1000);
  const units = group.flatMap((g) => g.units);
  const remaining = new Map(group.map((g) => [g.input.path, g.units.length]));
  let next = 0;
  let failed = false;
  const lane = async (executor: GroupExecutor) => {
    while (!failed && next < units.length) {
      const unit = units[next++]!;
      await executor.ingest(unit, now());
      const left = remaining.get(unit.input.path)! - 1;
      remaining.set(unit.input.path, left);
      if (left === 0) inputDone();
    }
  };
  let results: GroupResult[];
  try {
    // Every lane stops taking work once one fails, and all are settled before the abort.
    const lanes = await Promise.allSettled(
      executors.map((e) =>
        lane(e).catch((err: unknown) => {
          failed = true;
          throw err;
        }),
      ),
    );
    const failure = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failure) throw failure.reason;
    results = [];
    for (const executor of executors) results.push(await executor.finish());
  } catch (err) {
    await Promise.all(executors.map((e) => e.abort().catch(() => undefined)));
    throw err;
  }
  const appends = new Map<string, TableAppend>();
  for (const r of results) {
    for (const a of r.appends) {
      const existing = appends.get(a.table);
      if (existing) existing.dataFiles.push(...a.dataFiles);
      else appends.set(a.table, { table: a.table, dataFiles: [...a.dataFiles] });
    }
  }
  const committed = await opts.lake.commit(
    [...appends.values()],
    group.flatMap((g) => g.ledger),
  );
  if (opts.realtime) {
    await opts.realtime.afterCommit(
      committed.tables.map((t) => ({
        table: t.table,
        snapshotId: t.snapshotId,
        sequenceNumber: t.sequenceNumber,
        files: (appends.get(t.table)?.dataFiles ?? []).map((f) => ({
          path: f.filePath,
          recordCount: f.recordCount,
          dataFile: f,
        })),
      })),
    );
  }
  summary.commits += appends.size;
  for (const r of results) {
    summary.read += r.read;
    summary.deadLettered += r.deadLettered;
    summary.conformWarnings += r.conformWarnings;
    summary.filtered += r.filtered;
    summary.skippedByProgram += r.skippedInputs;
    for (const [field, n] of Object.entries(r.droppedFields)) {
      summary.droppedFields[field] = (summary.droppedFields[field] ?? 0) + n;
    }
    for (const [table, n] of Object.entries(r.tables)) {
      summary.tables[table] = (summary.tables[table] ?? 0) + n;
      summary.committed += n;
    }
    for (const e of r.sampleErrors)
      if (summary.sampleErrors.length < SAMPLE_ERRORS) summary.sampleErrors.push(e);
  }
  summary.bytesRead += group.reduce((n, g) => n + g.input.size, 0);
}
