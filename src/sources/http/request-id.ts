/**
 * Request ids: 26 characters of Crockford base32, a 48-bit millisecond timestamp followed by
 * 80 random bits (the ULID layout), so ids sort by arrival time and never collide in practice.
 * The id is also the request's ingest-ledger identity.
 */
import { createHash, randomBytes } from 'node:crypto';
import { HttpIngestError } from './errors.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRequestId(now = Date.now()): string {
  let time = '';
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32]! + time;
  const bytes = randomBytes(10);
  let random = '';
  // 80 bits = 16 groups of 5 bits.
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      random += ALPHABET[(acc >> bits) & 31]!;
    }
    acc &= (1 << bits) - 1;
  }
  return time + random;
}

/** What an `Idempotency-Key` header may hold: 1 to 255 visible ASCII characters. */
export const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The request id of a client-chosen `Idempotency-Key` (IETF httpapi draft): a request retried
 * with the same key gets the same ledger identity, so it is committed once however many times
 * the client had to resend it (a shipper retrying a batch whose answer was lost).
 */
export function idempotentRequestId(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key))
    throw new HttpIngestError(400, 'rejected', 'Idempotency-Key: expected 1 to 255 visible ASCII characters');
  return 'K' + createHash('sha256').update(key).digest('hex').slice(0, 40);
}
