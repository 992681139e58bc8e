import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { byteLength, toBytes } from '../../value/index.js';
import { text } from './support/text.js';

/** Per-character comparison as VRL does it: ASCII ignoring case, otherwise the lowercase mappings zipped. */
function sameIgnoringCase(a: number, b: number): boolean {
  if (a < 0x80 && b < 0x80) {
    const la = a >= 0x41 && a <= 0x5a ? a + 32 : a;
    const lb = b >= 0x41 && b <= 0x5a ? b + 32 : b;
    return la === lb;
  }
  const x = [...String.fromCodePoint(a).toLowerCase()];
  const y = [...String.fromCodePoint(b).toLowerCase()];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

function startsWith(
  value: string | Uint8Array,
  prefix: string | Uint8Array,
  caseSensitive: boolean,
): boolean {
  if (byteLength(value) < byteLength(prefix)) return false;
  if (caseSensitive) {
    if (typeof value === 'string' && typeof prefix === 'string') return value.startsWith(prefix);
    const v = toBytes(value);
    const p = toBytes(prefix);
    for (let i = 0; i < p.length; i++) if (v[i] !== p[i]) return false;
    return true;
  }
  const v = text(value);
  const p = text(prefix);
  const vi = v[Symbol.iterator]();
  for (const pc of p) {
    const vc = vi.next();
    if (vc.done) return true;
    // Invalid UTF-8 (decoded as U+FFFD from raw bytes) never compares equal.
    if (pc === '\uFFFD' && prefix instanceof Uint8Array) return false;
    if (vc.value === '\uFFFD' && value instanceof Uint8Array) return false;
    if (!sameIgnoringCase(pc.codePointAt(0)!, vc.value.codePointAt(0)!)) return false;
  }
  return true;
}

export const starts_with = defineFunction({
  name: 'starts_with',
  parameters: [
    required('value', K.BYTES),
    required('substring', K.BYTES),
    optional('case_sensitive', K.BOOLEAN),
  ],
  kind: Kind.boolean(),
  call: (value, substring, caseSensitive) =>
    startsWith(value as string | Uint8Array, substring as string | Uint8Array, caseSensitive !== false),
  examples: [
    {
      title: 'String starts with (case sensitive)',
      source: 'starts_with("The Needle In The Haystack", "The Needle")',
      result: 'true',
    },
    {
      title: 'String starts with (case insensitive)',
      source: 'starts_with("The Needle In The Haystack", "the needle", case_sensitive: false)',
      result: 'true',
    },
    {
      title: 'String starts with (case sensitive failure)',
      source: 'starts_with("foobar", "F")',
      result: 'false',
    },
  ],
});
