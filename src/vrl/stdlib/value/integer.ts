import { K, Kind } from '../../types/index.js';
import { typeAssertion } from './util/assert-type.js';

/** `int(value)`: the value when it is an integer, an error otherwise. */
export const int = typeAssertion({
  name: 'int',
  bits: K.INTEGER,
  expected: 'integer',
  test: (value) => typeof value === 'bigint',
  kind: () => Kind.integer(),
  examples: [
    { title: 'Declare an integer type', source: '. = { "value": 42 }\nint(.value)\n', result: '42' },
    { title: 'Declare an integer type (literal)', source: 'int(42)', result: '42' },
    {
      title: 'Invalid integer type',
      source: 'int!(true)',
      error: 'function call error for "int" at (0:10): expected integer, got boolean',
    },
  ],
});
