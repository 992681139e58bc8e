import type { Command } from 'commander';
import {
  ansiStyle,
  formatCase,
  formatDetectionHeading,
  formatSummary,
  plainStyle,
  runDetectionTests,
  UnknownDetectionError,
} from '../../detect/testing/index.js';
import { CliError, loadLake, type GlobalOptions } from '../context.js';

interface TestCommandOptions {
  json?: boolean;
  python?: string;
}

export function registerTest(program: Command, globals: () => GlobalOptions): void {
  program
    .command('test')
    .description(
      'run the tests of detections (detections/<dir>/tests/*.yml): every detection sees every test event',
    )
    .argument('[detections...]', 'detection names (default: all)')
    .option('--json', 'print one JSON document with every case result (for CI)')
    .option('--python <path>', 'Python interpreter for detect.py (default: python3)')
    .addHelpText(
      'after',
      '\nExit status: 0 when every case passed, 1 when one failed, 2 for configuration errors.\n' +
        'Examples:\n  lakewatch test\n  lakewatch test failed_login --json\n',
    )
    .action(async (names: string[], opts: TestCommandOptions) => {
      const lakeDir = loadLake(globals());
      const st = !opts.json && process.stdout.isTTY && !process.env.NO_COLOR ? ansiStyle : plainStyle;
      const out = (s: string) => {
        if (!opts.json) process.stdout.write(s);
      };
      let report;
      try {
        report = await runDetectionTests({
          lakeDir,
          only: names,
          ...(opts.python ? { python: opts.python } : {}),
          onDetection: (d) => out(formatDetectionHeading(d, st)),
          onCase: (c) => out(formatCase(c, st)),
        });
      } catch (e) {
        if (e instanceof UnknownDetectionError) throw new CliError(e.message, 2);
        throw e;
      }
      if (opts.json) process.stdout.write(JSON.stringify(report, jsonReplacer, 2) + '\n');
      else {
        if (report.detections.length === 0) out('no detections in this lake directory\n');
        out(formatSummary(report, st));
      }
      if (!report.ok)
        throw new CliError(`${report.failed} detection test${report.failed === 1 ? '' : 's'} failed`, 1);
    });
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
