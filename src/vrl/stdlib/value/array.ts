import { K } from '../../types/index.js';
import { typeAssertion } from './util/assert-type.js';
import { restrictArray } from './util/kinds.js';

/** `array(value)`: the value when it is an array, an error otherwise. */
export const array = typeAssertion({
  name: 'array',
  bits: K.ARRAY,
  expected: 'array',
  test: (value) => Array.isArray(value),
  kind: restrictArray,
  examples: [
    {
      title: 'Declare an array type',
      source: 'array!(.value)',
      input: '{"value": [1, 2, 3]}',
      result: '[1,2,3]',
    },
    { title: 'Valid array literal', source: 'array([1,2,3])', result: '[1,2,3]' },
    {
      title: 'Invalid type',
      source: 'array!(true)',
      error: 'function call error for "array" at (0:12): expected array, got boolean',
    },
  ],
});
