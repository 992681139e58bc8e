/** Hex digests through `node:crypto`. */
import { createHash } from 'node:crypto';

export function hexDigest(algorithm: string, bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}
