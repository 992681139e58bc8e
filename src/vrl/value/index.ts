export {
  isArray,
  isBytes,
  isObject,
  kindDisplay,
  kindOf,
  VrlRegex,
  VrlTimestamp,
  type KindName,
  type Value,
  type ValueObject,
} from './value.js';
export { expectedKind, VrlError } from './errors.js';
export {
  byteLength,
  bytesEqual,
  compareBytes,
  compareKeys,
  fromBytes,
  requireText,
  toBytes,
  toText,
  utf8Length,
} from './bytes.js';
export { getField, hasField, newObject, setField, sortedEntries, sortedKeys } from './object.js';
export { formatFloat, parseVrlJson, toVrlJson } from './json.js';
export { cloneValue, valueEquals } from './equality.js';
