/**
 * The runtime the generated JavaScript calls into (passed in as `rt`): operators, path access,
 * closures, control flow signals and error wrapping.
 */
import { VrlError, cloneValue, isObject, kindDisplay, kindOf, setField, type Value } from '../value/index.js';
import { describeBits } from '../types/index.js';
import { getPath, setPath } from './path.js';
import { valueKind } from './ops.js';

export { valueKind } from './ops.js';
export { add, and, div, eq, ge, gt, le, lt, merge, mul, not, rem, sub } from './ops.js';
export { getField as gf, getIndex as gi, getPath, pathExists, removePath, setPath } from './path.js';
export { filter, forEach, mapKeys, mapValues, replaceWith } from './closures.js';

/** Ends the program; never caught by `??` or `ok, err =`. */
export class Signal {}

/** `abort`. */
export class Abort extends Signal {
  constructor(
    readonly message: Value,
    readonly start: number,
    readonly end: number,
  ) {
    super();
  }
}

/** A terminating runtime error. */
export class Fatal extends Signal {
  constructor(readonly message: string) {
    super();
  }
}

export { ClosureReturn } from './closures.js';
import { ClosureReturn } from './closures.js';

/** Copy of a container (VRL values do not alias). */
export function clone(value: Value): Value {
  return cloneValue(value);
}

/** `root.key = value` for the common one-field case. */
export function sf(root: Value, key: string, value: Value): Value {
  if (isObject(root)) {
    setField(root, key, value);
    return root;
  }
  return setPath(root, [key], value);
}

/** A runtime argument check inserted where the argument's kind is not known to be accepted. */
export function check(value: Value, bits: number): Value {
  const kind = kindOf(value);
  if (BITS[kind] & bits) return value;
  throw new VrlError(`expected ${describeBits(bits)}, got ${valueKind(value)}`);
}

const BITS: Record<string, number> = {
  bytes: 1,
  integer: 2,
  float: 4,
  boolean: 8,
  timestamp: 16,
  regex: 32,
  null: 64,
  array: 128,
  object: 256,
};

/** The message of a caught error (what `err` receives). */
export function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Wraps a failing call as VRL reports it: `function call error for "f" at (s:e): message`. */
export function callError(e: unknown, name: string, start: number, end: number): unknown {
  if (e instanceof Signal || e instanceof ClosureReturn) return e;
  return new VrlError(`function call error for "${name}" at (${start}:${end}): ${message(e)}`);
}

/** `unnest(path)`: one copy of `root` per element of the array at `path`, with that element in its place. */
export function unnest(root: Value, path: readonly (string | number)[]): Value[] {
  const array = getPath(root, path);
  if (!Array.isArray(array)) throw new VrlError(`expected array, got ${kindDisplay(kindOf(array))}`);
  return array.map((item) => setPath(cloneValue(root), path, cloneValue(item)));
}
