import type { Command } from 'commander';
import { openStateDb } from '../../detect/realtime.js';
import { purgeExpired as purgeExpiredRemoteCache } from '../../detect/remotecache/index.js';
import type { LakeDirectory } from '../../config/index.js';
import { INGEST_HISTORY_MAX_AGE_MS, type Lake } from '../../lake/index.js';
import { compactStep, describeResult, expiryStep, retentionStep } from '../../service/schedule.js';
import { parseDuration } from '../../util/index.js';
import { CliError, loadLake, withLake, type GlobalOptions } from '../context.js';

async function targetTables(lake: Lake, name: string | undefined): Promise<string[]> {
  const names = await lake.listTables();
  if (name === undefined) return names;
  if (!names.includes(name))
    throw new CliError(`no table "${name}" in the lake (tables: ${names.join(', ') || 'none'})`);
  return [name];
}

function durationOption(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new CliError(`${flag}: ${(err as Error).message}`, 2);
  }
}

export function registerMaintenance(program: Command, globals: () => GlobalOptions): void {
  program
    .command('compact')
    .description(
      'merge small files of each partition into target-sized files (one atomic replace commit per table)',
    )
    .argument('[table]', 'table to compact (default: all)')
    .option('--target-file-size <mb>', 'target data file size in MiB', '128')
    .addHelpText('after', '\nExample:\n  lakewatch compact auth\n')
    .action(async (name: string | undefined, opts: { targetFileSize: string }) => {
      const lakeDir = loadLake(globals());
      const targetFileSizeBytes = Number(opts.targetFileSize) * 1024 * 1024;
      if (!(targetFileSizeBytes > 0))
        throw new CliError(`--target-file-size ${opts.targetFileSize}: expected MiB > 0`, 2);
      await withLake(lakeDir, async (lake) => {
        for (const table of await targetTables(lake, name)) {
          const result = await lake.compact(table, { targetFileSizeBytes });
          process.stdout.write(`${table}: ${describeResult(result)}\n`);
        }
      });
    });

  program
    .command('expire-snapshots')
    .description('remove snapshots older than a duration, and the files no live snapshot references')
    .argument('[table]', 'table (default: all)')
    .requiredOption('--older-than <duration>', 'e.g. 7d, 12h')
    .option('--retain-last <n>', 'always keep this many most recent snapshots', '1')
    .addHelpText('after', '\nExample:\n  lakewatch expire-snapshots --older-than 7d\n')
    .action(async (name: string | undefined, opts: { olderThan: string; retainLast: string }) => {
      const olderThanMs = durationOption(opts.olderThan, '--older-than');
      const retainLast = Number(opts.retainLast);
      if (!(Number.isInteger(retainLast) && retainLast >= 1)) {
        throw new CliError(`--retain-last ${opts.retainLast}: expected an integer >= 1`, 2);
      }
      const lakeDir = loadLake(globals());
      await withLake(lakeDir, async (lake) => {
        for (const table of await targetTables(lake, name)) {
          const result = await lake.expireSnapshots(table, {
            beforeMs: Date.now() - olderThanMs,
            retainLast,
          });
          process.stdout.write(`${table}: ${describeResult(result)}\n`);
        }
      });
    });

  program
    .command('maintain')
    .description(
      "apply each table's `retention`, compact, expire snapshots older than 7 days, remove orphan files",
    )
    .argument('[table]', 'table (default: all)')
    .option('--snapshot-age <duration>', 'expire snapshots older than this', '7d')
    .addHelpText('after', '\nExample:\n  lakewatch maintain\n')
    .action(async (name: string | undefined, opts: { snapshotAge: string }) => {
      const olderThanMs = durationOption(opts.snapshotAge, '--snapshot-age');
      const lakeDir = loadLake(globals());
      await withLake(lakeDir, (lake) => maintain(lake, lakeDir, name, olderThanMs));
    });
}

export async function maintain(
  lake: Lake,
  lakeDir: LakeDirectory,
  name: string | undefined,
  snapshotAgeMs: number,
) {
  // The same steps the service's schedules run (src/service/schedule.ts).
  for (const table of await targetTables(lake, name)) {
    const parts: string[] = [];
    const retention = await retentionStep(lake, lakeDir, table);
    if (retention !== null) parts.push(retention);
    parts.push(await compactStep(lake, table));
    parts.push(...(await expiryStep(lake, table, snapshotAgeMs)));
    process.stdout.write(`${table}\n  ${parts.join('\n  ')}\n`);
  }
  if (name === undefined) {
    const db = openStateDb(lake);
    try {
      const purged = purgeExpiredRemoteCache(db);
      process.stdout.write(`remotecache\n  expired entries removed: ${purged}\n`);
    } finally {
      db.close();
    }
    const pruned = await lake.pruneIngestHistory({ beforeMs: Date.now() - INGEST_HISTORY_MAX_AGE_MS });
    process.stdout.write(`ingest history\n  rows older than 400 days removed: ${pruned}\n`);
  }
}
