import { K, Kind } from '../../types/index.js';
import { fromBytes, toBytes, VrlError } from '../../value/index.js';
import { FunctionCompileError, required, type FunctionDef } from '../function.js';
import { constantOf } from './util/kinds.js';

const TOO_SMALL = '"chunk_size" must be at least 1 byte';

/** `chunks(value, chunk_size)`: the string's bytes split into pieces of `chunk_size` bytes. */
export const chunks: FunctionDef = {
  name: 'chunks',
  parameters: [required('value', K.BYTES), required('chunk_size', K.INTEGER)],
  compile(args) {
    const size = constantOf(args, 1);
    if (typeof size === 'bigint' && size < 1n) {
      throw new FunctionCompileError(403, 'invalid argument "chunk_size"', 1, [
        `received: ${size}`,
        `error: ${TOO_SMALL}`,
      ]);
    }
    return {
      kind: Kind.array(Kind.bytes()),
      fallible: size === undefined,
      pure: true,
      call: (value, chunkSize) => {
        const n = chunkSize as bigint;
        if (n < 1n) throw new VrlError(TOO_SMALL);
        const bytes = toBytes(value as string | Uint8Array);
        const step = n > BigInt(bytes.length) ? Math.max(bytes.length, 1) : Number(n);
        const out = [];
        for (let i = 0; i < bytes.length; i += step) out.push(fromBytes(bytes.subarray(i, i + step)));
        return out;
      },
    };
  },
  examples: [
    { title: 'Split a string into chunks', source: 'chunks("abcdefgh", 4)', result: '["abcd", "efgh"]' },
    {
      title: 'Chunks do not respect unicode code point boundaries',
      source: 'chunks("ab你好", 4)',
      result: '["ab�","�好"]',
    },
  ],
};
