import type { Command } from 'commander';
import { formatResult, openQuerySession } from '../../query/index.js';
import { CliError, loadLake, withLake, type GlobalOptions } from '../context.js';

interface QueryCommandOptions {
  format: string;
  asOf?: string;
  maxRows?: string;
}

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export function registerQuery(program: Command, globals: () => GlobalOptions): void {
  program
    .command('query')
    .description('run read-only SQL (DuckDB dialect) over the lake; every table is available by its name')
    .argument('<sql>', 'SELECT statement')
    .option('-f, --format <format>', 'table | json | csv', 'table')
    .option('--as-of <snapshot>', 'time travel: a snapshot id, or a timestamp (RFC 3339)')
    .option('--max-rows <n>', 'stop after this many rows')
    .addHelpText(
      'after',
      `\nExamples:\n  lakewatch query "SELECT event.outcome, count(*) FROM auth GROUP BY 1"\n` +
        `  lakewatch query "SELECT * FROM firewall WHERE ts >= TIMESTAMPTZ '2026-11-01 12:00:00+00'" --format csv\n`,
    )
    .action(async (sql: string, opts: QueryCommandOptions) => {
      if (!FORMATS.includes(opts.format as Format)) {
        throw new CliError(`--format ${opts.format}: expected one of ${FORMATS.join(', ')}`, 2);
      }
      const maxRows = opts.maxRows !== undefined ? Number(opts.maxRows) : undefined;
      if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows > 0)) {
        throw new CliError(`--max-rows ${opts.maxRows}: expected a positive integer`, 2);
      }
      const lakeDir = loadLake(globals());
      await withLake(lakeDir, async (lake) => {
        const session = await openQuerySession(lake, { asOf: opts.asOf });
        try {
          const result = await session.query(sql, { maxRows });
          process.stdout.write(formatResult(result, opts.format as Format));
        } finally {
          await session.close();
        }
      });
    });
}
