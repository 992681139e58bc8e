import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { xxh3_128, xxh3_64 } from './xxh3_impl.js';
import { xxh32, xxh64 } from './xxhash_impl.js';
import { bytesOf, constantOf, fail, upper } from './util.js';

const VARIANTS = ['XXH32', 'XXH64', 'XXH3-64', 'XXH3-128'];

function hash(bytes: Uint8Array, variant: string): Value {
  switch (variant) {
    case 'XXH32':
      return BigInt(xxh32(bytes));
    case 'XXH64':
      return BigInt.asIntN(64, xxh64(bytes));
    case 'XXH3-64':
      return BigInt.asIntN(64, xxh3_64(bytes));
    case 'XXH3-128':
      return xxh3_128(bytes).toString();
    default:
      return fail("Variant must be either 'XXH32', 'XXH64', 'XXH3-64', or 'XXH3-128'");
  }
}

/**
 * VRL declares the result as bytes, yet returns an integer for every variant but XXH3-128 (a decimal
 * string); the kind here is the truthful one.
 */
export const xxhash: FunctionDef = {
  name: 'xxhash',
  parameters: [required('value', K.BYTES), optional('variant', K.BYTES)],
  compile(args) {
    const constant = constantOf(args, 1);
    const name =
      args[1] === undefined
        ? 'XXH32'
        : typeof constant === 'string' || constant instanceof Uint8Array
          ? upper(constant)
          : undefined;
    const valid = name !== undefined && VARIANTS.includes(name);
    const kind = !valid
      ? Kind.integer().or(Kind.bytes())
      : name === 'XXH3-128'
        ? Kind.bytes()
        : Kind.integer();
    return {
      kind,
      fallible: !valid,
      pure: true,
      call: (value, variant) => hash(bytesOf(value), variant === undefined ? 'XXH32' : upper(variant)),
    };
  },
  examples: [
    {
      title: 'Calculate a hash using the default (XXH32) algorithm',
      source: 'xxhash("foo")',
      result: '3792637401',
    },
    {
      title: 'Calculate a hash using the XXH32 algorithm',
      source: 'xxhash("foo", "XXH32")',
      result: '3792637401',
    },
    {
      title: 'Calculate a hash using the XXH64 algorithm',
      source: 'xxhash("foo", "XXH64")',
      result: '3728699739546630719',
    },
    {
      title: 'Calculate a hash using the XXH3-64 algorithm',
      source: 'xxhash("foo", "XXH3-64")',
      result: '-6093828362558603894',
    },
    {
      title: 'Calculate a hash using the XXH3-128 algorithm',
      source: 'xxhash("foo", "XXH3-128")',
      result: '"161745101148472925293886522910304009610"',
    },
  ],
};
