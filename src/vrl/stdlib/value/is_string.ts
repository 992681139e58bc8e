import { isBytes } from '../../value/index.js';
import { kindPredicate } from './util/is-kind.js';

/** `is_string(value)`. */
export const isString = kindPredicate('is_string', (value) => isBytes(value), [
  { title: 'Valid string', source: 'is_string("a string")', result: 'true' },
  { title: 'Non-matching type', source: 'is_string([1, 2, 3])', result: 'false' },
  { title: 'Boolean', source: 'is_string(true)', result: 'false' },
  { title: 'Null', source: 'is_string(null)', result: 'false' },
]);
