import { K, Kind } from '../../types/index.js';
import { isObject, kindDisplay, kindOf, setField, type Value, type ValueObject } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import type { Args } from './util/kinds.js';

function tag(value: Value): Value {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(tag);
  if (isObject(value)) {
    const out: ValueObject = {};
    for (const key of Object.keys(value)) setField(out, key, tag(value[key]!));
    return out;
  }
  return { [kindDisplay(kindOf(value))]: value };
}

/** `tag_types_externally(value)`: each scalar wrapped as `{ "<kind>": value }`, containers walked. */
export const tagTypesExternally = defineFunction({
  name: 'tag_types_externally',
  parameters: [required('value', K.ANY)],
  kind: (args: Args) => {
    const kind = args[0]!.kind;
    if (kind.is(K.ARRAY)) return Kind.array();
    if (kind.is(K.NULL)) return Kind.null();
    return Kind.object({}, Kind.any());
  },
  call: (value) => tag(value!),
  examples: [
    {
      title: 'Tag types externally (scalar)',
      source: 'tag_types_externally(123)',
      result: '{ "integer": 123 }',
    },
    {
      title: 'Tag types externally (object)',
      source:
        'tag_types_externally({\n    "message": "Hello world",\n    "request": {\n        "duration_ms": 67.9\n    }\n})\n',
      result: '{ "message": { "string": "Hello world" }, "request": { "duration_ms": { "float": 67.9 } } }',
    },
    {
      title: 'Tag types externally (array)',
      source: 'tag_types_externally(["foo", "bar"])',
      result: '[{ "string": "foo" }, { "string": "bar" }]',
    },
    { title: 'Tag types externally (null)', source: 'tag_types_externally(null)', result: 'null' },
  ],
});
