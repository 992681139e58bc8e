import { K, Kind } from '../../types/index.js';
import { valueEquals, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `tally_value(array, value)`: how many elements equal `value`. */
export const tallyValue = defineFunction({
  name: 'tally_value',
  parameters: [required('array', K.ARRAY), required('value', K.ANY)],
  kind: Kind.integer(),
  call: (array, value) => BigInt((array as Value[]).filter((item) => valueEquals(item, value!)).length),
  examples: [
    {
      title: 'count matching values',
      source: 'tally_value(["foo", "bar", "foo", "baz"], "foo")',
      result: '2',
    },
  ],
});
