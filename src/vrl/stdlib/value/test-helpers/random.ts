/** Seeded random VRL values (and their VRL source) for differential tests. */
import { isObject, sortedKeys, type Value, type ValueObject } from '../../../value/index.js';
import { rustFloatDisplay } from '../util/rust.js';

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'c', 'a.b', 'b.c', 'x', '', '-', ' ', 'a.', '.a'];
const STRINGS = ['', ' ', '-', 'x', 'a.b', 'hello world', '\n'];

export function randomValue(rand: () => number, depth = 0): Value {
  const pick = Math.floor(rand() * (depth >= 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return BigInt(Math.floor(rand() * 21) - 10);
    case 3:
      return (Math.floor(rand() * 41) - 20) / 4;
    case 4:
    case 5:
      return STRINGS[Math.floor(rand() * STRINGS.length)]!;
    case 6:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default:
      return randomObject(rand, depth + 1);
  }
}

export function randomObject(rand: () => number, depth = 0): ValueObject {
  const out: ValueObject = {};
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) out[KEYS[Math.floor(rand() * KEYS.length)]!] = randomValue(rand, depth + 1);
  return out;
}

/** VRL source for a value made of null, booleans, integers, floats, strings, arrays and objects. */
export function vrlSource(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    const text = rustFloatDisplay(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(vrlSource).join(', ')}]`;
  if (isObject(value))
    return `{${sortedKeys(value)
      .map((k) => `${JSON.stringify(k)}: ${vrlSource(value[k]!)}`)
      .join(', ')}}`;
  throw new Error('unsupported value');
}
