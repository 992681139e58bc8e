/**
 * Rust `regex` iteration semantics on top of JavaScript `RegExp`: leftmost-first matches, and an empty match
 * right where the previous match ended is skipped (JavaScript would report it), as in `find_iter`,
 * `replace_all`, `split`.
 */
import type { VrlRegex } from '../../../value/index.js';
import { nextCodePoint } from './text.js';

const globalCache = new WeakMap<VrlRegex, RegExp>();

/** A `g`-flagged copy of the regex (cached per regex value); callers set `lastIndex` before each `exec`. */
export function globalRegex(regex: VrlRegex): RegExp {
  let re = globalCache.get(regex);
  if (!re) {
    const base = regex.compiled.regex;
    re = new RegExp(base.source, base.flags.replace(/[gy]/g, '') + 'g');
    globalCache.set(regex, re);
  }
  return re;
}

/** The matches of `regex` in `s` as Rust's `find_iter`/`captures_iter` reports them. */
export function* regexMatches(regex: VrlRegex, s: string, from = 0): Generator<RegExpExecArray> {
  const re = globalRegex(regex);
  let pos = from;
  let lastEnd = -1;
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return;
    const end = m.index + m[0].length;
    if (m.index === end && end === lastEnd) {
      if (end >= s.length) return;
      pos = nextCodePoint(s, end);
      continue;
    }
    lastEnd = end;
    pos = end;
    yield m;
  }
}

/** The first match starting at or after `from`. */
export function regexFind(regex: VrlRegex, s: string, from = 0): RegExpExecArray | null {
  const re = globalRegex(regex);
  re.lastIndex = from;
  return re.exec(s);
}

/** True when the regex matches somewhere in `s`. */
export function regexTest(regex: VrlRegex, s: string): boolean {
  const re = regex.compiled.regex;
  if (re.global || re.sticky) re.lastIndex = 0;
  return re.test(s);
}

function captureText(m: RegExpExecArray, index: number): string {
  return index < m.length ? (m[index] ?? '') : '';
}

function groupRef(name: string, regex: VrlRegex, m: RegExpExecArray): string {
  if (/^\+?[0-9]+$/.test(name)) {
    const n = Number(name.replace('+', ''));
    if (n <= 0xffffffff) return captureText(m, n);
  }
  const index = regex.compiled.captureNames.indexOf(name);
  return index > 0 ? captureText(m, index) : '';
}

/** Rust `Captures::expand`: `$1`, `$name`, `${name}`, `$$`; unknown groups expand to nothing. */
export function expandReplacement(template: string, regex: VrlRegex, m: RegExpExecArray): string {
  if (!template.includes('$')) return template;
  let out = '';
  let rest = template;
  for (;;) {
    const i = rest.indexOf('$');
    if (i === -1) break;
    out += rest.slice(0, i);
    rest = rest.slice(i);
    if (rest[1] === '$') {
      out += '$';
      rest = rest.slice(2);
      continue;
    }
    let name: string | undefined;
    let end = 0;
    if (rest[1] === '{') {
      const close = rest.indexOf('}', 2);
      if (close !== -1) {
        name = rest.slice(2, close);
        end = close + 1;
      }
    } else {
      const found = /^[0-9A-Za-z_]+/.exec(rest.slice(1));
      if (found) {
        name = found[0];
        end = 1 + found[0].length;
      }
    }
    if (name === undefined) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    out += groupRef(name, regex, m);
    rest = rest.slice(end);
  }
  return out + rest;
}

/** Rust `Regex::replacen` (`limit` undefined: all) with a replacement computed per match. */
export function regexReplace(
  regex: VrlRegex,
  s: string,
  replacement: (m: RegExpExecArray) => string,
  limit?: number,
): string {
  let out = '';
  let last = 0;
  let count = 0;
  for (const m of regexMatches(regex, s)) {
    if (limit !== undefined && count >= limit) break;
    out += s.slice(last, m.index) + replacement(m);
    last = m.index + m[0].length;
    count++;
  }
  return count === 0 ? s : out + s.slice(last);
}

/** Rust `Regex::splitn`. */
export function regexSplitN(regex: VrlRegex, s: string, limit: number): string[] {
  const out: string[] = [];
  if (limit <= 0) return out;
  let start = 0;
  for (const m of regexMatches(regex, s)) {
    if (out.length === limit - 1) break;
    out.push(s.slice(start, m.index));
    start = m.index + m[0].length;
  }
  out.push(s.slice(start));
  return out;
}
