/**
 * JSON as the Python detection runtime writes and reads it, so values stored by one runtime read
 * the same in the other. Integers beyond 2^53 are exact both ways (`bigint` in JavaScript).
 */
import { parseJson } from '../../lake/iceberg/json.js';

/**
 * JSON text of a detection's value, like Python's `json.dumps(value, default=…)` in the Python
 * worker: sets become arrays, bytes become UTF-8 text, `bigint` is written as an exact integer,
 * `toJSON()` is honoured (dates), non-finite numbers become null, `undefined` / functions /
 * symbols are left out of objects (null in arrays). A cyclic value throws a TypeError.
 */
export function toJsonText(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown, key: string): string | undefined => {
    if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('utf8')); // before Buffer's toJSON
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
    }
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : 'null';
      case 'bigint':
        return v.toString();
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    const obj = v as object;
    if (seen.has(obj)) throw new TypeError('cannot serialise a cyclic value as JSON');
    seen.add(obj);
    try {
      if (Array.isArray(obj) || obj instanceof Set || ArrayBuffer.isView(obj)) {
        const items = Array.from(obj as Iterable<unknown>, (x, i) => walk(x, String(i)) ?? 'null');
        return '[' + items.join(',') + ']';
      }
      const entries: [string, unknown][] =
        obj instanceof Map ? [...obj].map(([k, x]) => [String(k), x]) : Object.entries(obj);
      const parts: string[] = [];
      for (const [k, x] of entries) {
        const s = walk(x, k);
        if (s !== undefined) parts.push(JSON.stringify(k) + ':' + s);
      }
      return '{' + parts.join(',') + '}';
    } finally {
      seen.delete(obj);
    }
  };
  return walk(value, '') ?? 'null';
}

/** Parses JSON text; integers beyond 2^53 come back as `bigint` (the cheap path when none can be). */
export function parseJsonText(text: string): unknown {
  try {
    return /\d{16}/.test(text) ? parseJson(text) : JSON.parse(text);
  } catch (err) {
    // Python's json.dumps writes NaN / Infinity (not JSON); read them as null like JSON.stringify would
    const fixed = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => (m.startsWith('"') ? m : 'null'));
    if (fixed === text) throw err;
    return parseJsonText(fixed);
  }
}
