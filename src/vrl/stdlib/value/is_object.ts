import { isObject as isObjectValue } from '../../value/index.js';
import { kindPredicate } from './util/is-kind.js';

/** `is_object(value)`. */
export const isObject = kindPredicate('is_object', (value) => isObjectValue(value), [
  { title: 'Valid object', source: 'is_object({"foo": "bar"})', result: 'true' },
  { title: 'Non-matching type', source: 'is_object("a string")', result: 'false' },
  { title: 'Boolean', source: 'is_object(true)', result: 'false' },
]);
