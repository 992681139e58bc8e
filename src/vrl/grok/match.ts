/**
 * Runs compiled grok patterns and builds the parsed object (VRL `parse_grok` / `parse_groks`).
 */
import { compileGrok, type CompiledGrok, type GrokConvert } from './compile.js';

export type GrokValue = string | number | boolean | GrokValue[] | GrokObject;
export interface GrokObject {
  [key: string]: GrokValue;
}

/**
 * Matches `text` against a compiled pattern. Returns `null` when it does not match, else the parsed
 * object. Groups that did not participate are absent. In the `groks` dialect empty captures are
 * dropped, conversion failures drop the field, and a field captured more than once becomes an array
 * in capture order; in the `grok` dialect empty strings are kept and the last capture wins.
 */
export function grokMatch(compiled: CompiledGrok, text: string): GrokObject | null {
  const m = compiled.regex.exec(text);
  if (!m) return null;
  const groups = m.groups ?? {};
  const groks = compiled.dialect === 'groks';
  const out: GrokObject = {};
  for (const field of compiled.fields) {
    const raw = groups[field.group];
    if (raw === undefined) continue;
    if (groks && raw === '') continue;
    const value = field.convert ? convert(raw, field.convert) : raw;
    if (value === undefined || field.path.length === 0) continue;
    insert(out, field.path, value, groks);
  }
  return out;
}

/** VRL `parse_grok(value, pattern)`: unanchored `grok` dialect; `null` when nothing matches. */
export function parseGrok(
  text: string,
  pattern: string,
  aliases: Record<string, string> = {},
): GrokObject | null {
  return grokMatch(compileGrok(pattern, { aliases, dialect: 'grok' }), text);
}

/**
 * VRL `parse_groks(value, patterns, aliases)`: every pattern is compiled up front (so any invalid
 * pattern throws `GrokError`), then tried in order; the first whole-input match wins.
 */
export function parseGroks(
  text: string,
  patterns: readonly string[],
  aliases: Record<string, string> = {},
): GrokObject | null {
  const compiled = patterns.map((p) => compileGrok(p, { aliases, dialect: 'groks' }));
  for (const c of compiled) {
    const parsed = grokMatch(c, text);
    if (parsed) return parsed;
  }
  return null;
}

const INTEGER = /^[+-]?[0-9]+$/u;
const FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/u;

/** Applies a conversion; `undefined` means the value could not be converted and is dropped. */
function convert(raw: string, to: GrokConvert): GrokValue | undefined {
  switch (to) {
    case 'int':
    case 'integer':
      return INTEGER.test(raw) ? Number(raw) : undefined;
    case 'float':
    case 'number':
      return FLOAT.test(raw) ? Number(raw) : undefined;
    case 'boolean':
      return raw.toLowerCase() === 'true';
    case 'lowercase':
      return raw.toLowerCase();
    case 'uppercase':
      return raw.toUpperCase();
    case 'string':
      return raw;
  }
}

function isObject(v: GrokValue | undefined): v is GrokObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function insert(target: GrokObject, path: string[], value: GrokValue, collect: boolean): void {
  let obj = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
    if (isObject(next)) {
      obj = next;
    } else {
      const fresh: GrokObject = {};
      define(obj, key, fresh);
      obj = fresh;
    }
  }
  const last = path[path.length - 1];
  const existing = Object.prototype.hasOwnProperty.call(obj, last) ? obj[last] : undefined;
  if (collect && existing !== undefined) {
    define(obj, last, Array.isArray(existing) ? [...existing, value] : [existing, value]);
  } else {
    define(obj, last, value);
  }
}

/** Own-property assignment that is safe for keys such as `__proto__`. */
function define(obj: GrokObject, key: string, value: GrokValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
