import { kindPredicate } from './util/is-kind.js';

/** `is_float(value)`. */
export const isFloat = kindPredicate('is_float', (value) => typeof value === 'number', [
  { title: 'Valid float', source: 'is_float(0.577)', result: 'true' },
  { title: 'Non-matching type', source: 'is_float("a string")', result: 'false' },
  { title: 'Boolean', source: 'is_float(true)', result: 'false' },
  { title: 'Null', source: 'is_float(null)', result: 'false' },
]);
