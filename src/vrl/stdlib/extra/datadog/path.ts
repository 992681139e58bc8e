/**
 * VRL's path parser for string paths (`parse_value_path`, the JIT state machine): `a.b`, `.a`, `a[0]`,
 * `a[-1]`, `"quoted key"`, `a-b`, `@x`. Returns `undefined` for an invalid path.
 */
import { isArray, isObject, type Value } from '../../../value/index.js';

export type PathSegment = { readonly field: string } | { readonly index: number };

const FIELD_CHAR = /^[A-Za-z0-9_@-]$/;

export function parseValuePath(path: string): PathSegment[] | undefined {
  const chars = Array.from(path);
  const out: PathSegment[] = [];
  type State = 'eventRoot' | 'start' | 'continue' | 'dot' | 'indexStart' | 'index' | 'field' | 'quote';
  let state: State = 'start';
  let buffer = '';
  let index = 0;
  let negative = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    switch (state) {
      case 'start':
      case 'continue':
      case 'eventRoot':
      case 'dot':
        if (c === '.' && state === 'start') state = 'eventRoot';
        else if (c === '.' && state === 'continue') state = 'dot';
        else if (FIELD_CHAR.test(c)) {
          buffer = c;
          state = 'field';
        } else if (c === '[' && state !== 'dot') {
          state = 'indexStart';
        } else if (c === '"') {
          buffer = '';
          state = 'quote';
        } else return undefined;
        break;
      case 'field':
        if (FIELD_CHAR.test(c)) buffer += c;
        else if (c === '.') {
          out.push({ field: buffer });
          state = 'dot';
        } else if (c === '[') {
          out.push({ field: buffer });
          state = 'indexStart';
        } else return undefined;
        break;
      case 'quote':
        if (c === '"') {
          out.push({ field: buffer });
          state = 'continue';
        } else if (c === '\\') {
          const next = chars[++i];
          if (next !== '\\' && next !== '"') return undefined;
          buffer += next;
        } else buffer += c;
        break;
      case 'indexStart':
        if (/^[0-9]$/.test(c)) {
          index = Number(c);
          negative = false;
          state = 'index';
        } else if (c === '-') {
          index = 0;
          negative = true;
          state = 'index';
        } else return undefined;
        break;
      case 'index':
        if (/^[0-9]$/.test(c)) index = index * 10 + Number(c);
        else if (c === ']') {
          out.push({ index: negative ? -index : index });
          state = 'continue';
        } else return undefined;
        break;
    }
  }
  switch (state) {
    case 'continue':
    case 'eventRoot':
      return out;
    case 'field':
      out.push({ field: buffer });
      return out;
    default:
      return undefined;
  }
}

/** The value at `path`, or `undefined` when absent. */
export function getAtPath(value: Value, path: readonly PathSegment[]): Value | undefined {
  let v: Value = value;
  for (const seg of path) {
    if ('field' in seg) {
      if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, seg.field)) return undefined;
      v = v[seg.field]!;
    } else {
      if (!isArray(v)) return undefined;
      const i = seg.index < 0 ? v.length + seg.index : seg.index;
      if (i < 0 || i >= v.length) return undefined;
      v = v[i]!;
    }
  }
  return v;
}
