import { K, Kind } from '../../types/index.js';
import { byteLength, isBytes } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `length(value)`: elements of an array, fields of an object, or bytes of a string. */
export const length = defineFunction({
  name: 'length',
  parameters: [required('value', K.ARRAY | K.OBJECT | K.BYTES)],
  kind: Kind.integer(),
  call: (value) => {
    if (isBytes(value!)) return BigInt(byteLength(value));
    if (Array.isArray(value)) return BigInt(value.length);
    return BigInt(Object.keys(value as object).length);
  },
  examples: [
    {
      title: 'Length (object)',
      source: 'length({\n    "portland": "Trail Blazers",\n    "seattle": "Supersonics"\n})\n',
      result: '2',
    },
    {
      title: 'Length (nested object)',
      source:
        'length({\n    "home": {\n        "city":  "Portland",\n        "state": "Oregon"\n    },\n    "name": "Trail Blazers",\n    "mascot": {\n        "name": "Blaze the Trail Cat"\n    }\n})\n',
      result: '3',
    },
    { title: 'Length (array)', source: 'length(["Trail Blazers", "Supersonics", "Grizzlies"])', result: '3' },
    { title: 'Length (string)', source: 'length("The Planet of the Apes Musical")', result: '30' },
  ],
});
