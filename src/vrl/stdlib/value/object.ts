import { K } from '../../types/index.js';
import { isObject } from '../../value/index.js';
import { typeAssertion } from './util/assert-type.js';
import { restrictObject } from './util/kinds.js';

/** `object(value)`: the value when it is an object, an error otherwise. */
export const object = typeAssertion({
  name: 'object',
  bits: K.OBJECT,
  expected: 'object',
  test: (value) => isObject(value),
  kind: restrictObject,
  examples: [
    {
      title: 'Declare an object type',
      source: '. = { "value": { "field1": "value1", "field2": "value2" } }\nobject(.value)\n',
      result: '{ "field1": "value1", "field2": "value2" }',
    },
    {
      title: 'Invalid type',
      source: 'object!(true)',
      error: 'function call error for "object" at (0:13): expected object, got boolean',
    },
  ],
});
