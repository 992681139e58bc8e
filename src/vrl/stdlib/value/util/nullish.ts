import { isBytes, toText, type Value } from '../../../value/index.js';

/** Rust's `char::is_whitespace` (Unicode White_Space). */
const WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** VRL's "nullish": null, an empty string, `-`, or only whitespace. */
export function isNullishValue(value: Value): boolean {
  if (value === null) return true;
  if (!isBytes(value)) return false;
  const text = toText(value);
  return text === '-' || WHITESPACE.test(text);
}
