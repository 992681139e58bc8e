import { K, Kind } from '../../types/index.js';
import { sortedKeys, type ValueObject } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { reducedKind, restrictObject, type Args } from './util/kinds.js';

/** `values(value)`: the object's values, in key order. */
export const values = defineFunction({
  name: 'values',
  parameters: [required('value', K.OBJECT)],
  kind: (args: Args) => Kind.array(reducedKind(restrictObject(args[0]!.kind).object!)),
  call: (value) => {
    const object = value as ValueObject;
    return sortedKeys(object).map((key) => object[key]!);
  },
  examples: [
    {
      title: 'Get values from the object',
      source: 'values({"key1": "val1", "key2": "val2"})',
      result: '["val1", "val2"]',
    },
    {
      title: 'Get values from a complex object',
      source: 'values({"key1": "val1", "key2": [1, 2, 3], "key3": {"foo": "bar"}})',
      result: '["val1", [1, 2, 3], {"foo": "bar"}]',
    },
  ],
});
