import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { codePointCount, text } from './support/text.js';

export const strlen = defineFunction({
  name: 'strlen',
  parameters: [required('value', K.BYTES)],
  kind: Kind.integer(),
  call: (value) => BigInt(codePointCount(text(value))),
  examples: [{ title: 'Count Unicode scalar values', source: 'strlen("ñandú")', result: '5' }],
});
