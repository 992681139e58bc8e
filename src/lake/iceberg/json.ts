/**
 * Bigint-safe JSON. `JSON.parse` rounds integers beyond 2^53 (snapshot ids are random 63-bit
 * numbers), so `parseJson` returns such integers as `bigint`, and `stringifyJson` writes
 * `bigint` values as plain JSON numbers.
 */

export type JsonValue =
  null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** A string no real metadata holds: marks a bigint while the built-in JSON functions run. */
const MARK = `\u0000lakewatch-bigint-${Math.random().toString(36).slice(2)}:`;
/** An integer of 16+ digits in value position (after `:`, `[`, `,` or the start; before `,`, `]`, `}` or the end). */
const LONG_INTEGER = /(^\s*|[:[,]\s*)(-?\d{16,})(?=\s*(?:[,\]}]|$))/g;

const MARK_JSON = JSON.stringify(MARK).slice(1, -1);
const MARKED_STRING = new RegExp(`"${MARK_JSON.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(-?\\d+)"`, 'g');

/** JSON text of `value`; `bigint` values are written as plain JSON numbers. */
export function stringifyJson(value: unknown, indent = 0): string {
  // the built-in stringify with bigints as marked strings, unmarked afterwards (much faster
  // than walking in JavaScript); the same output as the walker below
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'bigint' ? MARK + v.toString() : v),
    indent || undefined,
  );
  if (text === undefined) return 'null';
  return text.includes(MARK_JSON) ? text.replace(MARKED_STRING, '$1') : text;
}

/** The reference serializer (kept for the tests that compare the fast path with it). */
export function stringifyJsonExact(value: unknown, indent = 0): string {
  const pad = indent > 0 ? ' '.repeat(indent) : '';
  const walk = (v: unknown, depth: number): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'bigint':
        return v.toString();
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'string':
        return JSON.stringify(v);
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    const nl = pad ? '\n' + pad.repeat(depth + 1) : '';
    const end = pad ? '\n' + pad.repeat(depth) : '';
    const sep = pad ? ': ' : ':';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return '[' + nl + v.map((x) => walk(x, depth + 1) ?? 'null').join(',' + nl) + end + ']';
    }
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const s = walk(x, depth + 1);
      if (s !== undefined) parts.push(JSON.stringify(k) + sep + s);
    }
    if (parts.length === 0) return '{}';
    return '{' + nl + parts.join(',' + nl) + end + '}';
  };
  return walk(value, 0) ?? 'null';
}

/**
 * Parses JSON; integers outside ±(2^53-1) come back as `bigint`. Fast path: such integers are
 * turned into marked strings and the built-in `JSON.parse` does the rest (several times faster
 * on big table metadata); when the text does not parse that way (a marked integer landed inside
 * a string, or the text is not JSON), the exact parser below decides.
 */
export function parseJson(text: string): JsonValue {
  let marked = 0;
  const prepared = text.replace(LONG_INTEGER, (whole, before: string, digits: string) => {
    if (Number.isSafeInteger(Number(digits))) return whole;
    marked++;
    return `${before}"${MARK_JSON}${digits}"`;
  });
  if (marked === 0) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return parseJsonExact(text);
    }
  }
  try {
    const counter = { seen: 0 };
    const value = unmark(JSON.parse(prepared) as JsonValue, counter);
    if (counter.seen === marked) return value;
  } catch {
    // fall through to the exact parser
  }
  return parseJsonExact(text);
}

/** Replaces marked strings by their bigint, in place (cheaper than a JSON.parse reviver). */
function unmark(v: JsonValue, counter: { seen: number }): JsonValue {
  if (typeof v === 'string') {
    if (!v.startsWith(MARK)) return v;
    counter.seen++;
    return BigInt(v.slice(MARK.length));
  }
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x !== null && (typeof x === 'object' || typeof x === 'string')) v[i] = unmark(x, counter);
    }
    return v;
  }
  for (const k of Object.keys(v)) {
    const x = v[k]!;
    if (x === null || (typeof x !== 'object' && typeof x !== 'string')) continue;
    const y = unmark(x, counter);
    if (y === x) continue;
    // `__proto__` is an own key of JSON.parse's result; plain assignment would set the prototype
    Object.defineProperty(v, k, { value: y, enumerable: true, writable: true, configurable: true });
  }
  return v;
}

/** The character-by-character parser: exact on every input, and the one that reports errors. */
function parseJsonExact(text: string): JsonValue {
  let i = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError(`${msg} at position ${i} in JSON`);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, JsonValue> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected string key');
        const k = str();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        // As JSON.parse does, `__proto__` is an own key, never the prototype (input is untrusted).
        if (k === '__proto__') {
          Object.defineProperty(out, k, {
            value: value(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else out[k] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return out;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const out: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return out;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    return num();
  };
  const str = (): string => {
    const start = i;
    i++;
    let simple = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        simple = false;
        i += 2;
      } else i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    const raw = text.slice(start, i);
    return simple ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  };
  const num = (): number | bigint => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected token');
    i += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  };
  const out = value();
  ws();
  if (i !== text.length) fail('unexpected trailing data');
  return out;
}
