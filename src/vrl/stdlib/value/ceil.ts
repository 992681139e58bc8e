import { K } from '../../types/index.js';
import { defineFunction, optional, required } from '../function.js';
import { numericKind, roundToPrecision } from './util/numeric.js';

/** `ceil(value, precision: 0)`: rounds a float up at `precision` decimal places; integers pass through. */
export const ceil = defineFunction({
  name: 'ceil',
  parameters: [required('value', K.FLOAT | K.INTEGER), optional('precision', K.INTEGER)],
  kind: numericKind,
  call: (value, precision) => {
    if (typeof value !== 'number') return value!;
    return roundToPrecision(value, (precision as bigint | undefined) ?? 0n, Math.ceil);
  },
  examples: [
    { title: 'Round a number up (without precision)', source: 'ceil(4.345)', result: '5.0' },
    { title: 'Round a number up (with precision)', source: 'ceil(4.345, precision: 2)', result: '4.35' },
    { title: 'Round an integer up (noop)', source: 'ceil(5)', result: '5' },
  ],
});
