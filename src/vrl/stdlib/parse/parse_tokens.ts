import { required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { textOf } from './args.js';

/** `"…"` or `[…]` with `\` escaping only the closing character and `\`; the raw text inside. */
function delimitedToken(
  s: string,
  p: number,
  open: string,
  close: string,
): { pos: number; text: string } | null {
  if (s[p] !== open) return null;
  let i = p + 1;
  let ok = true;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      const n = s[i + 1];
      if (n !== close && n !== '\\') {
        ok = false;
        break;
      }
      i += 2;
    } else if (c === close) break;
    else i++;
  }
  // a bad escape makes the escaped run fail as a whole: the token is then empty
  const end = ok ? i : p + 1;
  if (s[end] !== close) return null;
  return { pos: end + 1, text: s.slice(p + 1, end) };
}

/**
 * VRL's tokenizer: words separated by spaces/tabs, `"quoted strings"` and `[bracketed text]` (raw,
 * escapes kept); anything that fits none of these ends the input as one last token.
 */
export function tokenize(s: string): string[] {
  const out: string[] = [];
  let p = 0;
  while (p < s.length) {
    const t = delimitedToken(s, p, '[', ']') ?? delimitedToken(s, p, '"', '"');
    if (t) {
      out.push(t.text);
      p = t.pos;
    } else {
      let q = p;
      while (q < s.length && s[q] !== ' ' && s[q] !== '\t' && s[q] !== '[' && s[q] !== '"') q++;
      if (q === p) {
        out.push(s.slice(p));
        break;
      }
      out.push(s.slice(p, q));
      p = q;
    }
    while (s[p] === ' ' || s[p] === '\t') p++;
  }
  return out;
}

export const parse_tokens: FunctionDef = {
  name: 'parse_tokens',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: Kind.array(Kind.bytes()),
      fallible: false,
      pure: true,
      call: (value: Value | undefined) =>
        tokenize(textOf(value)).map((t) => (t === '' || t === '-' ? null : t)),
    };
  },
  examples: [
    {
      title: 'Parse tokens',
      source: `parse_tokens(s'A sentence "with \\"a\\" sentence inside" and [some brackets]')`,
      result: '["A", "sentence", "with \\\\\\"a\\\\\\" sentence inside", "and", "some brackets"]',
    },
  ],
};
