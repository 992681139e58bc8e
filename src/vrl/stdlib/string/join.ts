import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { isBytes, VrlError, type Value } from '../../value/index.js';
import { optionalText, text } from './support/text.js';

export const join = defineFunction({
  name: 'join',
  parameters: [required('value', K.ARRAY), optional('separator', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, separator) => {
    const items = value as Value[];
    const parts: string[] = [];
    for (const item of items) {
      if (!isBytes(item)) throw new VrlError('all array items must be strings');
      parts.push(text(item));
    }
    return parts.join(optionalText(separator, ''));
  },
  examples: [
    {
      title: 'Join array (no separator)',
      source: 'join!(["bring", "us", "together"])',
      result: '"bringustogether"',
    },
    {
      title: 'Join array (comma separator)',
      source: 'join!(["sources", "transforms", "sinks"], separator: ", ")',
      result: '"sources, transforms, sinks"',
    },
  ],
});
