/**
 * A half-open range `[start, end)` into the VRL source text.
 *
 * Offsets are **UTF-16 code unit** indices (JavaScript string indices), so `source.slice(start, end)`
 * returns the spanned text. Upstream VRL uses UTF-8 byte offsets; for ASCII sources the two agree.
 * Line/column numbers shown to users are computed in code points (see `format.ts`).
 */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The smallest span that covers both `a` and `b`. */
export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
