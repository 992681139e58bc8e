import { K, Kind } from '../../types/index.js';
import { kindDisplay, kindOf, toText, VrlError, VrlTimestamp, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { convertFloat } from './util/conversion.js';
import type { Args } from './util/kinds.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** VRL's float coercion: integers widen, booleans 0/1, null 0, strings parse, timestamps Unix seconds with fraction. */
export function coerceToFloat(value: Value): number {
  switch (typeof value) {
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'string':
      return convertFloat(value);
  }
  if (value === null) return 0;
  if (value instanceof Uint8Array) return convertFloat(toText(value));
  if (value instanceof VrlTimestamp) {
    if (value.ns < I64_MIN || value.ns > I64_MAX) throw new VrlError("can't convert out of range timestamp");
    return Number(value.ns) / 1e9;
  }
  throw new VrlError(`unable to coerce ${kindDisplay(kindOf(value))} into float`);
}

/** `to_float(value)`. */
export const toFloat = defineFunction({
  name: 'to_float',
  parameters: [required('value', K.ANY)],
  kind: Kind.float(),
  fallible: (args: Args) => args[0]!.kind.intersects(K.BYTES | K.ARRAY | K.OBJECT | K.REGEX),
  call: (value) => coerceToFloat(value!),
  examples: [
    { title: 'Coerce to a float', source: 'to_float!("3.145")', result: '3.145' },
    {
      title: 'Coerce to a float (timestamp)',
      source: "to_float(t'2020-12-30T22:20:53.824727Z')",
      result: '1609366853.824727',
    },
    { title: 'Integer', source: 'to_float(5)', result: '5.0' },
    { title: 'Float', source: 'to_float(5.6)', result: '5.6' },
    { title: 'True', source: 'to_float(true)', result: '1.0' },
    { title: 'False', source: 'to_float(false)', result: '0.0' },
    { title: 'Null', source: 'to_float(null)', result: '0.0' },
    {
      title: 'Invalid string',
      source: "to_float!(s'foobar')",
      error:
        'function call error for "to_float" at (0:20): Invalid floating point number "foobar": invalid float literal',
    },
    {
      title: 'Array',
      source: 'to_float!([])',
      error: 'function call error for "to_float" at (0:13): unable to coerce array into float',
    },
    {
      title: 'Object',
      source: 'to_float!({})',
      error: 'function call error for "to_float" at (0:13): unable to coerce object into float',
    },
    {
      title: 'Regex',
      source: "to_float!(r'foo')",
      error: 'function call error for "to_float" at (0:17): unable to coerce regex into float',
    },
  ],
});
