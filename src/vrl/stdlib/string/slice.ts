import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes, toBytes, VrlError } from '../../value/index.js';
import { isAscii } from './support/text.js';

function range(length: number, start: bigint, end: bigint | undefined): [number, number] {
  const len = BigInt(length);
  const s = start < 0n ? start + len : start;
  const e = end === undefined ? len : end < 0n ? end + len : end;
  if (s < 0n || s > len) throw new VrlError(`"start" must be between "${-len}" and "${len}"`);
  if (e < s) throw new VrlError('"end" must be greater or equal to "start"');
  return [Number(s), Number(e > len ? len : e)];
}

function sliceBytes(value: string | Uint8Array, start: bigint, end: bigint | undefined): string | Uint8Array {
  if (typeof value === 'string' && isAscii(value)) {
    const [s, e] = range(value.length, start, end);
    return value.slice(s, e);
  }
  const bytes = toBytes(value);
  const [s, e] = range(bytes.length, start, end);
  return fromBytes(bytes.slice(s, e));
}

/** `slice`: bytes (by byte offsets) or array elements between `start` and `end`; negative counts from the end. */
export const slice: FunctionDef = {
  name: 'slice',
  parameters: [
    required('value', K.BYTES | K.ARRAY),
    required('start', K.INTEGER),
    optional('end', K.INTEGER),
  ],
  compile(args) {
    const input = args[0]?.kind;
    const kind =
      input && (input.isSubsetOf(K.BYTES) || input.isSubsetOf(K.ARRAY)) && input.bits !== 0
        ? input
        : Kind.bytes().or(Kind.array());
    return {
      kind,
      fallible: true,
      pure: true,
      call: (value, start, end) => {
        const e = end === undefined || end === null ? undefined : (end as bigint);
        if (Array.isArray(value)) {
          const [s, to] = range(value.length, start as bigint, e);
          return value.slice(s, to);
        }
        return sliceBytes(value as string | Uint8Array, start as bigint, e);
      },
    };
  },
  examples: [
    {
      title: 'Slice a string (positive index)',
      source: 'slice!("Supercalifragilisticexpialidocious", start: 5, end: 13)',
      result: '"califrag"',
    },
    {
      title: 'Slice a string (negative index)',
      source: 'slice!("Supercalifragilisticexpialidocious", start: 5, end: -14)',
      result: '"califragilistic"',
    },
    { title: 'String start', source: 'slice!("foobar", 3)', result: '"bar"' },
    { title: 'Array start', source: 'slice!([0, 1, 2], 1)', result: '[1, 2]' },
  ],
};
