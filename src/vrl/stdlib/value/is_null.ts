import { kindPredicate } from './util/is-kind.js';

/** `is_null(value)`. */
export const isNull = kindPredicate('is_null', (value) => value === null, [
  { title: 'Null value', source: 'is_null(null)', result: 'true' },
  { title: 'Non-matching type', source: 'is_null("a string")', result: 'false' },
  { title: 'Array', source: 'is_null([1, 2, 3])', result: 'false' },
]);
