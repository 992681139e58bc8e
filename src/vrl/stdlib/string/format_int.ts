import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlError } from '../../value/index.js';

export const format_int = defineFunction({
  name: 'format_int',
  parameters: [required('value', K.INTEGER), optional('base', K.INTEGER)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, base) => {
    const b = base === undefined || base === null ? 10n : (base as bigint);
    if (b < 2n || b > 36n) throw new VrlError(`invalid base ${b}: must be be between 2 and 36 (inclusive)`);
    return (value as bigint).toString(Number(b));
  },
  examples: [
    { title: 'Format as a hexadecimal integer', source: 'format_int!(42, 16)', result: '"2a"' },
    { title: 'Format as a negative hexadecimal integer', source: 'format_int!(-42, 16)', result: '"-2a"' },
    { title: 'Format as a decimal integer (default base)', source: 'format_int!(42)', result: '"42"' },
  ],
});
