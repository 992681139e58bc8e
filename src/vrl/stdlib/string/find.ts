import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes, VrlRegex, type Value } from '../../value/index.js';
import { regexFind } from './support/regex.js';
import { byteOffsetOf, indexOfByteOffset, isAscii, text } from './support/text.js';

function findBytes(value: Uint8Array, pattern: Uint8Array, from: number): number | null {
  if (pattern.length > value.length) return null;
  const last = value.length - pattern.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < pattern.length; j++) if (value[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return null;
}

function findText(value: string, pattern: string, from: number): number | null {
  // Fast path: ASCII text has byte offsets equal to UTF-16 indexes.
  if (isAscii(value) && isAscii(pattern)) {
    if (pattern.length > value.length || from > value.length - pattern.length) return null;
    const i = value.indexOf(pattern, from);
    return i === -1 ? null : i;
  }
  return findBytes(toBytes(value), toBytes(pattern), from);
}

function findRegex(value: string, regex: VrlRegex, from: number): number | null {
  const start = indexOfByteOffset(value, from);
  if (start === -1) return null;
  const m = regexFind(regex, value, start);
  return m ? byteOffsetOf(value, m.index) : null;
}

function findIn(value: Value, pattern: Value, from: Value | undefined): number | null {
  const offset = from === undefined || from === null ? 0 : Number(from as bigint);
  if (offset < 0) return null;
  if (pattern instanceof VrlRegex) return findRegex(text(value), pattern, offset);
  if (typeof value === 'string' && typeof pattern === 'string') return findText(value, pattern, offset);
  return findBytes(toBytes(value as string | Uint8Array), toBytes(pattern as string | Uint8Array), offset);
}

/** `find`: byte offset of the first match of `pattern` at or after `from`, or null (-1 in 0.24 compat mode). */
export const find: FunctionDef = {
  name: 'find',
  parameters: [
    required('value', K.BYTES),
    required('pattern', K.BYTES | K.REGEX),
    optional('from', K.INTEGER),
  ],
  compile(_args, ctx) {
    const legacy = ctx.compat === '0.24';
    return {
      kind: legacy ? Kind.integer() : Kind.integer().orNull(),
      fallible: false,
      pure: true,
      call: (value, pattern, from) => {
        const found = findIn(value!, pattern!, from);
        return found === null ? (legacy ? -1n : null) : BigInt(found);
      },
    };
  },
  examples: [
    { title: 'Match text', source: 'find("foobar", "bar")', result: '3' },
    { title: 'Match text at start', source: 'find("foobar", "foo")', result: '0' },
    { title: 'Match regex', source: 'find("foobar", r\'b.r\')', result: '3' },
    { title: 'No matches', source: 'find("foobar", "baz")', result: 'null' },
    { title: 'With an offset', source: 'find("foobarfoobarfoo", "bar", 4)', result: '9' },
  ],
};
