import { VrlTimestamp } from '../../value/index.js';
import { kindPredicate } from './util/is-kind.js';

/** `is_timestamp(value)`. */
export const isTimestamp = kindPredicate('is_timestamp', (value) => value instanceof VrlTimestamp, [
  { title: 'Valid timestamp', source: "is_timestamp(t'2021-03-26T16:00:00Z')", result: 'true' },
  { title: 'Non-matching type', source: 'is_timestamp("a string")', result: 'false' },
  { title: 'Boolean value', source: 'is_timestamp(true)', result: 'false' },
]);
