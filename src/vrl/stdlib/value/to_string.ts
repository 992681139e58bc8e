import { K, Kind } from '../../types/index.js';
import { toRfc3339 } from '../../time/index.js';
import { kindDisplay, kindOf, VrlError, VrlTimestamp, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import type { Args } from './util/kinds.js';
import { rustFloatDisplay } from './util/rust.js';

/** VRL's string coercion: numbers and booleans as Rust prints them, timestamps RFC 3339, null `""`. */
export function coerceToString(value: Value): string | Uint8Array {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      return rustFloatDisplay(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value === null) return '';
  if (value instanceof Uint8Array) return value;
  if (value instanceof VrlTimestamp) return toRfc3339(value.ns);
  throw new VrlError(`unable to coerce ${kindDisplay(kindOf(value))} into string`);
}

/** `to_string(value)`. */
export const toString = defineFunction({
  name: 'to_string',
  parameters: [required('value', K.ANY)],
  kind: Kind.bytes(),
  fallible: (args: Args) => args[0]!.kind.intersects(K.ARRAY | K.OBJECT | K.REGEX),
  call: (value) => coerceToString(value!),
  examples: [
    { title: 'Coerce to a string (Boolean)', source: 'to_string(true)', result: "s'true'" },
    { title: 'Coerce to a string (int)', source: 'to_string(52)', result: "s'52'" },
    { title: 'Coerce to a string (float)', source: 'to_string(52.2)', result: "s'52.2'" },
    { title: 'String', source: "to_string(s'foo')", result: '"foo"' },
    { title: 'False', source: 'to_string(false)', result: "s'false'" },
    { title: 'Null', source: 'to_string(null)', result: '""' },
    { title: 'Timestamp', source: "to_string(t'2020-01-01T00:00:00Z')", result: '"2020-01-01T00:00:00Z"' },
    {
      title: 'Array',
      source: 'to_string!([])',
      error: 'function call error for "to_string" at (0:14): unable to coerce array into string',
    },
    {
      title: 'Object',
      source: 'to_string!({})',
      error: 'function call error for "to_string" at (0:14): unable to coerce object into string',
    },
    {
      title: 'Regex',
      source: "to_string!(r'foo')",
      error: 'function call error for "to_string" at (0:18): unable to coerce regex into string',
    },
  ],
});
