import { K, Kind } from '../../types/index.js';
import { VrlTimestamp } from '../../value/index.js';
import { typeAssertion } from './util/assert-type.js';

/** `timestamp(value)`: the value when it is a timestamp, an error otherwise. */
export const timestamp = typeAssertion({
  name: 'timestamp',
  bits: K.TIMESTAMP,
  expected: 'timestamp',
  test: (value) => value instanceof VrlTimestamp,
  kind: () => Kind.timestamp(),
  examples: [
    {
      title: 'Declare a timestamp type',
      source: "timestamp(t'2020-10-10T16:00:00Z')",
      result: "t'2020-10-10T16:00:00Z'",
    },
    {
      title: 'Invalid type',
      source: 'timestamp!(true)',
      error: 'function call error for "timestamp" at (0:16): expected timestamp, got boolean',
    },
  ],
});
