import { K, Kind } from '../../types/index.js';
import {
  expectedKind,
  getField,
  isBytes,
  isObject,
  kindDisplay,
  kindOf,
  setField,
  toText,
  VrlError,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** The entry's key: the first of `key`, `Key`, `name`, `Name` that is neither null nor false. */
function entryKey(entry: ValueObject): Value {
  for (const alias of ['key', 'Key', 'name', 'Name']) {
    const key = getField(entry, alias);
    if (key !== undefined && key !== null && key !== false) return key;
  }
  return null;
}

/** `from_entries(value)`: an object from `{key, value}` entries (jq's aliases accepted). */
export const fromEntries = defineFunction({
  name: 'from_entries',
  parameters: [required('value', K.ARRAY)],
  kind: Kind.object({}, Kind.any()),
  call: (value) => {
    const out: ValueObject = {};
    for (const entry of value as Value[]) {
      if (!isObject(entry)) throw expectedKind('object', kindDisplay(kindOf(entry)));
      const key = entryKey(entry);
      if (!isBytes(key)) throw new VrlError('object keys must be strings');
      setField(out, toText(key), getField(entry, 'value') ?? getField(entry, 'Value') ?? null);
    }
    return out;
  },
  examples: [
    { title: 'Manipulate empty array', source: 'from_entries([])', result: '{}' },
    {
      title: 'Manipulate array',
      source: 'from_entries([{ "key": "foo", "value": "bar" }])',
      result: '{ "foo": "bar" }',
    },
  ],
});
