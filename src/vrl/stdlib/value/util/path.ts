/**
 * Paths given as arrays of segments (`get`, `set`, `remove`): strings are fields, integers are indices
 * (negative counts from the end), with VRL's semantics for reading, inserting and removing.
 */
import {
  hasField,
  isObject,
  setField,
  toText,
  VrlError,
  kindDisplay,
  kindOf,
  type Value,
  type ValueObject,
} from '../../../value/index.js';

export type Segment = string | number;

/** The segments of a path array, or VRL's error for a segment that is neither string nor integer. */
export function pathSegments(path: Value[]): Segment[] {
  return path.map((segment) => {
    if (typeof segment === 'string' || segment instanceof Uint8Array) return toText(segment);
    if (typeof segment === 'bigint') return Number(segment);
    throw new VrlError(`path segment must be either string or integer, not ${kindDisplay(kindOf(segment))}`);
  });
}

function arrayIndex(array: Value[], index: number): number | undefined {
  if (index >= 0) return index;
  const i = array.length + index;
  return i >= 0 ? i : undefined;
}

/** The value at `path`, or undefined when there is none. */
export function getPath(value: Value, path: readonly Segment[]): Value | undefined {
  let current: Value | undefined = value;
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (typeof segment === 'string') {
      current = isObject(current) && hasField(current, segment) ? current[segment] : undefined;
    } else if (Array.isArray(current)) {
      const i = arrayIndex(current, segment);
      current = i === undefined ? undefined : current[i];
    } else return undefined;
  }
  return current;
}

function insertIntoArray(array: Value[], index: number, value: Value): void {
  if (index >= 0) {
    while (array.length <= index) array.push(null);
    array[index] = value;
  } else {
    const required = -index;
    if (array.length < required) {
      while (array.length < required - 1) array.unshift(null);
      array.unshift(value);
    } else array[array.length + index] = value;
  }
}

function childOf(container: Value, segment: Segment): Value | undefined {
  if (typeof segment === 'string')
    return isObject(container) && hasField(container, segment) ? container[segment] : undefined;
  if (!Array.isArray(container)) return undefined;
  const i = arrayIndex(container, segment);
  return i === undefined ? undefined : container[i];
}

function build(path: readonly Segment[], from: number, data: Value): Value {
  let value = data;
  for (let i = path.length - 1; i >= from; i--) {
    const segment = path[i]!;
    if (typeof segment === 'string') {
      const object: ValueObject = {};
      setField(object, segment, value);
      value = object;
    } else {
      const array: Value[] = [];
      insertIntoArray(array, segment, value);
      value = array;
    }
  }
  return value;
}

/** `value` with `data` inserted at `path` (mutates and returns `value`, or returns `data` for an empty path). */
export function insertPath(value: Value, path: readonly Segment[], data: Value): Value {
  if (path.length === 0) return data;
  const first = path[0]!;
  const container =
    typeof first === 'string' ? (isObject(value) ? value : {}) : Array.isArray(value) ? value : [];
  let parent: ValueObject | Value[] = container;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const next = path[i + 1];
    const child = childOf(parent, segment);
    let target: Value;
    if (last) target = data;
    else if (typeof next === 'string' && isObject(child)) target = child;
    else if (typeof next === 'number' && Array.isArray(child)) target = child;
    else {
      target = build(path, i + 1, data);
      put(parent, segment, target);
      return container;
    }
    if (last) put(parent, segment, target);
    else parent = target as ValueObject | Value[];
  }
  return container;
}

function put(parent: ValueObject | Value[], segment: Segment, value: Value): void {
  if (Array.isArray(parent)) insertIntoArray(parent, segment as number, value);
  else setField(parent, segment as string, value);
}

/** `value` with the entry at `path` removed; with `compact`, containers left empty are removed too. */
export function removePath(value: Value, path: readonly Segment[], compact: boolean): Value {
  if (path.length === 0) {
    if (isObject(value)) return {};
    if (Array.isArray(value)) return [];
    return null;
  }
  removeIn(value, path, 0, compact);
  return value;
}

/** Removes path[i..] below `container`; returns whether `container` is now empty, or undefined when nothing was removed. */
function removeIn(
  container: Value,
  path: readonly Segment[],
  i: number,
  compact: boolean,
): boolean | undefined {
  const segment = path[i]!;
  const last = i === path.length - 1;
  if (typeof segment === 'string') {
    if (!isObject(container) || !hasField(container, segment)) return undefined;
    if (last) delete container[segment];
    else {
      const empty = removeIn(container[segment]!, path, i + 1, compact);
      if (empty === undefined) return undefined;
      if (compact && empty) delete container[segment];
    }
    return Object.keys(container).length === 0;
  }
  if (!Array.isArray(container)) return undefined;
  const index = arrayIndex(container, segment);
  if (index === undefined || index >= container.length) return undefined;
  if (last) container.splice(index, 1);
  else {
    const empty = removeIn(container[index]!, path, i + 1, compact);
    if (empty === undefined) return undefined;
    if (compact && empty) container.splice(index, 1);
  }
  return container.length === 0;
}
