import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { hexDigest } from './digest.js';
import { bytesOf, staticEnum } from './util.js';

const VARIANTS: Record<string, string> = {
  'SHA3-224': 'sha3-224',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

export const sha3: FunctionDef = {
  name: 'sha3',
  parameters: [required('value', K.BYTES), optional('variant', K.BYTES)],
  compile(args) {
    const algorithm = VARIANTS[staticEnum(args, 1, 'variant', Object.keys(VARIANTS), 'SHA3-512')]!;
    return {
      kind: Kind.bytes(),
      fallible: false,
      pure: true,
      call: (value: Value | undefined) => hexDigest(algorithm, bytesOf(value)),
    };
  },
  examples: [
    {
      title: 'Calculate sha3 hash using default variant',
      source: 'sha3("foobar")',
      result:
        '"ff32a30c3af5012ea395827a3e99a13073c3a8d8410a708568ff7e6eb85968fccfebaea039bc21411e9d43fdb9a851b529b9960ffea8679199781b8f45ca85e2"',
    },
    {
      title: 'Calculate sha3 hash with SHA3-224',
      source: 'sha3("foo", variant: "SHA3-224")',
      result: '"f4f6779e153c391bbd29c95e72b0708e39d9166c7cea51d1f10ef58a"',
    },
    {
      title: 'Calculate sha3 hash with SHA3-384',
      source: 'sha3("foobar", "SHA3-384")',
      result:
        '"0fa8abfbdaf924ad307b74dd2ed183b9a4a398891a2f6bac8fd2db7041b77f068580f9c6c66f699b496c2da1cbcc7ed8"',
    },
  ],
};
