import { K, Kind } from '../../types/index.js';
import { kindDisplay, kindOf, toText, VrlError, VrlTimestamp, type Value } from '../../value/index.js';
import { toEpochSeconds } from '../../time/index.js';
import { defineFunction, required } from '../function.js';
import { convertInteger } from './util/conversion.js';
import { floatToI64 } from './util/rust.js';
import type { Args } from './util/kinds.js';

/** VRL's integer coercion: floats truncate (saturating), booleans 0/1, null 0, strings parse, timestamps Unix seconds. */
export function coerceToInt(value: Value): bigint {
  switch (typeof value) {
    case 'bigint':
      return value;
    case 'number':
      return floatToI64(value);
    case 'boolean':
      return value ? 1n : 0n;
    case 'string':
      return convertInteger(value);
  }
  if (value === null) return 0n;
  if (value instanceof Uint8Array) return convertInteger(toText(value));
  if (value instanceof VrlTimestamp) return toEpochSeconds(value.ns);
  throw new VrlError(`unable to coerce ${kindDisplay(kindOf(value))} into integer`);
}

/** `to_int(value)`. */
export const toInt = defineFunction({
  name: 'to_int',
  parameters: [required('value', K.ANY)],
  kind: Kind.integer(),
  fallible: (args: Args) => args[0]!.kind.intersects(K.BYTES | K.ARRAY | K.OBJECT | K.REGEX),
  call: (value) => coerceToInt(value!),
  examples: [
    { title: 'Coerce to an int (string)', source: 'to_int!("2")', result: '2' },
    {
      title: 'Coerce to an int (timestamp)',
      source: "to_int(t'2020-12-30T22:20:53.824727Z')",
      result: '1609366853',
    },
    { title: 'Integer', source: 'to_int(5)', result: '5' },
    { title: 'Float', source: 'to_int(5.6)', result: '5' },
    { title: 'True', source: 'to_int(true)', result: '1' },
    { title: 'False', source: 'to_int(false)', result: '0' },
    { title: 'Null', source: 'to_int(null)', result: '0' },
    {
      title: 'Invalid string',
      source: "to_int!(s'foobar')",
      error:
        'function call error for "to_int" at (0:18): Invalid integer "foobar": invalid digit found in string',
    },
    {
      title: 'Array',
      source: 'to_int!([])',
      error: 'function call error for "to_int" at (0:11): unable to coerce array into integer',
    },
    {
      title: 'Object',
      source: 'to_int!({})',
      error: 'function call error for "to_int" at (0:11): unable to coerce object into integer',
    },
    {
      title: 'Regex',
      source: "to_int!(r'foo')",
      error: 'function call error for "to_int" at (0:15): unable to coerce regex into integer',
    },
  ],
});
