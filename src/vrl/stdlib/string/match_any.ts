import { FunctionCompileError, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { kindDisplay, kindOf, VrlRegex } from '../../value/index.js';
import { staticArgument } from './support/args.js';
import { regexTest } from './support/regex.js';
import { text } from './support/text.js';

/** `match_any`: the `patterns` array must be static (regex literals), checked at compile time. */
export const match_any: FunctionDef = {
  name: 'match_any',
  parameters: [required('value', K.BYTES), required('patterns', K.ARRAY)],
  compile(args) {
    const patterns = staticArgument(args, 1, 'patterns');
    if (!Array.isArray(patterns)) {
      throw new FunctionCompileError(400, 'unexpected expression type', 1, [
        'unexpected expression for argument "patterns"',
        'expected: array',
      ]);
    }
    const regexes = patterns.map((p) => {
      if (!(p instanceof VrlRegex)) {
        throw new FunctionCompileError(610, `expected regex, got ${kindDisplay(kindOf(p))}`, 1);
      }
      return p;
    });
    return {
      kind: Kind.boolean(),
      fallible: false,
      pure: true,
      call: (value) => {
        const s = text(value);
        return regexes.some((re) => regexTest(re, s));
      },
    };
  },
  examples: [
    {
      title: 'Regex match on a string',
      source: "match_any(\"I'm a little teapot\", [r'frying pan', r'teapot'])",
      result: 'true',
    },
    {
      title: 'No match',
      source: "match_any(\"My name is John Doe\", patterns: [r'\\d+', r'Jane'])",
      result: 'false',
    },
  ],
};
