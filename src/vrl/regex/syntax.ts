/** Small lexical helpers for the parser: flag runs, escapability, hex escapes, UTF-8 checks. */
import type { ClassBody, Flags } from './ast.js';
import { RegexSyntaxError } from './errors.js';

const META = '\\.+*?()|[]{}^$#&-~';
const FLAG_LETTERS = 'imsUuxR';

export const INVALID_UTF8 = 'pattern can match invalid UTF-8 (not allowed with Unicode mode disabled)';

/** `\a \f \t \n \r \v`. */
export const CONTROL_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  f: 0x0c,
  t: 9,
  n: 0x0a,
  r: 0x0d,
  v: 0x0b,
};

/** Apply a run of flag letters (`i`, `-x`, `im-s`) to `flags`; `at` is the offset for errors. */
export function applyFlagText(text: string, flags: Flags, at: number): void {
  let negate = false;
  let last: 'flag' | 'neg' | null = null;
  const seen = new Set<string>();
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '-') {
      if (negate) throw new RegexSyntaxError('repeated negation in flags', at + k);
      negate = true;
      last = 'neg';
    } else if (FLAG_LETTERS.includes(c)) {
      if (seen.has(c)) throw new RegexSyntaxError(`duplicate flag "${c}"`, at + k);
      seen.add(c);
      flags[c as keyof Flags] = !negate;
      last = 'flag';
    } else {
      throw new RegexSyntaxError(`unrecognized flag "${String.fromCodePoint(text.codePointAt(k)!)}"`, at + k);
    }
  }
  if (last === null) throw new RegexSyntaxError('empty flag group', at);
  if (last === 'neg') throw new RegexSyntaxError('expected a flag after "-"', at + text.length);
}

export function isEscapable(c: string): boolean {
  if (META.includes(c)) return true;
  const cp = c.codePointAt(0)!;
  return cp < 0x80 && !/[0-9A-Za-z<>]/.test(c);
}

/** Can this class match a non-ASCII code point? (Only asked under `(?-u)`.) */
export function mayBeNonAscii(body: ClassBody, negated: boolean): boolean {
  if (negated) return true;
  if (body.kind === 'op') {
    const [l, r] = [mayBeNonAscii(body.lhs, false), mayBeNonAscii(body.rhs, false)];
    return body.op === '&&' ? l && r : body.op === '--' ? l : l || r;
  }
  return body.items.some((it) =>
    it.kind === 'range'
      ? it.hi > 0x7f
      : it.kind === 'class'
        ? mayBeNonAscii(it.cls.body, it.cls.negated)
        : it.kind === 'prop' || it.negated || it.unicode,
  );
}

/**
 * The digits of `\x7F` / `\x{…}`, `\u007F` / `\u{…}`, `\U0000007F` / `\U{…}` starting at `pos` (just after the
 * letter). Returns the code point and the offset after the escape.
 */
export function readHex(src: string, pos: number, kind: 'x' | 'u' | 'U', start: number): [number, number] {
  let digits: string;
  if (src[pos] === '{') {
    const end = src.indexOf('}', pos);
    if (end < 0) throw new RegexSyntaxError('unclosed hex escape', start);
    digits = src.slice(pos + 1, end);
    if (digits === '') throw new RegexSyntaxError('empty hex escape', start);
    pos = end + 1;
  } else {
    const width = kind === 'x' ? 2 : kind === 'u' ? 4 : 8;
    digits = src.slice(pos, pos + width);
    if (digits.length < width)
      throw new RegexSyntaxError(`hex escape \\${kind} needs exactly ${width} digits`, start);
    pos += width;
  }
  if (!/^[0-9A-Fa-f]{1,8}$/.test(digits)) throw new RegexSyntaxError(`invalid hex escape "${digits}"`, start);
  const cp = parseInt(digits, 16);
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    throw new RegexSyntaxError(`hex escape is not a Unicode scalar value: ${digits}`, start);
  return [cp, pos];
}
