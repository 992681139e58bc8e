/**
 * Reading, writing and removing along VRL paths (upstream `value/crud`): a segment is a field name
 * (`string`) or an array index (`number`, negative counts from the end).
 *
 * - reading through a missing field, a non-object or an out-of-range index yields `null`;
 * - writing creates objects/arrays as needed, replaces values of the wrong kind, pads arrays with
 *   `null` (a negative index past the start prepends: the value first, then nulls);
 * - removing returns the removed value (or null), optionally compacting emptied containers.
 */
import { hasField, isObject, setField, type Value, type ValueObject } from '../value/index.js';

export type Segment = string | number;

/** `value.field`, or null. */
export function getField(value: Value, key: string): Value {
  if (isObject(value) && Object.prototype.hasOwnProperty.call(value, key)) return value[key]!;
  return null;
}

/** `value[index]`, or null. */
export function getIndex(value: Value, index: number): Value {
  if (!Array.isArray(value)) return null;
  const i = index < 0 ? value.length + index : index;
  return i >= 0 && i < value.length ? value[i]! : null;
}

export function getPath(value: Value, path: readonly Segment[]): Value {
  let v = value;
  for (const seg of path) {
    v = typeof seg === 'string' ? getField(v, seg) : getIndex(v, seg);
    if (v === null) return null;
  }
  return v;
}

/** True when the path exists (every segment present). */
export function pathExists(value: Value, path: readonly Segment[]): boolean {
  let v = value;
  for (const seg of path) {
    if (typeof seg === 'string') {
      if (!isObject(v) || !hasField(v, seg)) return false;
      v = v[seg]!;
    } else {
      if (!Array.isArray(v)) return false;
      const i = seg < 0 ? v.length + seg : seg;
      if (i < 0 || i >= v.length) return false;
      v = v[i]!;
    }
  }
  return true;
}

function setIndex(array: Value[], index: number, value: Value): void {
  if (index >= 0) {
    while (array.length < index) array.push(null);
    array[index] = value;
    return;
  }
  const i = array.length + index;
  if (i >= 0) {
    array[i] = value;
    return;
  }
  const pad: Value[] = [value];
  for (let k = 1; k < -i; k++) pad.push(null);
  array.unshift(...pad);
}

/** Writes `value` at `path` inside `root` and returns the (possibly new) root. */
export function setPath(root: Value, path: readonly Segment[], value: Value): Value {
  if (path.length === 0) return value;
  return setAt(root, path, 0, value);
}

function setAt(container: Value, path: readonly Segment[], at: number, value: Value): Value {
  const seg = path[at]!;
  const last = at === path.length - 1;
  if (typeof seg === 'string') {
    const obj: ValueObject = isObject(container) ? container : {};
    const child = last ? value : setAt(hasField(obj, seg) ? obj[seg]! : null, path, at + 1, value);
    setField(obj, seg, child);
    return obj;
  }
  const arr: Value[] = Array.isArray(container) ? container : [];
  const current = getIndex(arr, seg);
  const child = last ? value : setAt(current, path, at + 1, value);
  setIndex(arr, seg, child);
  return arr;
}

function isEmptyContainer(v: Value): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/** Removes the value at `path` (not the root) and returns it, or null when absent. */
export function removePath(root: Value, path: readonly Segment[], compact: boolean): Value {
  if (path.length === 0) return null;
  const parents: Value[] = [];
  let v = root;
  for (let i = 0; i < path.length - 1; i++) {
    parents.push(v);
    const seg = path[i]!;
    v = typeof seg === 'string' ? getField(v, seg) : getIndex(v, seg);
  }
  parents.push(v);
  const removed = removeOne(v, path[path.length - 1]!);
  if (removed === undefined) return null;
  if (compact) {
    for (let i = path.length - 2; i >= 0; i--) {
      const child = parents[i + 1]!;
      if (!isEmptyContainer(child)) break;
      removeOne(parents[i]!, path[i]!);
    }
  }
  return removed;
}

function removeOne(container: Value, seg: Segment): Value | undefined {
  if (typeof seg === 'string') {
    if (!isObject(container) || !hasField(container, seg)) return undefined;
    const v = container[seg]!;
    delete container[seg];
    return v;
  }
  if (!Array.isArray(container)) return undefined;
  const i = seg < 0 ? container.length + seg : seg;
  if (i < 0 || i >= container.length) return undefined;
  return container.splice(i, 1)[0]!;
}
