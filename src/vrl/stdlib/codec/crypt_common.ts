/** What `encrypt` and `decrypt` share: argument checks with VRL's messages. */
import type { ArgumentInfo } from '../function.js';
import { algorithm, type Algorithm } from './cipher.js';
import { bytesOf, constantOf, fail, invalidArgument, upper } from './util.js';
import type { Value } from '../../value/index.js';

/** A constant, unknown algorithm is a compile error (E403), as in VRL. */
export function checkStaticAlgorithm(args: readonly (ArgumentInfo | undefined)[]): void {
  const constant = constantOf(args, 1);
  if ((typeof constant === 'string' || constant instanceof Uint8Array) && !algorithm(upper(constant)))
    throw invalidArgument(1, 'algorithm', constant, 'Invalid algorithm');
}

export function resolve(
  name: Value | undefined,
  key: Value | undefined,
  iv: Value | undefined,
): [Algorithm, Uint8Array, Uint8Array] {
  const algorithmName = upper(name);
  const found = algorithm(algorithmName);
  if (!found) fail(`Invalid algorithm: ${algorithmName}`);
  const keyBytes = bytesOf(key);
  if (keyBytes.length !== found.keySize)
    fail(`Invalid key size. Expected ${found.keySize} bytes. Found ${keyBytes.length} bytes`);
  const ivBytes = bytesOf(iv);
  if (ivBytes.length !== found.ivSize)
    fail(`Invalid iv size. Expected ${found.ivSize} bytes. Found ${ivBytes.length} bytes`);
  return [found, keyBytes, ivBytes];
}
