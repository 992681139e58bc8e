import { bytesEqual } from './bytes.js';
import { hasField } from './object.js';
import { VrlRegex, VrlTimestamp, type Value } from './value.js';

/** Structural equality of two values, kind included (`1` is not `1.0`); bytes compare byte-wise. */
export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (
      (typeof a === 'string' && b instanceof Uint8Array) ||
      (typeof b === 'string' && a instanceof Uint8Array)
    )
      return bytesEqual(a, b);
    return false;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return (a instanceof Uint8Array || typeof a === 'string') &&
      (b instanceof Uint8Array || typeof b === 'string')
      ? bytesEqual(a as Uint8Array, b as Uint8Array)
      : false;
  }
  if (a instanceof VrlTimestamp) return b instanceof VrlTimestamp && a.ns === b.ns;
  if (a instanceof VrlRegex) return b instanceof VrlRegex && a.pattern === b.pattern;
  if (b instanceof VrlTimestamp || b instanceof VrlRegex) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEquals(a[i]!, b[i]!)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!hasField(b, k) || !valueEquals(a[k]!, b[k]!)) return false;
  return true;
}

/** A deep copy of arrays and objects (VRL values have value semantics); leaves are immutable and shared. */
export function cloneValue<T extends Value>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Uint8Array || value instanceof VrlTimestamp || value instanceof VrlRegex) return value;
  const out: Record<string, Value> = {};
  for (const key of Object.keys(value)) {
    const v = cloneValue((value as Record<string, Value>)[key]!);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
