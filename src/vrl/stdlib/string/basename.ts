import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { pathComponents } from './support/path.js';
import { text } from './support/text.js';

export const basename = defineFunction({
  name: 'basename',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes().orNull(),
  // VRL declares it fallible (so `basename!` is accepted) although it never fails.
  fallible: true,
  call: (value) => {
    const last = pathComponents(text(value)).at(-1);
    return last?.kind === 'normal' ? last.text : null;
  },
  examples: [
    { title: 'Extract basename from file path', source: 'basename!("/usr/local/bin/vrl")', result: '"vrl"' },
    {
      title: 'Extract basename from file path with extension',
      source: 'basename!("/home/user/file.txt")',
      result: '"file.txt"',
    },
    { title: 'Extract basename from directory path', source: 'basename!("/home/user/")', result: '"user"' },
    { title: 'Root directory has no basename', source: 'basename!("/")', result: 'null' },
  ],
});
