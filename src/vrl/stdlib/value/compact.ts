import { K, Kind } from '../../types/index.js';
import { byteLength, isBytes, isObject, setField, type Value, type ValueObject } from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';
import type { Args } from './util/kinds.js';
import { isNullishValue } from './util/nullish.js';

interface CompactOptions {
  recursive: boolean;
  null: boolean;
  string: boolean;
  object: boolean;
  array: boolean;
  nullish: boolean;
}

function isEmptyValue(value: Value, o: CompactOptions): boolean {
  if (o.nullish && isNullishValue(value)) return true;
  if (value === null) return o.null;
  if (isBytes(value)) return o.string && byteLength(value) === 0;
  if (Array.isArray(value)) return o.array && value.length === 0;
  if (isObject(value)) return o.object && Object.keys(value).length === 0;
  return false;
}

function recurse(value: Value, o: CompactOptions): Value {
  if (!o.recursive) return value;
  if (Array.isArray(value)) return compactArray(value, o);
  if (isObject(value)) return compactObject(value, o);
  return value;
}

function compactArray(array: Value[], o: CompactOptions): Value[] {
  const out: Value[] = [];
  for (const item of array) {
    const value = recurse(item, o);
    if (!isEmptyValue(value, o)) out.push(value);
  }
  return out;
}

function compactObject(object: ValueObject, o: CompactOptions): ValueObject {
  const out: ValueObject = {};
  for (const key of Object.keys(object)) {
    const value = recurse(object[key]!, o);
    if (!isEmptyValue(value, o)) setField(out, key, value);
  }
  return out;
}

/** `compact(value, recursive, null, string, object, array, nullish)`: drops empty values. */
export const compact = defineFunction({
  name: 'compact',
  parameters: [
    required('value', K.OBJECT | K.ARRAY),
    optional('recursive', K.BOOLEAN),
    optional('null', K.BOOLEAN),
    optional('string', K.BOOLEAN),
    optional('object', K.BOOLEAN),
    optional('array', K.BOOLEAN),
    optional('nullish', K.BOOLEAN),
  ],
  kind: (args: Args) => (args[0]!.kind.is(K.ARRAY) ? Kind.array() : Kind.object({}, Kind.any())),
  call: (value, recursive, isNull, string, object, array, nullish) => {
    const o: CompactOptions = {
      recursive: (recursive as boolean | undefined) ?? true,
      null: (isNull as boolean | undefined) ?? true,
      string: (string as boolean | undefined) ?? true,
      object: (object as boolean | undefined) ?? true,
      array: (array as boolean | undefined) ?? true,
      nullish: (nullish as boolean | undefined) ?? false,
    };
    return Array.isArray(value) ? compactArray(value, o) : compactObject(value as ValueObject, o);
  },
  examples: [
    {
      title: 'Compact an object with default parameters',
      source: 'compact({"field1": 1, "field2": "", "field3": [], "field4": null})',
      result: '{ "field1": 1 }',
    },
    {
      title: 'Compact an array with default parameters',
      source: 'compact(["foo", "bar", "", null, [], "buzz"])',
      result: '["foo","bar","buzz"]',
    },
    {
      title: 'Compact an array using nullish',
      source: 'compact(["-", "   ", "\\n", null, true], nullish: true)',
      result: '[true]',
    },
    {
      title: 'Compact a complex object with default parameters',
      source: 'compact({ "a": {}, "b": null, "c": [null], "d": "", "e": "-", "f": true })',
      result: '{ "e": "-", "f": true }',
    },
    {
      title: 'Compact a complex object using null: false',
      source: 'compact({ "a": {}, "b": null, "c": [null], "d": "", "e": "-", "f": true }, null: false)',
      result: '{ "b": null, "c": [null], "e": "-", "f": true }',
    },
  ],
});
