import type { Command } from 'commander';
import { expandInputs, ingestFiles, type IngestSummary } from '../../pipeline/index.js';
import { formatBytes, formatCount, formatDuration } from '../../util/index.js';
import { CliError, loadLake, withLake, type GlobalOptions } from '../context.js';
import { ingestProgressBar } from '../progress.js';
import { formatDetectionSummary, withRealtime } from '../realtime.js';

interface IngestCommandOptions {
  table?: string;
  json?: boolean;
  progress: boolean;
  detect: boolean;
}

export function registerIngest(program: Command, globals: () => GlobalOptions): void {
  program
    .command('ingest')
    .description(
      "ingest log files (files, directories or globs; gzip/zstd detected) into a log source's tables",
    )
    .argument('<log_source>', 'log source name (log_sources/<dir>/log_source.yml `name`)')
    .argument('<inputs...>', 'files, directories or globs')
    .option('--table <name>', 'write every record to this table of the log source (e.g. digest)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--no-progress', 'do not draw a progress bar')
    .option(
      '--no-detect',
      'do not run realtime detections on these batches, now or later (e.g. a backfill of old logs)',
    )
    .addHelpText('after', '\nExample:\n  lakewatch ingest firewall ./exports/*.csv.gz\n')
    .action(async (logSource: string, specs: string[], opts: IngestCommandOptions) => {
      const lakeDir = loadLake(globals());
      const inputs = await expandInputs(specs);
      const bar = ingestProgressBar(opts.progress && !opts.json);
      const summary = await withLake(lakeDir, (lake) =>
        withRealtime(lake, lakeDir, opts.detect, (realtime) =>
          ingestFiles({
            lake,
            lakeDir,
            logSource,
            inputs,
            table: opts.table,
            commitBytes: positiveIntFromEnv('LAKEWATCH_COMMIT_BYTES'),
            workers: positiveIntFromEnv('LAKEWATCH_INGEST_WORKERS'),
            onProgress: (p) => bar.update(p),
            realtime,
          }),
        ),
      ).finally(() => bar.stop());
      if (opts.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else process.stdout.write(formatIngestSummary(summary));
    });
}

/**
 * Tuning from the environment: LAKEWATCH_COMMIT_BYTES (input bytes per commit, default 256 MiB),
 * LAKEWATCH_INGEST_WORKERS (worker threads, default one per core).
 */
function positiveIntFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!(Number.isInteger(n) && n > 0)) throw new CliError(`${name}=${text}: expected a positive integer`, 2);
  return n;
}

export function formatIngestSummary(s: IngestSummary): string {
  const rate = s.durationMs > 0 ? Math.round((s.read / s.durationMs) * 1000) : 0;
  const lines = [
    `ingested ${s.logSource}: ${formatCount(s.inputs - s.skipped)} of ${formatCount(s.inputs)} inputs ` +
      `(${formatBytes(s.bytesRead)}) in ${formatDuration(s.durationMs)}, ${formatCount(rate)} events/s`,
  ];
  if (s.skipped > 0)
    lines.push(`  skipped        ${formatCount(s.skipped)} inputs already in the ingest ledger`);
  lines.push(`  read           ${formatCount(s.read)}`);
  lines.push(`  committed      ${formatCount(s.committed)}`);
  lines.push(
    `  dead-lettered  ${formatCount(s.deadLettered)}${s.deadLettered ? '  (table lakewatch_dead_letters)' : ''}`,
  );
  if (s.filtered) lines.push(`  dropped        ${formatCount(s.filtered)}  (a VRL program aborted on them)`);
  if (s.skippedByProgram)
    lines.push(
      `  skipped        ${formatCount(s.skippedByProgram)} inputs (select_table_from_payload_metadata aborted)`,
    );
  if (s.conformWarnings) {
    lines.push(
      `  null values    ${formatCount(s.conformWarnings)}  (could not convert; table lakewatch_conform_warnings)`,
    );
  }
  const tables = Object.entries(s.tables);
  if (tables.length) {
    lines.push('  tables:');
    for (const [name, n] of tables) lines.push(`    ${name.padEnd(28)} +${formatCount(n)} rows`);
  }
  const dropped = Object.entries(s.droppedFields).sort((a, b) => b[1] - a[1]);
  if (dropped.length) {
    lines.push(
      `  fields not in the schema (dropped; add them to schema.fields or ecs_field_names to keep them):`,
    );
    for (const [field, n] of dropped.slice(0, 15))
      lines.push(`    ${field.padEnd(40)} ${formatCount(n)} records`);
    if (dropped.length > 15) lines.push(`    … and ${dropped.length - 15} more`);
  }
  if (s.sampleErrors.length) {
    lines.push('  dead letters (first ones):');
    for (const e of s.sampleErrors.slice(0, 5)) lines.push(`    ${e.input}:${e.line}: ${e.reason}`);
  }
  if (s.detections) lines.push(...formatDetectionSummary(s.detections));
  return lines.join('\n') + '\n';
}
