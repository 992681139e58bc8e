import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { text } from './support/text.js';

// Unicode White_Space (Rust's `str::trim`); unlike JavaScript's `trim` it includes U+0085 and excludes U+FEFF.
const WS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');

export const strip_whitespace = defineFunction({
  name: 'strip_whitespace',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => text(value).replace(EDGES, ''),
  examples: [
    { title: 'Strip whitespace', source: 'strip_whitespace("  A sentence.  ")', result: '"A sentence."' },
    { title: 'Start whitespace', source: 'strip_whitespace("  foobar")', result: '"foobar"' },
    { title: 'End whitespace', source: 'strip_whitespace("foo bar  ")', result: '"foo bar"' },
    { title: 'Newlines', source: 'strip_whitespace("\\n\\nfoo bar\\n  ")', result: '"foo bar"' },
  ],
});
