import { K } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { arrayKind, exactArrayLength, restrictArray, upgradeUndefined, type Args } from './util/kinds.js';

/** `push(value, item)`: the array with `item` added at the end. */
export const push = defineFunction({
  name: 'push',
  parameters: [required('value', K.ARRAY), required('item', K.ANY)],
  kind: (args: Args) => {
    const item = upgradeUndefined(args[1]!.kind);
    const kind = restrictArray(args[0]!.kind);
    const array = kind.array!;
    const length = exactArrayLength(kind);
    const known = new Map(array.known);
    if (length !== undefined) {
      known.set(length, item);
      return arrayKind(known, array.unknown);
    }
    return arrayKind(known, array.unknown ? array.unknown.or(item) : item);
  },
  call: (value, item) => [...(value as Value[]), item!],
  examples: [
    { title: 'Push an item onto an array', source: 'push([1, 2], 3)', result: '[1, 2, 3]' },
    { title: 'Empty array', source: 'push([], "bar")', result: '["bar"]' },
  ],
});
