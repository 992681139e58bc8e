import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { nextCodePoint, optionalText, text } from './support/text.js';

function cut(s: string, limit: bigint, suffix: string): string {
  let end = 0;
  for (let n = 0n; n < limit && end < s.length; n++) end = nextCodePoint(s, end);
  if (end >= s.length) return s;
  return s.slice(0, end) + suffix;
}

/**
 * `truncate(value, limit, suffix)`. The `ellipsis` boolean (appends `...`) was removed from VRL; it is
 * accepted only in 0.24 compatibility mode, by keyword.
 */
export const truncate: FunctionDef = {
  name: 'truncate',
  parameters: [
    required('value', K.BYTES),
    required('limit', K.INTEGER),
    optional('suffix', K.BYTES),
    optional('ellipsis', K.BOOLEAN),
  ],
  compile(args, ctx) {
    if (args[3] && ctx.compat !== '0.24') {
      throw new FunctionCompileError(108, 'unknown function argument keyword "ellipsis"', 3);
    }
    return {
      kind: Kind.bytes(),
      fallible: false,
      pure: true,
      call: (value, limit, suffix, ellipsis) => {
        const n = limit as bigint;
        const tail = ellipsis === true ? '...' : optionalText(suffix, '');
        return cut(text(value), n < 0n ? 0n : n, tail);
      },
    };
  },
  examples: [
    {
      title: 'Truncate a string',
      source: 'truncate("A rather long sentence.", limit: 11, suffix: "...")',
      result: '"A rather lo..."',
    },
    {
      title: 'Truncate a string (custom suffix)',
      source: 'truncate("A rather long sentence.", limit: 11, suffix: "[TRUNCATED]")',
      result: '"A rather lo[TRUNCATED]"',
    },
    { title: 'Truncate', source: 'truncate("foobar", 3)', result: '"foo"' },
  ],
};
