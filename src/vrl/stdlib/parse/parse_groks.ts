import { readFileSync } from 'node:fs';
import { optional, required, type ArgumentInfo, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { compileGrok, grokMatch, type CompiledGrok } from '../../grok/index.js';
import { VrlError } from '../../value/errors.js';
import { isBytes, isObject, type Value } from '../../value/index.js';
import { expectedStatic, invalidArgument, textOf } from './args.js';
import { grokToValue } from './grok-values.js';
import { invalidGrokPattern } from './parse_grok.js';

function staticStrings(
  arg: ArgumentInfo | undefined,
  index: number,
  keyword: string,
  what: string,
): string[] {
  if (!arg) return [];
  const value = arg.constant?.value;
  if (value === undefined || !Array.isArray(value)) throw expectedStatic(index, keyword);
  return value.map((item) => {
    if (!isBytes(item)) throw invalidArgument(index, keyword, item, what);
    return textOf(item);
  });
}

function staticAliases(arg: ArgumentInfo | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!arg) return out;
  const value = arg.constant?.value;
  if (value === undefined || !isObject(value)) throw expectedStatic(2, 'aliases');
  for (const key of Object.keys(value)) {
    const alias = value[key]!;
    if (!isBytes(alias)) throw invalidArgument(2, 'aliases', alias, 'alias pattern should be a string');
    out[key] = textOf(alias);
  }
  return out;
}

/** Alias files: JSON objects of name → pattern, added to (and overriding) the inline aliases. */
function loadAliasSources(paths: readonly string[], aliases: Record<string, string>): void {
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw invalidArgument(3, 'alias_sources', path, 'Unable to open alias source file');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidArgument(3, 'alias_sources', path, 'Unable to read alias source');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw invalidArgument(3, 'alias_sources', path, 'Unable to read alias source');
    }
    for (const [key, pattern] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof pattern !== 'string')
        throw invalidArgument(3, 'alias_sources', path, 'Unable to read alias source');
      aliases[key] = pattern;
    }
  }
}

export const parse_groks: FunctionDef = {
  name: 'parse_groks',
  parameters: [
    required('value', K.BYTES),
    required('patterns', K.ARRAY),
    optional('aliases', K.OBJECT),
    optional('alias_sources', K.ARRAY),
  ],
  compile(args) {
    const patterns = staticStrings(args[1], 1, 'patterns', 'grok pattern should be a string');
    if (!args[1]) throw expectedStatic(1, 'patterns');
    const aliases = staticAliases(args[2]);
    loadAliasSources(staticStrings(args[3], 3, 'alias_sources', 'alias source should be a string'), aliases);
    let rules: CompiledGrok[];
    try {
      rules = patterns.map((p) => compileGrok(p, { aliases, dialect: 'groks' }));
    } catch (e) {
      throw invalidGrokPattern(e, 1);
    }
    return {
      kind: Kind.object({}, Kind.any()),
      fallible: true,
      pure: true,
      call: (value: Value | undefined) => {
        const text = textOf(value);
        for (const rule of rules) {
          const parsed = grokMatch(rule, text);
          if (parsed) return grokToValue(parsed);
        }
        throw new VrlError('unable to parse grok: value does not match any rule');
      },
    };
  },
  examples: [
    {
      title: 'Parse using multiple Grok patterns',
      source: `parse_groks!(
  "2020-10-02T23:22:12.223222Z info Hello world",
  patterns: [
    "%{common_prefix} %{_status} %{_message}",
    "%{common_prefix} %{_message}",
  ],
  aliases: {
    "common_prefix": "%{_timestamp} %{_loglevel}",
    "_timestamp": "%{TIMESTAMP_ISO8601:timestamp}",
    "_loglevel": "%{LOGLEVEL:level}",
    "_status": "%{POSINT:status}",
    "_message": "%{GREEDYDATA:message}"
  }
)`,
      result: '{"timestamp": "2020-10-02T23:22:12.223222Z", "level": "info", "message": "Hello world"}',
    },
  ],
};
