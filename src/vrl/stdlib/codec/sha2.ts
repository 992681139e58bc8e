import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { hexDigest } from './digest.js';
import { bytesOf, staticEnum } from './util.js';

const VARIANTS: Record<string, string> = {
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/224': 'sha512-224',
  'SHA-512/256': 'sha512-256',
};

export const sha2: FunctionDef = {
  name: 'sha2',
  parameters: [required('value', K.BYTES), optional('variant', K.BYTES)],
  compile(args) {
    const algorithm = VARIANTS[staticEnum(args, 1, 'variant', Object.keys(VARIANTS), 'SHA-512/256')]!;
    return {
      kind: Kind.bytes(),
      fallible: false,
      pure: true,
      call: (value: Value | undefined) => hexDigest(algorithm, bytesOf(value)),
    };
  },
  examples: [
    {
      title: 'Calculate sha2 hash using default variant',
      source: 'sha2("foobar")',
      result: '"d014c752bc2be868e16330f47e0c316a5967bcbc9c286a457761d7055b9214ce"',
    },
    {
      title: 'Calculate sha2 hash with SHA-512/224',
      source: 'sha2("foo", variant: "SHA-512/224")',
      result: '"d68f258d37d670cfc1ec1001a0394784233f88f056994f9a7e5e99be"',
    },
    {
      title: 'Calculate sha2 hash with SHA-384',
      source: 'sha2("foobar", "SHA-384")',
      result:
        '"3c9c30d9f665e74d515c842960d4a451c83a0125fd3de7392d7b37231af10c72ea58aedfcdf89a5765bf902af93ecf06"',
    },
  ],
};
