/** Iteration helpers behind VRL's closure-taking functions (`for_each`, `map_keys`, `map_values`, `filter`). */
import {
  VrlError,
  VrlRegex,
  isObject,
  kindDisplay,
  kindOf,
  setField,
  sortedKeys,
  toText,
  type Value,
  type ValueObject,
} from '../value/index.js';

/**
 * `return` inside a closure body. Like the VRL the oracle embeds, only the key/value closures over an
 * object (`for_each`, `filter`) take it as the closure's value; anywhere else it ends the program with
 * `return cannot be used inside closures`.
 */
export class ClosureReturn {
  constructor(readonly value: Value) {}
}

export const RETURN_IN_CLOSURE = 'return cannot be used inside closures';

function callKeyValue(fn: Fn2, key: Value, value: Value): Value {
  try {
    return fn(key, value);
  } catch (e) {
    if (e instanceof ClosureReturn) return e.value;
    throw e;
  }
}

type Fn2 = (a: Value, b: Value) => Value;
type Fn1 = (a: Value) => Value;

/** Runs `fn(key, value)` for every field (in VRL's sorted order) or `fn(index, value)` for every element. */
export function forEach(value: Value, fn: Fn2): null {
  if (Array.isArray(value)) {
    const items = value.slice();
    for (let i = 0; i < items.length; i++) fn(BigInt(i), items[i]!);
  } else if (isObject(value)) {
    for (const key of sortedKeys(value)) callKeyValue(fn, key, value[key]!);
  }
  return null;
}

export function mapKeys(value: Value, recursive: boolean, fn: Fn1): Value {
  if (Array.isArray(value)) return recursive ? value.map((v) => mapKeys(v, true, fn)) : value;
  if (!isObject(value)) return value;
  const out: ValueObject = {};
  for (const key of sortedKeys(value)) {
    const newKey = fn(key);
    if (typeof newKey !== 'string') throw new VrlError(`expected string, got ${kindDisplay(kindOf(newKey))}`);
    const v = value[key]!;
    setField(out, newKey, recursive ? mapKeys(v, true, fn) : v);
  }
  return out;
}

export function mapValues(value: Value, recursive: boolean, fn: Fn1): Value {
  const walk = (v: Value): Value => {
    if (recursive && (Array.isArray(v) || isObject(v))) return fn(mapContainer(v));
    return fn(v);
  };
  const mapContainer = (v: Value[] | ValueObject): Value => {
    if (Array.isArray(v)) return v.map(walk);
    const out: ValueObject = {};
    for (const key of sortedKeys(v)) setField(out, key, walk(v[key]!));
    return out;
  };
  if (Array.isArray(value) || isObject(value)) return mapContainer(value);
  return value;
}

export function filter(value: Value, fn: Fn2): Value {
  if (Array.isArray(value)) {
    const out: Value[] = [];
    value.forEach((v, i) => {
      if (fn(BigInt(i), v) === true) out.push(v);
    });
    return out;
  }
  if (isObject(value)) {
    const out: ValueObject = {};
    for (const key of sortedKeys(value))
      if (callKeyValue(fn, key, value[key]!) === true) setField(out, key, value[key]!);
    return out;
  }
  return value;
}

const globalRegexes = new WeakMap<VrlRegex, RegExp>();

/** `replace_with`: each match (up to `count`, all when negative) replaced by what `fn(match)` returns. */
export function replaceWith(value: Value, pattern: Value, count: Value, fn: Fn1): Value {
  const re = pattern as VrlRegex;
  const names = re.compiled.captureNames;
  if (names.includes('string') || names.includes('captures'))
    throw new VrlError('Capture group cannot be named "string" or "captures"');
  const n = typeof count === 'bigint' ? count : -1n;
  if (n === 0n) return value;
  const text = toText(value as string | Uint8Array);
  let global = globalRegexes.get(re);
  if (!global) {
    global = new RegExp(re.compiled.regex.source, re.compiled.regex.flags.replace(/[gy]/g, '') + 'g');
    globalRegexes.set(re, global);
  }
  global.lastIndex = 0;
  const limit = n < 0n ? Infinity : Number(n);
  let out = '';
  let last = 0;
  let done = 0;
  let previousEnd = -1;
  for (let m = global.exec(text); m !== null && done < limit; m = global.exec(text)) {
    if (m[0] === '') {
      global.lastIndex++;
      // Rust's iterator skips an empty match right where the previous match ended.
      if (m.index === previousEnd) continue;
    }
    previousEnd = m.index + m[0].length;
    const match: ValueObject = { string: m[0] };
    const captures: Value[] = [];
    for (let i = 1; i < m.length; i++) {
      const v = m[i] ?? null;
      captures.push(v);
      const name = names[i];
      if (name) setField(match, name, v);
    }
    match.captures = captures;
    const replacement = fn(match);
    if (typeof replacement !== 'string' && !(replacement instanceof Uint8Array))
      throw new VrlError(`expected string, got ${kindDisplay(kindOf(replacement))}`);
    out += text.slice(last, m.index) + toText(replacement);
    last = m.index + m[0].length;
    done++;
  }
  return out + text.slice(last);
}
