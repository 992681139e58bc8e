import { K, Kind } from '../../types/index.js';
import { toVrlJson, valueEquals, kindOf, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** A key that equal values share (kinds kept apart: `1` and `1.0` differ), for bucketing. */
function bucketKey(value: Value): string {
  return `${kindOf(value)}:${toVrlJson(value)}`;
}

/** `unique(value)`: the array without repeated elements, first occurrences kept in order. */
export const unique = defineFunction({
  name: 'unique',
  parameters: [required('value', K.ARRAY)],
  kind: Kind.array(),
  call: (value) => {
    const seen = new Map<string, Value[]>();
    const out: Value[] = [];
    for (const item of value as Value[]) {
      const key = bucketKey(item);
      const bucket = seen.get(key);
      if (bucket?.some((other) => valueEquals(other, item))) continue;
      if (bucket) bucket.push(item);
      else seen.set(key, [item]);
      out.push(item);
    }
    return out;
  },
  examples: [
    { title: 'Unique', source: 'unique(["foo", "bar", "foo", "baz"])', result: '["foo", "bar", "baz"]' },
  ],
});
