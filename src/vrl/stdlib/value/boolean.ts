import { K, Kind } from '../../types/index.js';
import { typeAssertion } from './util/assert-type.js';

/** `bool(value)`: the value when it is a boolean, an error otherwise. */
export const bool = typeAssertion({
  name: 'bool',
  bits: K.BOOLEAN,
  expected: 'boolean',
  test: (value) => typeof value === 'boolean',
  kind: () => Kind.boolean(),
  examples: [
    { title: 'Valid Boolean', source: 'bool(false)', result: 'false' },
    {
      title: 'Invalid Boolean',
      source: 'bool!(42)',
      error: 'function call error for "bool" at (0:9): expected boolean, got integer',
    },
    { title: 'Valid Boolean from path', source: 'bool!(.value)', input: '{ "value": true }', result: 'true' },
  ],
});
