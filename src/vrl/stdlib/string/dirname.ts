import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { pathComponents } from './support/path.js';
import { text } from './support/text.js';

function parentOf(path: string): string {
  if (path === '/') return '/';
  const components = pathComponents(path);
  const last = components.pop();
  if (!last || last.kind === 'root') return '.';
  const parent = components.at(-1);
  return parent ? path.slice(0, parent.end) : '.';
}

export const dirname = defineFunction({
  name: 'dirname',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  // VRL declares it fallible (so `dirname!` is accepted) although it never fails.
  fallible: true,
  call: (value) => parentOf(text(value)),
  examples: [
    {
      title: 'Extract dirname from file path',
      source: 'dirname!("/usr/local/bin/vrl")',
      result: '"/usr/local/bin"',
    },
    {
      title: 'Extract dirname from file path with extension',
      source: 'dirname!("/home/user/file.txt")',
      result: '"/home/user"',
    },
    { title: 'Extract dirname from directory path', source: 'dirname!("/home/user/")', result: '"/home"' },
    { title: 'Root directory dirname is itself', source: 'dirname!("/")', result: '"/"' },
    {
      title: 'Relative files have current directory as dirname',
      source: 'dirname!("file.txt")',
      result: '"."',
    },
  ],
});
