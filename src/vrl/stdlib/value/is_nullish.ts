import { kindPredicate } from './util/is-kind.js';
import { isNullishValue } from './util/nullish.js';

/** `is_nullish(value)`: null, `""`, `"-"` or whitespace only. */
export const isNullish = kindPredicate('is_nullish', isNullishValue, [
  { title: 'Null detection (blank string)', source: 'is_nullish("")', result: 'true' },
  { title: 'Null detection (dash string)', source: 'is_nullish("-")', result: 'true' },
  { title: 'Null detection (whitespace)', source: 'is_nullish("\n  \n")', result: 'true' },
  { title: 'Null', source: 'is_nullish(null)', result: 'true' },
]);
