import { K, Kind } from '../../types/index.js';
import { VrlError, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { constantOf, type Args } from './util/kinds.js';

const I64_MIN = -(2n ** 63n);

/** VRL's `%` on numbers (`try_rem`): zero divisors fail, integer remainder wraps, a NaN result fails. */
export function remainder(value: Value, modulus: Value): Value {
  if (modulus === 0n || modulus === 0) throw new VrlError("can't divide by zero");
  if (typeof value === 'bigint' && typeof modulus === 'bigint') {
    return value === I64_MIN && modulus === -1n ? 0n : value % modulus;
  }
  const result = Number(value) % Number(modulus);
  if (Number.isNaN(result)) throw new VrlError('operation would produce NaN');
  return result;
}

function isNormal(x: number): boolean {
  return Number.isFinite(x) && x !== 0 && Math.abs(x) >= 2.2250738585072014e-308;
}

/** `mod(value, modulus)`. */
export const mod = defineFunction({
  name: 'mod',
  parameters: [required('value', K.INTEGER | K.FLOAT), required('modulus', K.INTEGER | K.FLOAT)],
  kind: (args: Args) => {
    // Upstream derives the kind from a constant modulus alone; the dividend's kind is used here as well so
    // a float dividend with an integer modulus is typed float, as its result is.
    const value = args[0]!.kind;
    const modulus = args[1]!.kind;
    if (value.is(K.INTEGER) && modulus.is(K.INTEGER)) return Kind.integer();
    if (value.is(K.FLOAT) || modulus.is(K.FLOAT)) return Kind.float();
    return Kind.bits(K.FLOAT | K.INTEGER);
  },
  fallible: (args: Args) => {
    const value = constantOf(args, 0);
    if (typeof value === 'number' && !Number.isFinite(value)) return true;
    const modulus = constantOf(args, 1);
    if (typeof modulus === 'number') return !isNormal(modulus);
    if (typeof modulus === 'bigint') return modulus === 0n;
    return true;
  },
  call: (value, modulus) => remainder(value!, modulus!),
  examples: [{ title: 'Calculate the remainder of two integers', source: 'mod(5, 2)', result: '1' }],
});
