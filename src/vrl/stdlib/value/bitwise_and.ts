import { K, Kind } from '../../types/index.js';
import { defineFunction, required } from '../function.js';
import { constantOf, type Args } from './util/kinds.js';

/**
 * `bitwise_and(value, other)`: the bitwise AND of two integers. A Matano addition kept for its managed
 * sources; like Matano's, the call is typed fallible unless `other` is an integer literal.
 */
export const bitwiseAnd = defineFunction({
  name: 'bitwise_and',
  parameters: [required('value', K.INTEGER), required('other', K.INTEGER)],
  kind: Kind.integer(),
  fallible: (args: Args) => typeof constantOf(args, 1) !== 'bigint',
  call: (value, other) => (value as bigint) & (other as bigint),
  examples: [
    { title: 'bitwise_and', source: 'bitwise_and(5, 3)', result: '1' },
    { title: 'Negative operand', source: 'bitwise_and(-1, 255)', result: '255' },
  ],
});
