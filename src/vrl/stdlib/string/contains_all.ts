import { defineFunction, optional, required, type ArgumentInfo } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { expectedKind, isBytes, kindDisplay, kindOf, type Value } from '../../value/index.js';
import { text } from './support/text.js';

/** True when every element of the array argument is known to be bytes. */
function elementsAreBytes(arg: ArgumentInfo | undefined): boolean {
  const array = arg?.kind.array;
  if (!array) return false;
  for (const kind of array.known.values()) if (!kind.isSubsetOf(K.BYTES)) return false;
  return array.unknown === undefined || array.unknown.isSubsetOf(K.BYTES);
}

export const contains_all = defineFunction({
  name: 'contains_all',
  parameters: [
    required('value', K.BYTES),
    required('substrings', K.ARRAY),
    optional('case_sensitive', K.BOOLEAN),
  ],
  kind: Kind.boolean(),
  fallible: (args) => !elementsAreBytes(args[1]),
  call: (value, substrings, caseSensitive) => {
    const insensitive = caseSensitive === false;
    const haystack = insensitive ? text(value).toLowerCase() : text(value);
    for (const item of substrings as Value[]) {
      if (!isBytes(item)) throw expectedKind('string', kindDisplay(kindOf(item)));
      const needle = insensitive ? text(item).toLowerCase() : text(item);
      if (!haystack.includes(needle)) return false;
    }
    return true;
  },
  examples: [
    {
      title: 'String contains all with default parameters (case sensitive)',
      source: 'contains_all("The NEEDLE in the Haystack", ["NEEDLE", "Haystack"])',
      result: 'true',
    },
    {
      title: "String doesn't contain all with default parameters (case sensitive)",
      source: 'contains_all("The NEEDLE in the Haystack", ["needle", "Haystack"])',
      result: 'false',
    },
    {
      title: 'String contains all (case insensitive)',
      source: 'contains_all("The NEEDLE in the HaYsTaCk", ["nEeDlE", "haystack"], case_sensitive: false)',
      result: 'true',
    },
  ],
});
