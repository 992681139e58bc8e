import { K, Kind } from '../../types/index.js';
import { toRfc3339 } from '../../time/index.js';
import { isBytes, toText, toVrlJson, VrlRegex, VrlTimestamp, type Value } from '../../value/index.js';
import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';
import { rustFloatDisplay } from './util/rust.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogHook = (level: LogLevel, message: string) => void;

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

const stderrHook: LogHook = (level, message) => {
  process.stderr.write(`${level.toUpperCase()} vrl: ${message}\n`);
};
let hook: LogHook = stderrHook;

/** Where `log` writes (default: a line on stderr). Returns the previous hook; pass `undefined` to restore the default. */
export function setLogHook(next: LogHook | undefined): LogHook {
  const previous = hook;
  hook = next ?? stderrHook;
  return previous;
}

/** The value as `log` prints it (VRL's `to_string_lossy`): strings bare, containers as JSON, null `<null>`. */
export function logText(value: Value): string {
  if (isBytes(value)) return toText(value);
  if (typeof value === 'number') return rustFloatDisplay(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null) return '<null>';
  if (value instanceof VrlTimestamp) return toRfc3339(value.ns);
  if (value instanceof VrlRegex) return value.pattern;
  return toVrlJson(value);
}

/** `log(value, level: "info", rate_limit_secs: 1)`: writes the value to the log hook; rate limiting is not applied. */
export const log: FunctionDef = {
  name: 'log',
  parameters: [required('value', K.ANY), optional('level', K.BYTES), optional('rate_limit_secs', K.INTEGER)],
  compile(args) {
    let level: LogLevel = 'info';
    if (args[1] !== undefined) {
      const constant = args[1].constant?.value;
      if (constant === undefined)
        throw new FunctionCompileError(402, 'expected static expression for argument "level"', 1);
      const text = isBytes(constant) ? toText(constant) : '';
      if (!(LEVELS as readonly string[]).includes(text)) {
        throw new FunctionCompileError(401, `invalid enum variant for argument "level"`, 1, [
          `expected one of: ${LEVELS.map((l) => `"${l}"`).join(', ')}`,
        ]);
      }
      level = text as LogLevel;
    }
    return {
      kind: Kind.null(),
      fallible: false,
      pure: false,
      call: (value) => {
        hook(level, logText(value!));
        return null;
      },
    };
  },
  examples: [
    {
      title: 'Log a message',
      source: 'log("Hello, World!", level: "info", rate_limit_secs: 60)',
      result: 'null',
    },
    {
      title: 'Log an error',
      source:
        '. = { "field": "not an integer" }\n_, err = to_int(.field)\nif err != null {\n    log(err, level: "error")\n}\n',
      result: 'null',
    },
  ],
};
