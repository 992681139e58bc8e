/** Object helpers that respect VRL semantics and are safe for any key, `__proto__` included. */
import { compareKeys } from './bytes.js';
import type { Value, ValueObject } from './value.js';

/** A new empty VRL object. Plain objects are used; `setField` keeps `__proto__` an ordinary key. */
export function newObject(): ValueObject {
  return {};
}

export function setField(object: ValueObject, key: string, value: Value): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

export function hasField(object: ValueObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The field's value, or `undefined` when absent (never an inherited property). */
export function getField(object: ValueObject, key: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Keys in VRL's order (sorted by UTF-8 bytes), as VRL iterates and prints objects. */
export function sortedKeys(object: ValueObject): string[] {
  return Object.keys(object).sort(compareKeys);
}

/** Entries in VRL's order. */
export function sortedEntries(object: ValueObject): [string, Value][] {
  return sortedKeys(object).map((key) => [key, object[key]!]);
}
