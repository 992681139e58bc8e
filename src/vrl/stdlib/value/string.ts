import { K, Kind } from '../../types/index.js';
import { isBytes } from '../../value/index.js';
import { typeAssertion } from './util/assert-type.js';

/** `string(value)`: the value when it is a string (bytes), an error otherwise. */
export const string = typeAssertion({
  name: 'string',
  bits: K.BYTES,
  expected: 'string',
  test: (value) => isBytes(value),
  kind: () => Kind.bytes(),
  examples: [
    {
      title: 'Declare a string type',
      source: '. = { "message": "{\\"field\\": \\"value\\"}" }\nstring(.message)\n',
      result: '"{\\"field\\": \\"value\\"}"',
    },
    {
      title: 'Invalid type',
      source: 'string!(true)',
      error: 'function call error for "string" at (0:13): expected string, got boolean',
    },
  ],
});
