import { randomBytes } from 'node:crypto';
import { required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes, type Value } from '../../value/index.js';
import { constantOf, fail, invalidArgument } from './util.js';

const MAX_LENGTH = 1024n * 64n;

function lengthError(length: bigint): string | undefined {
  if (length < 0n) return 'Length cannot be negative';
  if (length > MAX_LENGTH) return 'Length is too large. Maximum is 64k';
  return undefined;
}

export const random_bytes: FunctionDef = {
  name: 'random_bytes',
  parameters: [required('length', K.INTEGER)],
  compile(args) {
    const constant = constantOf(args, 0);
    if (typeof constant === 'bigint') {
      const error = lengthError(constant);
      if (error) throw invalidArgument(0, 'length', constant, error);
    }
    return {
      kind: Kind.bytes(),
      fallible: typeof constant !== 'bigint',
      pure: false,
      call: (length: Value | undefined) => {
        const n = length as bigint;
        const error = lengthError(n);
        if (error) fail(error);
        return fromBytes(new Uint8Array(randomBytes(Number(n))));
      },
    };
  },
  examples: [{ title: 'Generate 16 random bytes', source: 'length(random_bytes(16))', result: '16' }],
};
