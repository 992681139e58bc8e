import { K, Kind } from '../../types/index.js';
import { sortedKeys, type Value, type ValueObject } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `to_entries(value)`: `[{key, value}]` for an object's fields (or an array's indices). */
export const toEntries = defineFunction({
  name: 'to_entries',
  parameters: [required('value', K.OBJECT | K.ARRAY)],
  kind: Kind.array(),
  call: (value) => {
    if (Array.isArray(value)) return value.map((item, i) => ({ key: BigInt(i), value: item }));
    const object = value as ValueObject;
    return sortedKeys(object).map((key): Value => ({ key, value: object[key]! }));
  },
  examples: [
    { title: 'Manipulate empty object', source: 'to_entries({})', result: '[]' },
    {
      title: 'Manipulate object',
      source: 'to_entries({ "foo": "bar"})',
      result: '[{ "key": "foo", "value": "bar" }]',
    },
    {
      title: 'Manipulate array',
      source: 'to_entries([1, 2])',
      result: '[{ "key": 0, "value": 1 }, { "key": 1, "value": 2 }]',
    },
  ],
});
