import { K } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { restrictArray, type Args } from './util/kinds.js';

/** `pop(value)`: the array without its last element. */
export const pop = defineFunction({
  name: 'pop',
  parameters: [required('value', K.ARRAY)],
  kind: (args: Args) => restrictArray(args[0]!.kind),
  call: (value) => (value as Value[]).slice(0, -1),
  examples: [{ title: 'Pop an item from an array', source: 'pop([1, 2, 3])', result: '[1, 2]' }],
});
