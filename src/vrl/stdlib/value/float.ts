import { K, Kind } from '../../types/index.js';
import { typeAssertion } from './util/assert-type.js';

/** `float(value)`: the value when it is a float, an error otherwise. */
export const float = typeAssertion({
  name: 'float',
  bits: K.FLOAT,
  expected: 'float',
  test: (value) => typeof value === 'number',
  kind: () => Kind.float(),
  examples: [
    { title: 'Declare a float type', source: '. = { "value": 42.0 }\nfloat(.value)\n', result: '42.0' },
    { title: 'Declare a float type (literal)', source: 'float(3.1415)', result: '3.1415' },
    {
      title: 'Invalid float type',
      source: 'float!(true)',
      error: 'function call error for "float" at (0:12): expected float, got boolean',
    },
  ],
});
