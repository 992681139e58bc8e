import { kindPredicate } from './util/is-kind.js';

/** `is_integer(value)`. */
export const isInteger = kindPredicate('is_integer', (value) => typeof value === 'bigint', [
  { title: 'Valid integer', source: 'is_integer(1)', result: 'true' },
  { title: 'Non-matching type', source: 'is_integer("a string")', result: 'false' },
  { title: 'Null', source: 'is_integer(null)', result: 'false' },
]);
