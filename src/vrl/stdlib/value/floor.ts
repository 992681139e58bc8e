import { K } from '../../types/index.js';
import { defineFunction, optional, required } from '../function.js';
import { numericKind, roundToPrecision } from './util/numeric.js';

/** `floor(value, precision: 0)`: rounds a float down at `precision` decimal places; integers pass through. */
export const floor = defineFunction({
  name: 'floor',
  parameters: [required('value', K.FLOAT | K.INTEGER), optional('precision', K.INTEGER)],
  kind: numericKind,
  call: (value, precision) => {
    if (typeof value !== 'number') return value!;
    return roundToPrecision(value, (precision as bigint | undefined) ?? 0n, Math.floor);
  },
  examples: [
    { title: 'Round a number down (without precision)', source: 'floor(9.8)', result: '9.0' },
    { title: 'Round a number down (with precision)', source: 'floor(4.345, precision: 2)', result: '4.34' },
  ],
});
