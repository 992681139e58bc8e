import type { FunctionDef } from '../function.js';
import { Kind } from '../../types/index.js';
import { VrlTimestamp } from '../../value/index.js';

/** Nanoseconds since the epoch from the wall clock, with sub-millisecond digits from the monotonic clock. */
function nowNanos(): bigint {
  const ms = Date.now();
  const sub = Math.floor((performance.now() % 1) * 1e6);
  return BigInt(ms) * 1_000_000n + BigInt(sub);
}

export const now: FunctionDef = {
  name: 'now',
  parameters: [],
  compile: () => ({
    kind: Kind.timestamp(),
    fallible: false,
    pure: false,
    call: () => new VrlTimestamp(nowNanos()),
  }),
};
