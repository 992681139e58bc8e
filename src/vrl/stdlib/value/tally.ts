import { K, Kind } from '../../types/index.js';
import { isBytes, setField, toText, VrlError, type Value, type ValueObject } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { rustDebugValue } from './util/rust.js';

/** `tally(value)`: how many times each string occurs in the array. */
export const tally = defineFunction({
  name: 'tally',
  parameters: [required('value', K.ARRAY)],
  kind: Kind.object({}, Kind.integer()),
  fallible: true,
  call: (value) => {
    const counts = new Map<string, bigint>();
    for (const item of value as Value[]) {
      if (!isBytes(item)) throw new VrlError(`all values must be strings, found: ${rustDebugValue(item)}`);
      const key = toText(item);
      counts.set(key, (counts.get(key) ?? 0n) + 1n);
    }
    const out: ValueObject = {};
    for (const [key, count] of counts) setField(out, key, count);
    return out;
  },
  examples: [
    {
      title: 'tally',
      source: 'tally!(["foo", "bar", "foo", "baz"])',
      result: '{"foo": 2, "bar": 1, "baz": 1}',
    },
  ],
});
