import { kindPredicate } from './util/is-kind.js';

/** `is_array(value)`. */
export const isArray = kindPredicate('is_array', (value) => Array.isArray(value), [
  { title: 'Valid array', source: 'is_array([1, 2, 3])', result: 'true' },
  { title: 'Non-matching type', source: 'is_array("a string")', result: 'false' },
  { title: 'Boolean', source: 'is_array(true)', result: 'false' },
  { title: 'Null', source: 'is_array(null)', result: 'false' },
]);
