import { K, Kind } from '../../types/index.js';
import { expectedKind, kindDisplay, kindOf, type Value } from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';

function zipAll(arrays: Value[][]): Value[] {
  if (arrays.length === 0) return [];
  const n = Math.min(...arrays.map((a) => a.length));
  const out: Value[] = [];
  for (let i = 0; i < n; i++) out.push(arrays.map((a) => a[i]!));
  return out;
}

/** `zip(array_0, array_1?)`: tuples of elements at the same index (of two arrays, or of an array of arrays). */
export const zip = defineFunction({
  name: 'zip',
  parameters: [required('array_0', K.ARRAY), optional('array_1', K.ARRAY)],
  kind: Kind.array(),
  call: (array0, array1) => {
    if (array1 !== undefined) return zipAll([array0 as Value[], array1 as Value[]]);
    const arrays = (array0 as Value[]).map((item) => {
      if (!Array.isArray(item)) throw expectedKind('array', kindDisplay(kindOf(item)));
      return item;
    });
    return zipAll(arrays);
  },
  examples: [
    { title: 'Merge two arrays', source: 'zip([1, 2, 3], [4, 5, 6, 7])', result: '[[1, 4], [2, 5], [3, 6]]' },
    {
      title: 'Merge three arrays',
      source: 'zip([[1, 2], [3, 4], [5, 6]])',
      result: '[[1, 3, 5], [2, 4, 6]]',
    },
    {
      title: 'Merge an array of three arrays into an array of 3-tuples',
      source: 'zip([["a", "b", "c"], [1, null, true], [4, 5, 6]])',
      result: '[["a", 1, 4], ["b", null, 5], ["c", true, 6]]',
    },
    {
      title: 'Merge two array parameters',
      source: 'zip([1, 2, 3, 4], [5, 6, 7])',
      result: '[[1, 5], [2, 6], [3, 7]]',
    },
  ],
});
