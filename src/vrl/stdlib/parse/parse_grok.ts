import { FunctionCompileError, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { compileGrok, grokMatch, type CompiledGrok } from '../../grok/index.js';
import { VrlError } from '../../value/errors.js';
import type { Value } from '../../value/index.js';
import { expectedStatic, textOf } from './args.js';
import { grokToValue } from './grok-values.js';

/** E112: the grok pattern does not compile. */
export function invalidGrokPattern(error: unknown, argument: number): FunctionCompileError {
  const message = error instanceof Error ? error.message : String(error);
  return new FunctionCompileError(112, `grok pattern error: ${message}`, argument);
}

export const parse_grok: FunctionDef = {
  name: 'parse_grok',
  parameters: [required('value', K.BYTES), required('pattern', K.BYTES)],
  compile(args) {
    const pattern = args[1]?.constant?.value;
    if (pattern === undefined) throw expectedStatic(1, 'pattern');
    let compiled: CompiledGrok;
    try {
      compiled = compileGrok(textOf(pattern), { dialect: 'grok' });
    } catch (e) {
      throw invalidGrokPattern(e, 1);
    }
    return {
      kind: Kind.object({}, Kind.any()),
      fallible: true,
      pure: true,
      call: (value: Value | undefined) => {
        const parsed = grokMatch(compiled, textOf(value));
        if (!parsed) throw new VrlError('unable to parse input with grok pattern');
        return grokToValue(parsed);
      },
    };
  },
  examples: [
    {
      title: 'Parse using Grok',
      source:
        'value = "2020-10-02T23:22:12.223222Z info Hello world"\npattern = "%{TIMESTAMP_ISO8601:timestamp} %{LOGLEVEL:level} %{GREEDYDATA:message}"\n\nparse_grok!(value, pattern)',
      result: '{"timestamp": "2020-10-02T23:22:12.223222Z", "level": "info", "message": "Hello world"}',
    },
  ],
};
