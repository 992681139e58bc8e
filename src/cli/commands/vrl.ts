/**
 * `lakewatch vrl`: compile and run a VRL program from the command line — on NDJSON events, once on an
 * empty event, or interactively.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import {
  compileVrl,
  formatDiagnostics,
  parseVrlJson,
  toVrlJson,
  VrlCompileError,
  type Value,
  type VrlProgram,
} from '../../vrl/index.js';
import { shiftDiagnostics } from '../../vrl/diagnostics/index.js';
import { CliError } from '../context.js';

interface VrlCommandOptions {
  eval?: string;
  input?: string;
  check?: boolean;
  value?: boolean;
  repl?: boolean;
  compat: string;
  timezone: string;
}

export function registerVrl(program: Command): void {
  program
    .command('vrl')
    .description('compile and run a VRL program: on each event of an NDJSON file, once on {}, or in a REPL')
    .argument('[file]', 'the program (.vrl file)')
    .option('-e, --eval <source>', 'the program as text instead of a file')
    .option(
      '-i, --input <events>',
      'NDJSON events to run it on ("-" for stdin); each result is one JSON line',
    )
    .option('--check', 'compile only and print the diagnostics')
    .option('--value', "print the program's value instead of the resulting event")
    .option(
      '--compat <version>',
      'VRL dialect: current | 0.24 (what Matano directories were written for)',
      'current',
    )
    .option('--timezone <tz>', 'default time zone for timestamp functions', 'UTC')
    .option('--repl', 'interactive: each line runs against the event so far')
    .addHelpText(
      'after',
      `\nExamples:\n  lakewatch vrl -e '.message = upcase(string!(.message))' --input events.ndjson\n` +
        `  lakewatch vrl transform.vrl --check\n  lakewatch vrl --repl\n`,
    )
    .action(async (file: string | undefined, opts: VrlCommandOptions) => {
      if (opts.compat !== 'current' && opts.compat !== '0.24') {
        throw new CliError(`--compat ${opts.compat}: expected current or 0.24`, 2);
      }
      const options = { compat: opts.compat, timezone: opts.timezone } as const;
      if (opts.repl) return repl(options);
      if ((file === undefined) === (opts.eval === undefined)) {
        throw new CliError('give the program as a file or with -e (one of them)', 2);
      }
      const source = opts.eval ?? readProgram(file!);
      let program: VrlProgram;
      try {
        program = compileVrl(source, options);
      } catch (error) {
        if (error instanceof VrlCompileError) {
          process.stderr.write(formatDiagnostics(source, error.diagnostics).replace(/^\n/, '') + '\n');
          const n = error.diagnostics.filter((d) => d.severity === 'error').length;
          throw new CliError(`the program does not compile (${n} error${n === 1 ? '' : 's'})`);
        }
        throw error;
      }
      if (opts.check) {
        for (const w of program.warnings) process.stderr.write(formatDiagnostics(source, [w]) + '\n');
        process.stdout.write('ok\n');
        return;
      }
      let failed = 0;
      let total = 0;
      const emit = (event: Value, line?: number) => {
        total++;
        const out = program.run(event, { metadata: {} });
        if (out.ok) process.stdout.write(toVrlJson(opts.value ? out.value : out.event) + '\n');
        else {
          failed++;
          const error = { message: out.error.message, abort: out.error.abort ?? false };
          process.stdout.write(JSON.stringify(line === undefined ? { error } : { error, line }) + '\n');
        }
      };
      if (opts.input === undefined) {
        emit({});
      } else {
        const stream = opts.input === '-' ? process.stdin : createReadStream(opts.input);
        let lineNo = 0;
        for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
          lineNo++;
          if (text.trim() === '') continue;
          let event: Value;
          try {
            event = parseVrlJson(text);
          } catch (error) {
            throw new CliError(`${opts.input}:${lineNo}: invalid JSON: ${(error as Error).message}`);
          }
          emit(event, lineNo);
        }
      }
      if (failed > 0) throw new CliError(`the program failed on ${failed} of ${total} events`);
    });
}

function readProgram(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

/** A REPL: accepted lines accumulate into one program that is re-run on `{}` from the start. */
async function repl(options: { compat: 'current' | '0.24'; timezone: string }): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '$ ' });
  const accepted: string[] = [];
  process.stdout.write(
    'VRL REPL — each line runs against the event so far; `.` shows it; exit with Ctrl-D\n',
  );
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== '') {
      const source = [...accepted, line].join('\n');
      try {
        const program = compileVrl(source, options);
        const out = program.run({}, { metadata: {} });
        if (out.ok) {
          accepted.push(line);
          process.stdout.write(toVrlJson(out.value, true) + '\n');
        } else process.stdout.write(`error: ${out.error.message}\n`);
      } catch (error) {
        if (!(error instanceof VrlCompileError)) throw error;
        const diagnostics = shiftDiagnostics(error.diagnostics, source.length - line.length);
        process.stdout.write(formatDiagnostics(line, diagnostics).replace(/^\n/, '') + '\n');
      }
    }
    rl.prompt();
  }
}
