/** Text helpers shared by the string functions: VRL strings are bytes, JavaScript strings are UTF-16. */
import { toText } from '../../../value/index.js';
import type { Value } from '../../../value/index.js';

/** The argument as text (invalid UTF-8 becomes U+FFFD, as VRL's `try_bytes_utf8_lossy`). */
export function text(value: Value | undefined): string {
  return toText(value as string | Uint8Array);
}

/** The optional argument as text, or `fallback` when omitted or null. */
export function optionalText(value: Value | undefined, fallback: string): string {
  return value === undefined || value === null ? fallback : text(value);
}

/** Both arguments as text, lowercased when the comparison ignores case (`case_sensitive: false`). */
export function caseFolded(
  value: Value | undefined,
  other: Value | undefined,
  caseSensitive: Value | undefined,
): [string, string] {
  return caseSensitive === false
    ? [text(value).toLowerCase(), text(other).toLowerCase()]
    : [text(value), text(other)];
}

/** Number of UTF-8 bytes of the UTF-16 code unit at `i` (surrogate pairs count 4 at the high half, 0 at the low). */
function unitBytes(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 4 : 3;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = i > 0 ? s.charCodeAt(i - 1) : 0;
    return p >= 0xd800 && p <= 0xdbff ? 0 : 3;
  }
  return 3;
}

/** UTF-8 byte offset of UTF-16 index `index` (which is on a code point boundary). */
export function byteOffsetOf(s: string, index: number, from = 0, fromBytes = 0): number {
  let n = fromBytes;
  for (let i = from; i < index; i++) n += unitBytes(s, i);
  return n;
}

/**
 * UTF-16 index of UTF-8 byte offset `offset`; an offset inside a character moves to the next character
 * boundary. Returns -1 when the offset is past the end.
 */
export function indexOfByteOffset(s: string, offset: number): number {
  let n = 0;
  let i = 0;
  while (i < s.length && n < offset) {
    n += unitBytes(s, i);
    i += isHighSurrogateAt(s, i) ? 2 : 1;
  }
  if (n < offset) return -1;
  return i;
}

function isHighSurrogateAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Index just after the code point starting at `i`. */
export function nextCodePoint(s: string, i: number): number {
  return isHighSurrogateAt(s, i) ? i + 2 : i + 1;
}

/** Number of Unicode scalar values. */
export function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i = nextCodePoint(s, i)) n++;
  return n;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Extended grapheme clusters. */
export function graphemes(s: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(s)) out.push(segment);
  return out;
}

/** True when every UTF-16 unit is ASCII (then UTF-16 indexes equal UTF-8 byte offsets). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
