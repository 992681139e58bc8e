/**
 * The key-value writer behind `encode_key_value` and `encode_logfmt`: nested objects and arrays are flattened
 * to dotted keys, ordered fields first, then the rest in key order; values that contain whitespace, `"` or
 * `=` are quoted.
 */
import { toRfc3339 } from '../../time/index.js';
import {
  compareKeys,
  isBytes,
  sortedKeys,
  toText,
  VrlRegex,
  VrlTimestamp,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { rustFloatDisplay } from './rust_float.js';

type Leaf = { readonly bool?: boolean; readonly text: string };

function flattenInto(out: Map<string, Leaf>, key: string, value: Value): void {
  if (value === null) out.set(key, { text: 'null' });
  else if (typeof value === 'boolean') out.set(key, { bool: value, text: String(value) });
  else if (typeof value === 'bigint') out.set(key, { text: value.toString() });
  else if (typeof value === 'number') out.set(key, { text: rustFloatDisplay(value) });
  else if (isBytes(value)) out.set(key, { text: toText(value) });
  else if (value instanceof VrlTimestamp) out.set(key, { text: toRfc3339(value.ns) });
  else if (value instanceof VrlRegex) out.set(key, { text: value.pattern });
  else if (Array.isArray(value)) value.forEach((item, i) => flattenInto(out, `${key}.${i}`, item));
  else
    for (const k of sortedKeys(value as ValueObject))
      flattenInto(out, `${key}.${k}`, (value as ValueObject)[k]!);
}

// Rust's `char::is_whitespace` (Unicode White_Space).
const NEEDS_QUOTES = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"=]/;

function encodeString(text: string): string {
  const escaped = text.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\\\n'));
  return NEEDS_QUOTES.test(text) ? `"${escaped}"` : escaped;
}

export function encodeKeyValue(
  object: ValueObject,
  fieldsOrder: readonly string[],
  keyValueDelimiter: string,
  fieldDelimiter: string,
  flattenBoolean: boolean,
): string {
  const flat = new Map<string, Leaf>();
  // VRL walks objects in key order; a flattened key met twice keeps the later value.
  for (const key of sortedKeys(object)) flattenInto(flat, key, object[key]!);
  let output = '';
  const emit = (key: string, leaf: Leaf): void => {
    if (flattenBoolean && leaf.bool === false) return;
    if (flattenBoolean && leaf.bool === true) output += encodeString(key) + fieldDelimiter;
    else output += encodeString(key) + keyValueDelimiter + encodeString(leaf.text) + fieldDelimiter;
  };
  for (const field of fieldsOrder) {
    const leaf = flat.get(field);
    if (leaf === undefined) continue;
    flat.delete(field);
    emit(field, leaf);
  }
  for (const key of [...flat.keys()].sort(compareKeys)) emit(key, flat.get(key)!);
  if (fieldDelimiter !== '' && output.endsWith(fieldDelimiter))
    output = output.slice(0, -fieldDelimiter.length);
  return output;
}
