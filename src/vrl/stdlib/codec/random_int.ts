import { randomBytes } from 'node:crypto';
import { required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { constantOf, fail, invalidArgument } from './util.js';

/** A uniform integer in [min, max) (rejection sampling over 64 random bits). */
export function randomBigInt(min: bigint, max: bigint): bigint {
  const span = max - min;
  const limit = (1n << 64n) - ((1n << 64n) % span);
  for (;;) {
    const r = randomBytes(8).readBigUInt64BE(0);
    if (r < limit) return min + (r % span);
  }
}

export const random_int: FunctionDef = {
  name: 'random_int',
  parameters: [required('min', K.INTEGER), required('max', K.INTEGER)],
  compile(args) {
    const min = constantOf(args, 0);
    const max = constantOf(args, 1);
    const known = typeof min === 'bigint' && typeof max === 'bigint';
    if (known && max <= min) throw invalidArgument(1, 'max', max, 'max must be greater than min');
    return {
      kind: Kind.integer(),
      fallible: !known,
      pure: false,
      call: (lo: Value | undefined, hi: Value | undefined) => {
        const a = lo as bigint;
        const b = hi as bigint;
        if (b <= a) fail('max must be greater than min');
        return randomBigInt(a, b);
      },
    };
  },
  examples: [
    {
      title: 'Random integer from 0 to 10, not including 10',
      source: 'i = random_int(0, 10)\ni >= 0 && i < 10',
      result: 'true',
    },
  ],
};
