/**
 * `lakewatch collect [log_source...]`: runs the pull collectors once (OKTA, DUO,
 * GOOGLE_WORKSPACE, MSFT, O365, SNYK, ONEPASSWORD, AWS_INSPECTOR), each page through the same
 * ingest path as `lakewatch ingest`, and prints per source the pages, records, committed and
 * dead-lettered events and the cursor saved. `lakewatch up` runs the same collectors on their
 * `poll_interval`.
 */
import type { Command } from 'commander';
import type { LakeDirectory } from '../../config/index.js';
import type { Lake } from '../../lake/index.js';
import { ingestFiles } from '../../pipeline/index.js';
import {
  CollectorConfigError,
  collectorContext,
  collectorTypes,
  openCursorStore,
  pullSources,
  runCollector,
  type CollectorRunResult,
} from '../../sources/collectors/index.js';
import { formatCount, formatDuration } from '../../util/index.js';
import { CliError, loadLake, withLake, type GlobalOptions } from '../context.js';
import { withRealtime } from '../realtime.js';
import { stateDbPath } from '../../detect/realtime.js';

export interface CollectCommandOptions {
  once?: boolean;
  json?: boolean;
  detect: boolean;
  reset?: boolean;
}

export interface CollectOutcome {
  result: CollectorRunResult;
  error?: string;
}

export function registerCollect(program: Command, globals: () => GlobalOptions): void {
  program
    .command('collect')
    .description(
      `pull new events from SaaS APIs (managed types ${collectorTypes().join(', ')}) once, into their log sources`,
    )
    .argument(
      '[log_sources...]',
      'log sources to pull (default: every enabled managed source with a collector configured in managed.properties)',
    )
    .option(
      '--once',
      'pull once and exit (the default; `lakewatch up` polls on managed.properties.poll_interval)',
    )
    .option('--json', 'print the results as JSON on stdout')
    .option(
      '--reset',
      'forget the saved cursors of these log sources first (start again at start_time or 24 h ago)',
    )
    .option('--no-detect', 'do not run realtime detections on the pulled events')
    .addHelpText(
      'after',
      '\nSecrets come from the environment, e.g. LAKEWATCH_OKTA_API_TOKEN for a log source named okta.\n' +
        'Example:\n  lakewatch collect okta\n',
    )
    .action(async (names: string[], opts: CollectCommandOptions) => {
      const lakeDir = loadLake(globals());
      const outcomes = await withLake(lakeDir, (lake) => collect(lake, lakeDir, names, opts));
      if (opts.json) process.stdout.write(JSON.stringify(outcomes, null, 2) + '\n');
      else process.stdout.write(outcomes.map(formatCollectOutcome).join(''));
      const failed = outcomes.filter((o) => o.error);
      if (failed.length)
        throw new CliError(
          `${failed.length} of ${outcomes.length} collectors failed: ${failed.map((o) => o.result.logSource).join(', ')}`,
        );
    });
}

/** Pulls each chosen source once; a failing source does not stop the others. */
export async function collect(
  lake: Lake,
  lakeDir: LakeDirectory,
  names: string[],
  opts: CollectCommandOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CollectOutcome[]> {
  let sources;
  try {
    sources = pullSources(lakeDir, names);
  } catch (e) {
    if (e instanceof CollectorConfigError) throw new CliError(e.message, 2);
    throw e;
  }
  if (sources.length === 0) {
    if (!opts.json)
      process.stderr.write(
        `no log source to pull: give a managed source of type ${collectorTypes().join(', ')} its managed.properties (see lakewatch sources)\n`,
      );
    return [];
  }
  const store = openCursorStore(stateDbPath(lake));
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await withRealtime(lake, lakeDir, opts.detect, async (realtime) => {
      const outcomes: CollectOutcome[] = [];
      for (const { logSource, collector } of sources) {
        if (stop.signal.aborted) break;
        if (opts.reset) store.reset(logSource.name);
        const log = (m: string) => {
          if (!opts.json) process.stderr.write(`${m}\n`);
        };
        const ctx = collectorContext({ logSource, collector, env, signal: stop.signal, log });
        let partial: CollectorRunResult = {
          logSource: logSource.name,
          collector: collector.type,
          pages: 0,
          records: 0,
          committed: 0,
          deadLettered: 0,
          filtered: 0,
          skippedPages: 0,
          cursor: store.get(logSource.name)?.cursor,
          durationMs: 0,
        };
        const started = Date.now();
        try {
          const result = await runCollector({
            logSource: logSource.name,
            collector,
            ctx,
            store,
            stateDir: lake.stateDir,
            sink: ({ logSource: name, table, input }) =>
              ingestFiles({ lake, lakeDir, logSource: name, inputs: [input], table, realtime }),
            onPage: (r) => (partial = r),
          });
          outcomes.push({ result });
        } catch (e) {
          partial.durationMs = Date.now() - started;
          outcomes.push({ result: partial, error: (e as Error).message });
        }
      }
      return outcomes;
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    store.close();
  }
}

export function formatCollectOutcome({ result: r, error }: CollectOutcome): string {
  const lines = [
    `${error ? 'failed' : 'collected'} ${r.logSource} (${r.collector}): ${formatCount(r.pages)} pages, ` +
      `${formatCount(r.records)} records in ${formatDuration(r.durationMs)}`,
  ];
  lines.push(`  committed      ${formatCount(r.committed)}`);
  lines.push(
    `  dead-lettered  ${formatCount(r.deadLettered)}${r.deadLettered ? '  (table lakewatch_dead_letters)' : ''}`,
  );
  if (r.filtered) lines.push(`  dropped        ${formatCount(r.filtered)}  (a VRL program aborted on them)`);
  if (r.skippedPages)
    lines.push(
      `  skipped        ${formatCount(r.skippedPages)} pages already ingested (re-pulled after a crash)`,
    );
  lines.push(`  cursor         ${describeCursor(r.cursor)}`);
  if (error) lines.push(`  error          ${error}`);
  return lines.join('\n') + '\n';
}

/** The cursor as short JSON: id sets (`seen`, `seen_records`…) as their size, long values cut. */
export function describeCursor(cursor: unknown, max = 240): string {
  if (cursor === undefined) return '(none)';
  const text = JSON.stringify(cursor, (key, value: unknown) => {
    if (key.startsWith('seen') && value && typeof value === 'object')
      return `<${Array.isArray(value) ? value.length : Object.keys(value).length} ids>`;
    return value;
  });
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
