import { K } from '../../types/index.js';
import { cloneValue, getField, isObject, setField, type ValueObject } from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';
import { mergeOverwrite, restrictObject, type Args } from './util/kinds.js';

/** Merges `from` into `to` (mutating `to`); with `deep`, nested objects present in both merge too. */
export function mergeObjects(to: ValueObject, from: ValueObject, deep: boolean): ValueObject {
  for (const key of Object.keys(from)) {
    const a = getField(to, key);
    const b = from[key]!;
    if (deep && isObject(a) && isObject(b)) mergeObjects(a, b, deep);
    else setField(to, key, cloneValue(b));
  }
  return to;
}

/** `merge(to, from, deep: false)`. */
export const merge = defineFunction({
  name: 'merge',
  parameters: [required('to', K.OBJECT), required('from', K.OBJECT), optional('deep', K.BOOLEAN)],
  kind: (args: Args) => mergeOverwrite(restrictObject(args[0]!.kind), restrictObject(args[1]!.kind)),
  call: (to, from, deep) =>
    mergeObjects(cloneValue(to as ValueObject), from as ValueObject, (deep as boolean | undefined) ?? false),
  examples: [
    {
      title: 'Object merge (shallow)',
      source:
        'merge(\n    {\n        "parent1": {\n            "child1": 1,\n            "child2": 2\n        },\n        "parent2": {\n            "child3": 3\n        }\n    },\n    {\n        "parent1": {\n            "child2": 4,\n            "child5": 5\n        }\n    }\n)\n',
      result: '{ "parent1": { "child2": 4, "child5": 5 }, "parent2": { "child3": 3 } }',
    },
    {
      title: 'Object merge (deep)',
      source:
        'merge(\n    {\n        "parent1": {\n            "child1": 1,\n            "child2": 2\n        },\n        "parent2": {\n            "child3": 3\n        }\n    },\n    {\n        "parent1": {\n            "child2": 4,\n            "child5": 5\n        }\n    },\n    deep: true\n)\n',
      result: '{ "parent1": { "child1": 1, "child2": 4, "child5": 5 }, "parent2": { "child3": 3 } }',
    },
  ],
});
