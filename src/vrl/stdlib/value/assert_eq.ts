import { K, Kind } from '../../types/index.js';
import { requireText, valueEquals, VrlError } from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';
import { vrlDisplay } from './util/rust.js';

/** `assert_eq(left, right, message?)`: true when equal, an error otherwise. */
export const assertEq = defineFunction({
  name: 'assert_eq',
  parameters: [required('left', K.ANY), required('right', K.ANY), optional('message', K.BYTES)],
  kind: Kind.boolean(),
  fallible: true,
  call: (left, right, message) => {
    if (valueEquals(left!, right!)) return true;
    if (message !== undefined) throw new VrlError(requireText(message));
    throw new VrlError(`assertion failed: ${vrlDisplay(left!)} == ${vrlDisplay(right!)}`);
  },
  examples: [
    { title: 'Successful assertion', source: 'assert_eq!(1, 1)', result: 'true' },
    {
      title: 'Unsuccessful assertion',
      source: 'assert_eq!(127, [1, 2, 3])',
      error: 'function call error for "assert_eq" at (0:26): assertion failed: 127 == [1, 2, 3]',
    },
    {
      title: 'Unsuccessful assertion with custom log message',
      source: 'assert_eq!(1, 0, message: "Unequal integers")',
      error: 'function call error for "assert_eq" at (0:45): Unequal integers',
    },
  ],
});
