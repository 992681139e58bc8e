import { K, Kind } from '../../types/index.js';
import { valueEquals, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `includes(value, item)`: whether the array holds an element equal to `item` (`1` is not `1.0`). */
export const includes = defineFunction({
  name: 'includes',
  parameters: [required('value', K.ARRAY), required('item', K.ANY)],
  kind: Kind.boolean(),
  call: (value, item) => (value as Value[]).some((element) => valueEquals(element, item!)),
  examples: [
    { title: 'Array includes', source: 'includes(["apple", "orange", "banana"], "banana")', result: 'true' },
    { title: 'Includes boolean', source: 'includes([1, true], true)', result: 'true' },
    { title: "Doesn't include", source: 'includes(["foo", "bar"], "baz")', result: 'false' },
  ],
});
