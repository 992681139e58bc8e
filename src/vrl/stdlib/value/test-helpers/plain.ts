/** VRL values as the oracle hands them back: plain JSON-like JavaScript (integers and floats both `number`). */
import { toRfc3339 } from '../../../time/index.js';
import { isObject, toText, VrlRegex, VrlTimestamp, type Value } from '../../../value/index.js';

export function toPlain(value: Value): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Uint8Array) return toText(value);
  if (value instanceof VrlTimestamp) return toRfc3339(value.ns);
  if (value instanceof VrlRegex) return value.pattern;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = toPlain(value[key]!);
    return out;
  }
  return value;
}
