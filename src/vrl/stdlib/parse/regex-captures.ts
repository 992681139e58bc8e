/** Capture groups to VRL objects, shared by `parse_regex` and `parse_regex_all`. */
import { Kind } from '../../types/kind.js';
import { setField } from '../../value/object.js';
import type { ValueObject } from '../../value/value.js';
import type { CompiledRustRegex } from '../../regex/index.js';

/**
 * One match as VRL builds it: every named group (null when it did not take part) and, with
 * `numericGroups`, the participating groups numbered consecutively from `"0"` (the whole match);
 * non-participating groups are skipped in that numbering, as upstream does.
 */
export function capturesToObject(
  m: RegExpExecArray,
  regex: CompiledRustRegex,
  numericGroups: boolean,
): ValueObject {
  const out: ValueObject = {};
  if (numericGroups) {
    let n = 0;
    for (let i = 0; i < regex.captureNames.length; i++) {
      const text = m[i];
      if (text !== undefined) setField(out, String(n++), text);
    }
  }
  regex.captureNames.forEach((name, i) => {
    if (name !== null) setField(out, name, m[i] ?? null);
  });
  return out;
}

/** The kind of one match object for a known regex: numbered groups and named groups. */
export function regexMatchKind(regex: CompiledRustRegex): Kind {
  const known = new Map<string, Kind>();
  for (let i = 0; i < regex.captureNames.length; i++) known.set(String(i), Kind.bytes().orNull());
  for (const name of regex.captureNames) if (name !== null) known.set(name, Kind.bytes());
  return Kind.object(known);
}

/** The kind of one match object for a regex only known at runtime. */
export const DYNAMIC_MATCH_KIND = Kind.object({}, Kind.bytes().orNull());

/**
 * All non-overlapping matches in Rust's order: after an empty match the search resumes one character
 * later, and an empty match right where the previous match ended is skipped.
 */
export function* rustMatches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  const re = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
  let lastEnd = -1;
  let at = 0;
  while (at <= text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return;
    const start = m.index;
    const end = start + m[0].length;
    if (start === end && start === lastEnd) {
      at = start + charWidth(text, start);
      if (start >= text.length) return;
      continue;
    }
    yield m;
    lastEnd = end;
    at = start === end ? end + charWidth(text, end) : end;
    if (start === end && end >= text.length) return;
  }
}

function charWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}
