import { K, Kind } from '../../types/index.js';
import { requireText, VrlError } from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';

/** `assert(condition, message?)`: true, or an error (`message`, or `assertion failed`). */
export const assert = defineFunction({
  name: 'assert',
  parameters: [required('condition', K.BOOLEAN), optional('message', K.BYTES)],
  kind: Kind.boolean(),
  fallible: true,
  call: (condition, message) => {
    if (condition === true) return true;
    throw new VrlError(message === undefined ? 'assertion failed' : requireText(message));
  },
  examples: [
    {
      title: 'Assertion (true) - with message',
      source: 'assert!("foo" == "foo", message: "\\"foo\\" must be \\"foo\\"!")',
      result: 'true',
    },
    {
      title: 'Assertion (false) - with message',
      source: 'assert!("foo" == "bar", message: "\\"foo\\" must be \\"foo\\"!")',
      error: 'function call error for "assert" at (0:60): "foo" must be "foo"!',
    },
    {
      title: 'Assertion (false) - simple',
      source: 'assert!(false)',
      error: 'function call error for "assert" at (0:14): assertion failed',
    },
  ],
});
