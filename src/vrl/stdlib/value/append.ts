import { K, Kind } from '../../types/index.js';
import { type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { arrayKind, exactArrayLength, reducedKind, restrictArray, type Args } from './util/kinds.js';

/** `append(value, items)`: the array with `items` added at the end. */
export const append = defineFunction({
  name: 'append',
  parameters: [required('value', K.ARRAY), required('items', K.ARRAY)],
  kind: (args: Args) => {
    const value = restrictArray(args[0]!.kind).array!;
    const items = restrictArray(args[1]!.kind).array!;
    const length = exactArrayLength(Kind.of(K.ARRAY, undefined, value));
    const known = new Map(value.known);
    if (length !== undefined) {
      for (const [i, kind] of items.known) known.set(i + length, kind);
      return arrayKind(known, items.unknown);
    }
    const unknown = value.unknown ? value.unknown.or(reducedKind(items)) : reducedKind(items);
    return arrayKind(known, unknown);
  },
  call: (value, items) => [...(value as Value[]), ...(items as Value[])],
  examples: [{ title: 'Append to an array', source: 'append([1, 2], [3, 4])', result: '[1, 2, 3, 4]' }],
});
