import { K } from '../../types/index.js';
import { defineFunction, optional, required } from '../function.js';
import { numericKind, roundHalfAwayFromZero, roundToPrecision } from './util/numeric.js';

/** `round(value, precision: 0)`: rounds a float to the nearest at `precision` decimal places; integers pass through. */
export const round = defineFunction({
  name: 'round',
  parameters: [required('value', K.FLOAT | K.INTEGER), optional('precision', K.INTEGER)],
  kind: numericKind,
  call: (value, precision) => {
    if (typeof value !== 'number') return value!;
    return roundToPrecision(value, (precision as bigint | undefined) ?? 0n, roundHalfAwayFromZero);
  },
  examples: [
    { title: 'Round a number (without precision)', source: 'round(4.345)', result: '4.0' },
    { title: 'Round a number (with precision)', source: 'round(4.345, precision: 2)', result: '4.35' },
    { title: 'Round up', source: 'round(5.5)', result: '6.0' },
    { title: 'Round down', source: 'round(5.45)', result: '5.0' },
  ],
});
