import { createHmac } from 'node:crypto';
import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes, type Value } from '../../value/index.js';
import { bytesOf, constantOf, fail, upper, u8 } from './util.js';

const ALGORITHMS: Record<string, string> = {
  SHA1: 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function hmacBytes(value: Value | undefined, key: Value | undefined, algorithm: string): Value {
  const name = ALGORITHMS[algorithm];
  if (!name) fail(`Invalid algorithm: ${algorithm}`);
  return fromBytes(u8(createHmac(name, bytesOf(key)).update(bytesOf(value)).digest()));
}

export const hmac: FunctionDef = {
  name: 'hmac',
  parameters: [required('value', K.BYTES), required('key', K.BYTES), optional('algorithm', K.BYTES)],
  compile(args) {
    const constant = constantOf(args, 2);
    const staticName =
      args[2] === undefined
        ? 'SHA-256'
        : constant !== undefined && (typeof constant === 'string' || constant instanceof Uint8Array)
          ? upper(constant)
          : undefined;
    const fallible = staticName === undefined || !(staticName in ALGORITHMS);
    return {
      kind: Kind.bytes(),
      fallible,
      pure: true,
      call: (value, key, algorithm) =>
        hmacBytes(value, key, algorithm === undefined ? 'SHA-256' : upper(algorithm)),
    };
  },
  examples: [
    {
      title: 'Calculate message HMAC (defaults: SHA-256), encoding to a base64 string',
      source: 'encode_base64(hmac("Hello there", "super-secret-key"))',
      result: '"eLGE8YMviv85NPXgISRUZxstBNSU47JQdcXkUWcClmI="',
    },
    {
      title: 'Calculate message HMAC using SHA-224, encoding to a hex-encoded string',
      source: 'encode_base16(hmac("Hello there", "super-secret-key", algorithm: "SHA-224"))',
      result: '"42fccbc2b7d22a143b92f265a8046187558a94d11ddbb30622207e90"',
    },
    {
      title: 'Calculate message HMAC using SHA1, encoding to a base64 string',
      source: 'encode_base64(hmac("Hello there", "super-secret-key", algorithm: "SHA1"))',
      result: '"MiyBIHO8Set9+6crALiwkS0yFPE="',
    },
    {
      title: 'Calculate message HMAC using a variable hash algorithm',
      source:
        '.hash_algo = "SHA-256"\nhmac_bytes, err = hmac("Hello there", "super-secret-key", algorithm: .hash_algo)\nif err == null {\n  .hmac = encode_base16(hmac_bytes)\n}',
      result: '"78b184f1832f8aff3934f5e0212454671b2d04d494e3b25075c5e45167029662"',
    },
  ],
};
