import { K, Kind } from '../../types/index.js';
import { kindDisplay, kindOf, toText, VrlError, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { convertBoolean } from './util/conversion.js';
import type { Args } from './util/kinds.js';

/** VRL's boolean coercion: numbers are true unless zero, null is false, strings parse (`yes`, `n`, `1`, …). */
export function coerceToBool(value: Value): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0;
    case 'string':
      return convertBoolean(value);
  }
  if (value === null) return false;
  if (value instanceof Uint8Array) return convertBoolean(toText(value));
  throw new VrlError(`unable to coerce ${kindDisplay(kindOf(value))} into boolean`);
}

/** `to_bool(value)`. */
export const toBool = defineFunction({
  name: 'to_bool',
  parameters: [required('value', K.ANY)],
  kind: Kind.boolean(),
  fallible: (args: Args) => args[0]!.kind.intersects(K.BYTES | K.TIMESTAMP | K.ARRAY | K.OBJECT | K.REGEX),
  call: (value) => coerceToBool(value!),
  examples: [
    { title: 'Coerce to a Boolean (string)', source: 'to_bool!("yes")', result: 'true' },
    { title: 'Coerce to a Boolean (float)', source: 'to_bool(0.0)', result: 'false' },
    { title: 'Coerce to a Boolean (int)', source: 'to_bool(0)', result: 'false' },
    { title: 'Coerce to a Boolean (null)', source: 'to_bool(null)', result: 'false' },
    { title: 'Coerce to a Boolean (Boolean)', source: 'to_bool(true)', result: 'true' },
    { title: 'Integer (other)', source: 'to_bool(2)', result: 'true' },
    { title: 'Float (other)', source: 'to_bool(5.6)', result: 'true' },
    { title: 'False', source: 'to_bool(false)', result: 'false' },
    { title: 'True string', source: "to_bool!(s'true')", result: 'true' },
    { title: 'Y string', source: "to_bool!(s'y')", result: 'true' },
    { title: 'Non-zero integer string', source: "to_bool!(s'1')", result: 'true' },
    { title: 'False string', source: "to_bool!(s'false')", result: 'false' },
    { title: 'No string', source: "to_bool!(s'no')", result: 'false' },
    { title: 'N string', source: "to_bool!(s'n')", result: 'false' },
    {
      title: 'Invalid string',
      source: "to_bool!(s'foobar')",
      error: 'function call error for "to_bool" at (0:19): Invalid boolean value "foobar"',
    },
    {
      title: 'Timestamp',
      source: "to_bool!(t'2020-01-01T00:00:00Z')",
      error: 'function call error for "to_bool" at (0:33): unable to coerce timestamp into boolean',
    },
    {
      title: 'Array',
      source: 'to_bool!([])',
      error: 'function call error for "to_bool" at (0:12): unable to coerce array into boolean',
    },
    {
      title: 'Object',
      source: 'to_bool!({})',
      error: 'function call error for "to_bool" at (0:12): unable to coerce object into boolean',
    },
    {
      title: 'Regex',
      source: "to_bool!(r'foo')",
      error: 'function call error for "to_bool" at (0:16): unable to coerce regex into boolean',
    },
  ],
});
