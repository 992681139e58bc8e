import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { pathComponents } from './support/path.js';
import { text } from './support/text.js';

export const split_path = defineFunction({
  name: 'split_path',
  parameters: [required('value', K.BYTES)],
  kind: Kind.array(),
  call: (value) => pathComponents(text(value)).map((c) => c.text),
  examples: [
    {
      title: 'Split path with trailing slash',
      source: 'split_path("/home/user/")',
      result: '["/", "home", "user"]',
    },
    {
      title: 'Split path from file path',
      source: 'split_path("/home/user")',
      result: '["/", "home", "user"]',
    },
    { title: 'Split path from root', source: 'split_path("/")', result: '["/"]' },
    { title: 'Empty path returns empty array', source: 'split_path("")', result: '[]' },
  ],
});
