import { randomBytes } from 'node:crypto';
import { required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { constantOf, fail, invalidArgument } from './util.js';

/** A uniform float in [0, 1) from 53 random bits. */
function unit(): number {
  const b = randomBytes(8);
  const hi = b.readUInt32BE(0) >>> 11; // 21 bits
  const lo = b.readUInt32BE(4); // 32 bits
  return (hi * 2 ** 32 + lo) / 2 ** 53;
}

export function randomInRange(min: number, max: number): number {
  for (;;) {
    const f = min + (max - min) * unit();
    if (f < max && Number.isFinite(f)) return f;
  }
}

export const random_float: FunctionDef = {
  name: 'random_float',
  parameters: [required('min', K.FLOAT), required('max', K.FLOAT)],
  compile(args) {
    const min = constantOf(args, 0);
    const max = constantOf(args, 1);
    const known = typeof min === 'number' && typeof max === 'number';
    if (known && max <= min) throw invalidArgument(1, 'max', max, 'max must be greater than min');
    return {
      kind: Kind.float(),
      fallible: !known,
      pure: false,
      call: (lo: Value | undefined, hi: Value | undefined) => {
        const a = lo as number;
        const b = hi as number;
        if (b <= a) fail('max must be greater than min');
        return randomInRange(a, b);
      },
    };
  },
  examples: [
    {
      title: 'Random float from 0.0 to 10.0, not including 10.0',
      source: 'f = random_float(0.0, 10.0)\nf >= 0 && f < 10',
      result: 'true',
    },
  ],
};
