import { kindPredicate } from './util/is-kind.js';

/** `is_boolean(value)`. */
export const isBoolean = kindPredicate('is_boolean', (value) => typeof value === 'boolean', [
  { title: 'Valid boolean', source: 'is_boolean(false)', result: 'true' },
  { title: 'Non-matching type', source: 'is_boolean("a string")', result: 'false' },
  { title: 'Null', source: 'is_boolean(null)', result: 'false' },
]);
