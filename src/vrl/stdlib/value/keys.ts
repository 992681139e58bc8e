import { K, Kind } from '../../types/index.js';
import { sortedKeys, type ValueObject } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `keys(value)`: the object's keys, in VRL's (sorted) order. */
export const keys = defineFunction({
  name: 'keys',
  parameters: [required('value', K.OBJECT)],
  kind: Kind.array(Kind.bytes()),
  call: (value) => sortedKeys(value as ValueObject),
  examples: [
    {
      title: 'Get keys from the object',
      source: 'keys({\n    "key1": "val1",\n    "key2": "val2"\n})\n',
      result: '["key1", "key2"]',
    },
  ],
});
