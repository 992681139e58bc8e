import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { getPath, pathSegments } from './util/path.js';

/** `get(value, path)`: the value at a dynamic path (array of fields and indices), null when absent. */
export const get = defineFunction({
  name: 'get',
  parameters: [required('value', K.OBJECT | K.ARRAY), required('path', K.ARRAY)],
  kind: Kind.any(),
  fallible: true,
  call: (value, path) => getPath(value!, pathSegments(path as Value[])) ?? null,
  examples: [
    {
      title: 'Single-segment top-level field',
      source: 'get!(value: {"foo": "bar"}, path: ["foo"])',
      result: '"bar"',
    },
    {
      title: 'Returns null for unknown field',
      source: 'get!(value: {"foo": "bar"}, path: ["baz"])',
      result: 'null',
    },
    {
      title: 'Multi-segment nested field',
      source: 'get!(value: {"foo": { "bar": true }}, path: ["foo", "bar"])',
      result: 'true',
    },
    { title: 'Array indexing', source: 'get!(value: [92, 42], path: [0])', result: '92' },
    {
      title: 'Array indexing (negative)',
      source: 'get!(value: ["foo", "bar", "baz"], path: [-2])',
      result: '"bar"',
    },
    {
      title: 'Nested indexing',
      source: 'get!(value: {"foo": { "bar": [92, 42] }}, path: ["foo", "bar", 1])',
      result: '42',
    },
    {
      title: 'External target',
      source: 'get!(value: ., path: ["foo"])',
      input: '{ "foo": true }',
      result: 'true',
    },
    { title: 'Variable', source: 'var = { "foo": true }\nget!(value: var, path: ["foo"])\n', result: 'true' },
    {
      title: 'Missing index',
      source: 'get!(value: {"foo": { "bar": [92, 42] }}, path: ["foo", "bar", 1, -1])',
      result: 'null',
    },
    { title: 'Invalid indexing', source: 'get!(value: [42], path: ["foo"])', result: 'null' },
    {
      title: 'Invalid segment type',
      source: 'get!(value: {"foo": { "bar": [92, 42] }}, path: ["foo", true])',
      error:
        'function call error for "get" at (0:62): path segment must be either string or integer, not boolean',
    },
  ],
});
