import { randomBytes } from 'node:crypto';
import { optional, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlError, VrlTimestamp, type Value } from '../../value/index.js';
import { uuidText } from './uuid_format.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * The 48-bit millisecond field VRL writes. VRL passes the whole nanosecond timestamp truncated to `u32` as
 * the sub-second part (and whole seconds as `u64`), so its milliseconds run ahead of the true value by up to
 * 4.3 s; the same arithmetic is kept here so the UUIDs agree.
 */
export function uuidV7Millis(ns: bigint): bigint {
  if (ns < I64_MIN || ns > I64_MAX) throw new VrlError("can't convert out of range timestamp");
  let seconds = ns / 1_000_000_000n;
  if (ns % 1_000_000_000n < 0n) seconds -= 1n;
  const nanos = BigInt.asUintN(32, ns);
  return BigInt.asUintN(48, BigInt.asUintN(64, seconds) * 1000n + nanos / 1_000_000n);
}

export function uuidV7(millis: bigint): string {
  const bytes = randomBytes(16);
  for (let i = 0; i < 6; i++) bytes[i] = Number((millis >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return uuidText(bytes);
}

export const uuid_v7: FunctionDef = {
  name: 'uuid_v7',
  parameters: [optional('timestamp', K.TIMESTAMP)],
  compile: () => ({
    kind: Kind.bytes(),
    fallible: false,
    pure: false,
    call: (timestamp: Value | undefined) => {
      const ns = timestamp instanceof VrlTimestamp ? timestamp.ns : BigInt(Date.now()) * 1_000_000n;
      return uuidV7(uuidV7Millis(ns));
    },
  }),
  examples: [
    {
      title: 'Create a UUIDv7 with custom timestamp (time prefix only; the rest is random)',
      source: "slice!(uuid_v7(t'2020-12-30T22:20:53.824727Z'), 0, 15)",
      result: '"0176b5bd-5d19-7"',
    },
  ],
};
