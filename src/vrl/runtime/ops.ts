/**
 * VRL's operators on runtime values (upstream `value/arithmetic.rs`): integers wrap at i64, floats must
 * not become NaN, bytes concatenate/repeat, comparisons accept numbers, bytes and timestamps.
 * Errors are `VrlError`s with VRL's exact text.
 */
import {
  VrlError,
  VrlTimestamp,
  bytesEqual,
  compareBytes,
  compareKeys,
  isBytes,
  isObject,
  kindDisplay,
  kindOf,
  setField,
  valueEquals,
  type Value,
  type ValueObject,
} from '../value/index.js';
import { toBytes } from '../value/bytes.js';

/** A value's kind as VRL prints it in operator errors: `integer`, `[integer, string]`, `{ a: integer }`. */
export function valueKind(v: Value): string {
  if (Array.isArray(v)) return v.length === 0 ? 'array' : `[${v.map(valueKind).join(', ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort(compareKeys);
    if (keys.length === 0) return 'object';
    return `{ ${keys.map((k) => `${/^[A-Za-z0-9_]+$/.test(k) ? k : JSON.stringify(k)}: ${valueKind(v[k]!)}`).join(', ')} }`;
  }
  return kindDisplay(kindOf(v));
}

const kd = valueKind;

function floatResult(x: number): number {
  if (Number.isNaN(x)) throw new VrlError('operation would produce NaN');
  return x;
}

function concat(a: string | Uint8Array, b: string | Uint8Array): string | Uint8Array {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const x = toBytes(a);
  const y = toBytes(b);
  const out = new Uint8Array(x.length + y.length);
  out.set(x, 0);
  out.set(y, x.length);
  return out;
}

function repeat(s: string | Uint8Array, n: bigint): string | Uint8Array {
  const count = n < 0n ? 0 : Number(n);
  if (typeof s === 'string') return s.repeat(count);
  const out = new Uint8Array(s.length * count);
  for (let i = 0; i < count; i++) out.set(s, i * s.length);
  return out;
}

export function add(a: Value, b: Value): Value {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return BigInt.asIntN(64, a + b);
    if (typeof b === 'number') return floatResult(Number(a) + b);
  } else if (typeof a === 'number') {
    if (typeof b === 'bigint') return floatResult(a + Number(b));
    if (typeof b === 'number') return floatResult(a + b);
  } else if (typeof a === 'string' && typeof b === 'string') {
    return a + b;
  } else if (isBytes(a)) {
    if (b === null) return a;
    if (isBytes(b)) return concat(a, b);
  } else if (a === null && isBytes(b)) {
    return b;
  }
  throw new VrlError(`can't add type ${kd(b)} to ${kd(a)}`);
}

export function sub(a: Value, b: Value): Value {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return BigInt.asIntN(64, a - b);
    if (typeof b === 'number') return floatResult(Number(a) - b);
  } else if (typeof a === 'number') {
    if (typeof b === 'bigint') return floatResult(a - Number(b));
    if (typeof b === 'number') return floatResult(a - b);
  }
  throw new VrlError(`can't subtract type ${kd(b)} from ${kd(a)}`);
}

export function mul(a: Value, b: Value): Value {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return BigInt.asIntN(64, a * b);
    if (typeof b === 'number') return floatResult(Number(a) * b);
    if (isBytes(b)) return repeat(b, a);
  } else if (typeof a === 'number') {
    if (typeof b === 'bigint') return floatResult(a * Number(b));
    if (typeof b === 'number') return floatResult(a * b);
  } else if (isBytes(a) && typeof b === 'bigint') {
    return repeat(a, b);
  }
  throw new VrlError(`can't multiply type ${kd(a)} by ${kd(b)}`);
}

export function div(a: Value, b: Value): Value {
  if (b === 0n || b === 0) throw new VrlError("can't divide by zero");
  const x = typeof a === 'bigint' ? Number(a) : a;
  const y = typeof b === 'bigint' ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return floatResult(x / y);
  throw new VrlError(`can't divide type ${kd(a)} by ${kd(b)}`);
}

export function rem(a: Value, b: Value): Value {
  if (b === 0n || b === 0) throw new VrlError("can't divide by zero");
  if (typeof a === 'bigint' && typeof b === 'bigint') return BigInt.asIntN(64, a % b);
  const x = typeof a === 'bigint' ? Number(a) : a;
  const y = typeof b === 'bigint' ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return floatResult(x % y);
  throw new VrlError(`can't calculate remainder of type ${kd(a)} and ${kd(b)}`);
}

/** `==`: integers and floats compare by value (`1 == 1.0`), everything else structurally. */
export function eq(a: Value, b: Value): boolean {
  if (typeof a === 'bigint') {
    if (typeof b === 'number') return Number(a) === b;
    return a === b;
  }
  if (typeof a === 'number') {
    if (typeof b === 'bigint') return a === Number(b);
    return a === b;
  }
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return valueEquals(a, b);
}

type CmpOp = '>' | '>=' | '<' | '<=';

function cmpResult(op: CmpOp, c: number): boolean {
  switch (op) {
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    default:
      return c <= 0;
  }
}

function compareNum(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** VRL's error texts for comparisons: `>` reuses the remainder text and `<`/`<=` the `>=` text, as upstream. */
function cmpError(op: CmpOp, a: Value, b: Value): VrlError {
  if (op === '>') return new VrlError(`can't calculate remainder of type ${kd(a)} and ${kd(b)}`);
  return new VrlError(`can't compare ${kd(a)} >= ${kd(b)}`);
}

export function compare(op: CmpOp, a: Value, b: Value): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number'))
    return cmpResult(op, compareNum(a, b));
  if (isBytes(a)) {
    if (!isBytes(b)) throw new VrlError(`expected string, got ${kd(b)}`);
    return cmpResult(op, compareBytes(a, b));
  }
  if (a instanceof VrlTimestamp) {
    if (!(b instanceof VrlTimestamp)) throw new VrlError(`expected timestamp, got ${kd(b)}`);
    return cmpResult(op, a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0);
  }
  throw cmpError(op, a, b);
}

export const gt = (a: Value, b: Value): boolean => compare('>', a, b);
export const ge = (a: Value, b: Value): boolean => compare('>=', a, b);
export const lt = (a: Value, b: Value): boolean => compare('<', a, b);
export const le = (a: Value, b: Value): boolean => compare('<=', a, b);

/** `&&` once the left side is known not to be null/false: both must be booleans (null counts as false). */
export function and(a: Value, b: Value): boolean {
  if (typeof a === 'boolean') {
    if (b === null) return false;
    if (typeof b === 'boolean') return a && b;
  }
  throw new VrlError(`can't apply an AND to types ${kd(a)} and ${kd(b)}`);
}

/** `|` on two objects: a new object with the right side's fields overwriting the left's (shallow). */
export function merge(a: Value, b: Value): ValueObject {
  if (!isObject(a) || !isObject(b)) throw new VrlError(`can't merge type ${kd(b)} into ${kd(a)}`);
  const out: ValueObject = {};
  for (const k of Object.keys(a)) setField(out, k, a[k]!);
  for (const k of Object.keys(b)) setField(out, k, b[k]!);
  return out;
}

/** `!`: only booleans. */
export function not(a: Value): boolean {
  if (typeof a !== 'boolean') throw new VrlError(`expected boolean, got ${kd(a)}`);
  return !a;
}

export { bytesEqual };
