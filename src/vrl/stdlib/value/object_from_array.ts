import { K, Kind } from '../../types/index.js';
import {
  expectedKind,
  isBytes,
  kindDisplay,
  kindOf,
  setField,
  toText,
  VrlError,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';

/** A key: strings as is, null to skip the pair, anything else an error. */
function keyOf(key: Value): string | undefined {
  if (isBytes(key)) return toText(key);
  if (key === null) return undefined;
  throw new VrlError('object keys must be strings');
}

/** `object_from_array(values, keys?)`: an object from `[key, value]` pairs, or from separate keys and values. */
export const objectFromArray = defineFunction({
  name: 'object_from_array',
  parameters: [required('values', K.ARRAY), optional('keys', K.ARRAY)],
  kind: Kind.object({}, Kind.any()),
  call: (values, keys) => {
    const out: ValueObject = {};
    const items = values as Value[];
    if (keys === undefined) {
      for (const pair of items) {
        if (!Array.isArray(pair)) throw expectedKind('array', kindDisplay(kindOf(pair)));
        if (pair.length === 0) throw new VrlError('array value too short');
        const key = keyOf(pair[0]!);
        if (key !== undefined) setField(out, key, pair.length > 1 ? pair[1]! : null);
      }
      return out;
    }
    const names = keys as Value[];
    const n = Math.min(names.length, items.length);
    for (let i = 0; i < n; i++) {
      const key = keyOf(names[i]!);
      if (key !== undefined) setField(out, key, items[i]!);
    }
    return out;
  },
  examples: [
    {
      title: 'Create an object from one array',
      source: 'object_from_array([["one", 1], [null, 2], ["two", 3]])',
      result: '{ "one": 1, "two": 3 }',
    },
    {
      title: 'Create an object from separate key and value arrays',
      source: 'object_from_array([1, 2, 3], keys: ["one", null, "two"])',
      result: '{ "one": 1, "two": 3 }',
    },
    {
      title: 'Create an object from a separate arrays of keys and values',
      source: 'object_from_array(values: [1, null, true], keys: ["a", "b", "c"])',
      result: '{"a": 1, "b": null, "c": true}',
    },
  ],
});
