import { K, Kind } from '../../types/index.js';
import { cloneValue, type Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import type { Args } from './util/kinds.js';
import { insertPath, pathSegments } from './util/path.js';

/** The kind `set`/`remove` return: array and/or object, as the value is. */
export function containerKind(args: Args): Kind {
  const kind = args[0]!.kind;
  if (kind.is(K.ARRAY)) return Kind.array();
  if (kind.is(K.OBJECT)) return Kind.object({}, Kind.any());
  return Kind.bits(K.ARRAY | K.OBJECT);
}

/** `set(value, path, data)`: the value with `data` inserted at a dynamic path. */
export const set = defineFunction({
  name: 'set',
  parameters: [required('value', K.OBJECT | K.ARRAY), required('path', K.ARRAY), required('data', K.ANY)],
  kind: containerKind,
  fallible: true,
  call: (value, path, data) => insertPath(cloneValue(value!), pathSegments(path as Value[]), data!),
  examples: [
    {
      title: 'Single-segment top-level field',
      source: 'set!(value: { "foo": "bar" }, path: ["foo"], data: "baz")',
      result: '{ "foo": "baz" }',
    },
    {
      title: 'Multi-segment nested field',
      source: 'set!(value: { "foo": { "bar": "baz" } }, path: ["foo", "bar"], data: "qux")',
      result: '{ "foo": { "bar": "qux" } }',
    },
    {
      title: 'Array',
      source: 'set!(value: ["foo", "bar", "baz"], path: [-2], data: 42)',
      result: '["foo", 42, "baz"]',
    },
    {
      title: 'Nested fields',
      source: 'set!(value: {}, path: ["foo", "bar"], data: "baz")',
      result: '{ "foo": { "bar" : "baz" } }',
    },
    {
      title: 'Nested indexing',
      source: 'set!(value: {"foo": { "bar": [] }}, path: ["foo", "bar", 1], data: "baz")',
      result: '{ "foo": { "bar": [null, "baz"] } }',
    },
    {
      title: 'External target',
      source: 'set!(value: ., path: ["bar"], data: "baz")',
      input: '{ "foo": true }',
      result: '{ "foo": true, "bar": "baz" }',
    },
    {
      title: 'Variable',
      source: 'var = { "foo": true }\nset!(value: var, path: ["bar"], data: "baz")\n',
      result: '{ "foo": true, "bar": "baz" }',
    },
    {
      title: 'Invalid indexing',
      source: 'set!(value: [], path: ["foo"], data: "baz")',
      result: '{ "foo": "baz" }',
    },
    {
      title: 'Invalid segment type',
      source: 'set!({"foo": { "bar": [92, 42] }}, ["foo", true], "baz")',
      error:
        'function call error for "set" at (0:56): path segment must be either string or integer, not boolean',
    },
  ],
});
