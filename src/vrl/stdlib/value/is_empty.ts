import { K, Kind } from '../../types/index.js';
import { byteLength, isBytes } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `is_empty(value)`: an empty string, array or object. */
export const isEmpty = defineFunction({
  name: 'is_empty',
  parameters: [required('value', K.OBJECT | K.ARRAY | K.BYTES)],
  kind: Kind.boolean(),
  call: (value) => {
    if (isBytes(value!)) return byteLength(value) === 0;
    if (Array.isArray(value)) return value.length === 0;
    return Object.keys(value as object).length === 0;
  },
  examples: [
    { title: 'Empty array', source: 'is_empty([])', result: 'true' },
    { title: 'Non-empty string', source: 'is_empty("a string")', result: 'false' },
    { title: 'Non-empty object', source: 'is_empty({"foo": "bar"})', result: 'false' },
    { title: 'Empty string', source: 'is_empty("")', result: 'true' },
    { title: 'Empty object', source: 'is_empty({})', result: 'true' },
    { title: 'Non-empty array', source: 'is_empty([1,2,3])', result: 'false' },
  ],
});
