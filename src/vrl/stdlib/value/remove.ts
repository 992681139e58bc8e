import { K } from '../../types/index.js';
import { cloneValue, type Value } from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';
import { containerKind } from './set.js';
import { pathSegments, removePath } from './util/path.js';

/** `remove(value, path, compact: false)`: the value without the entry at a dynamic path. */
export const remove = defineFunction({
  name: 'remove',
  parameters: [
    required('value', K.OBJECT | K.ARRAY),
    required('path', K.ARRAY),
    optional('compact', K.BOOLEAN),
  ],
  kind: containerKind,
  fallible: true,
  call: (value, path, compact) => {
    const segments = pathSegments(path as Value[]);
    return removePath(cloneValue(value!), segments, (compact as boolean | undefined) ?? false);
  },
  examples: [
    {
      title: 'Single-segment top-level field',
      source: 'remove!(value: { "foo": "bar" }, path: ["foo"])',
      result: '{}',
    },
    {
      title: 'Remove unknown field',
      source: 'remove!(value: {"foo": "bar"}, path: ["baz"])',
      result: '{ "foo": "bar" }',
    },
    {
      title: 'Multi-segment nested field',
      source: 'remove!(value: { "foo": { "bar": "baz" } }, path: ["foo", "bar"])',
      result: '{ "foo": {} }',
    },
    {
      title: 'Array indexing',
      source: 'remove!(value: ["foo", "bar", "baz"], path: [-2])',
      result: '["foo", "baz"]',
    },
    {
      title: 'Compaction',
      source:
        'remove!(value: { "foo": { "bar": [42], "baz": true } }, path: ["foo", "bar", 0], compact: true)',
      result: '{ "foo": { "baz": true } }',
    },
    {
      title: 'Compact object',
      source: 'remove!(value: {"foo": { "bar": true }}, path: ["foo", "bar"], compact: true)',
      result: '{}',
    },
    {
      title: 'Compact array',
      source: 'remove!(value: {"foo": [42], "bar": true }, path: ["foo", 0], compact: true)',
      result: '{ "bar": true }',
    },
    {
      title: 'External target',
      source: 'remove!(value: ., path: ["foo"])',
      input: '{ "foo": true }',
      result: '{}',
    },
    {
      title: 'Variable',
      source: 'var = { "foo": true }\nremove!(value: var, path: ["foo"])\n',
      result: '{}',
    },
    {
      title: 'Missing index',
      source: 'remove!(value: {"foo": { "bar": [92, 42] }}, path: ["foo", "bar", 1, -1])',
      result: '{ "foo": { "bar": [92, 42] } }',
    },
    { title: 'Invalid indexing', source: 'remove!(value: [42], path: ["foo"])', result: '[42]' },
    {
      title: 'Invalid segment type',
      source: 'remove!(value: {"foo": { "bar": [92, 42] }}, path: ["foo", true])',
      error:
        'function call error for "remove" at (0:65): path segment must be either string or integer, not boolean',
    },
  ],
});
