import { VrlRegex } from '../../value/index.js';
import { kindPredicate } from './util/is-kind.js';

/** `is_regex(value)`. */
export const isRegex = kindPredicate('is_regex', (value) => value instanceof VrlRegex, [
  { title: 'Valid regex', source: "is_regex(r'pattern')", result: 'true' },
  { title: 'Non-matching type', source: 'is_regex("a string")', result: 'false' },
  { title: 'Null value', source: 'is_regex(null)', result: 'false' },
]);
