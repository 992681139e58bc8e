import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toVrlJson } from '../../value/index.js';

export const encode_json = defineFunction({
  name: 'encode_json',
  parameters: [required('value', K.ANY), optional('pretty', K.BOOLEAN)],
  kind: Kind.bytes(),
  call: (value, pretty) => toVrlJson(value ?? null, pretty === true),
  examples: [
    {
      title: 'Encode object to JSON',
      source: 'encode_json({"field": "value", "another": [1,2,3]})',
      result: 's\'{"another":[1,2,3],"field":"value"}\'',
    },
    {
      title: 'Encode object to as pretty-printed JSON',
      source: 'encode_json({"field": "value", "another": [1,2,3]}, true)',
      result: '"{\\n  \\"another\\": [\\n    1,\\n    2,\\n    3\\n  ],\\n  \\"field\\": \\"value\\"\\n}"',
    },
  ],
});
