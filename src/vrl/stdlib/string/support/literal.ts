/** Rust `str` pattern semantics for literal patterns (an empty pattern matches at every character boundary). */
import { nextCodePoint } from './text.js';

/** Start indexes of the non-overlapping matches of `pattern` in `s`, left to right. */
export function* literalMatches(s: string, pattern: string): Generator<number> {
  if (pattern === '') {
    for (let i = 0; i < s.length; i = nextCodePoint(s, i)) yield i;
    yield s.length;
    return;
  }
  let i = s.indexOf(pattern);
  while (i !== -1) {
    yield i;
    i = s.indexOf(pattern, i + pattern.length);
  }
}

/** Rust `str::splitn(limit, pattern)`. */
export function literalSplitN(s: string, pattern: string, limit: number): string[] {
  const out: string[] = [];
  if (limit <= 0) return out;
  let start = 0;
  for (const index of literalMatches(s, pattern)) {
    if (out.length === limit - 1) break;
    out.push(s.slice(start, index));
    start = index + pattern.length;
  }
  out.push(s.slice(start));
  return out;
}

/** Rust `str::replacen` (`limit` undefined: replace all). */
export function literalReplace(
  s: string,
  pattern: string,
  replacement: (matched: string) => string,
  limit?: number,
): string {
  let out = '';
  let last = 0;
  let count = 0;
  for (const index of literalMatches(s, pattern)) {
    if (limit !== undefined && count >= limit) break;
    out += s.slice(last, index) + replacement(pattern);
    last = index + pattern.length;
    count++;
  }
  return count === 0 ? s : out + s.slice(last);
}
