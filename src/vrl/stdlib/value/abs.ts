import { K } from '../../types/index.js';
import { defineFunction, required } from '../function.js';
import { numericKind } from './util/numeric.js';

const I64_MIN = -(2n ** 63n);

/** `abs(value)`: absolute value of an integer or float. */
export const abs = defineFunction({
  name: 'abs',
  parameters: [required('value', K.FLOAT | K.INTEGER)],
  kind: numericKind,
  call: (value) => {
    if (typeof value === 'number') return Math.abs(value);
    const n = value as bigint;
    // Rust's `i64::abs` wraps on i64::MIN in release builds, returning it unchanged.
    if (n === I64_MIN) return n;
    return n < 0n ? -n : n;
  },
  examples: [
    { title: 'Computes the absolute value of an integer', source: 'abs(-42)', result: '42' },
    { title: 'Computes the absolute value of a float', source: 'abs(-42.2)', result: '42.2' },
    { title: 'Computes the absolute value of a positive integer', source: 'abs(10)', result: '10' },
  ],
});
