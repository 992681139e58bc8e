/**
 * The `lakewatch` command. Wiring only: each command lives in commands/ and calls the library.
 */
import { Command, CommanderError } from 'commander';
import { ConfigErrors } from '../config/index.js';
import { CliError, type GlobalOptions } from './context.js';
import { registerAlerts } from './commands/alerts.js';
import { registerCollect } from './commands/collect.js';
import { registerDemo } from './commands/demo.js';
import { registerIngest } from './commands/ingest.js';
import { registerInit } from './commands/init.js';
import { registerMaintenance } from './commands/maintenance.js';
import { registerQuery } from './commands/query.js';
import { registerSources } from './commands/sources.js';
import { registerTables } from './commands/tables.js';
import { registerTest } from './commands/test.js';
import { registerUp } from './commands/up.js';
import { registerToken } from './commands/token.js';
import { registerValidate } from './commands/validate.js';
import { registerVrl } from './commands/vrl.js';
import { packageRoot } from '../util/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function buildProgram(): Command {
  const program = new Command('lakewatch');
  const version = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'))
    .version as string;
  program
    .description('Lakewatch: a security data lake — logs in, ECS out, Apache Iceberg tables, SQL over them')
    .version(version)
    .option(
      '-d, --dir <path>',
      'lake directory (default: the current directory or its nearest parent with lakewatch.config.yml)',
    )
    .showHelpAfterError()
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerInit(program);
  registerValidate(program, globals);
  registerIngest(program, globals);
  registerQuery(program, globals);
  registerTables(program, globals);
  registerSources(program);
  registerCollect(program, globals);
  registerTest(program, globals);
  registerUp(program, globals);
  registerMaintenance(program, globals);
  registerAlerts(program, globals);
  registerToken(program, globals);
  registerVrl(program);
  registerDemo(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigErrors) {
      process.stderr.write(err.format() + '\n');
      return 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`error: ${e.message}\n`);
    if (process.env.LAKEWATCH_DEBUG) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
