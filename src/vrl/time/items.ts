/**
 * Tokenizer for chrono's strftime dialect (`chrono::format::strftime::StrftimeItems`), shared by formatting
 * and parsing. Composite specifiers (`%D`, `%T`, `%c`, …) expand into their component items as in chrono.
 */

/** Numeric fields, named by their basic specifier letter. */
export type NumericField =
  | 'Y'
  | 'C'
  | 'y'
  | 'G'
  | 'g'
  | 'm'
  | 'd'
  | 'w'
  | 'u'
  | 'U'
  | 'W'
  | 'V'
  | 'j'
  | 'H'
  | 'I'
  | 'M'
  | 'S'
  | 'f'
  | 's';
export type Pad = 'zero' | 'space' | 'none';

/** Non-numeric fields. `.f` is `%.f`; `3f` is `%3f`; `:z` is `%:z`; `+` is `%+`. */
export type FixedField =
  | 'b'
  | 'B'
  | 'a'
  | 'A'
  | 'p'
  | 'P'
  | 'Z'
  | 'z'
  | ':z'
  | '::z'
  | '#z'
  | '+'
  | '.f'
  | '.3f'
  | '.6f'
  | '.9f'
  | '3f'
  | '6f'
  | '9f';

export type Item =
  | { readonly t: 'lit'; readonly s: string }
  | { readonly t: 'space'; readonly s: string }
  | { readonly t: 'num'; readonly f: NumericField; readonly pad: Pad }
  | { readonly t: 'fixed'; readonly f: FixedField };

/** Default width and padding for each numeric field, as chrono formats it. */
export const NUMERIC_WIDTH: Record<NumericField, number> = {
  Y: 4,
  C: 2,
  y: 2,
  G: 4,
  g: 2,
  m: 2,
  d: 2,
  w: 1,
  u: 1,
  U: 2,
  W: 2,
  V: 2,
  j: 3,
  H: 2,
  I: 2,
  M: 2,
  S: 2,
  f: 9,
  s: 1,
};

const num = (f: NumericField, pad: Pad = 'zero'): Item => ({ t: 'num', f, pad });
const fixed = (f: FixedField): Item => ({ t: 'fixed', f });
const lit = (s: string): Item => ({ t: 'lit', s });

const SIMPLE: Record<string, Item[]> = {
  Y: [num('Y')],
  C: [num('C')],
  y: [num('y')],
  G: [num('G')],
  g: [num('g')],
  m: [num('m')],
  d: [num('d')],
  e: [num('d', 'space')],
  w: [num('w')],
  u: [num('u')],
  U: [num('U')],
  W: [num('W')],
  V: [num('V')],
  j: [num('j')],
  H: [num('H')],
  k: [num('H', 'space')],
  I: [num('I')],
  l: [num('I', 'space')],
  M: [num('M')],
  S: [num('S')],
  f: [num('f')],
  s: [num('s', 'none')],
  b: [fixed('b')],
  h: [fixed('b')],
  B: [fixed('B')],
  a: [fixed('a')],
  A: [fixed('A')],
  p: [fixed('p')],
  P: [fixed('P')],
  Z: [fixed('Z')],
  z: [fixed('z')],
  '+': [fixed('+')],
  D: [num('m'), lit('/'), num('d'), lit('/'), num('y')],
  x: [num('m'), lit('/'), num('d'), lit('/'), num('y')],
  F: [num('Y'), lit('-'), num('m'), lit('-'), num('d')],
  v: [num('d', 'space'), lit('-'), fixed('b'), lit('-'), num('Y')],
  R: [num('H'), lit(':'), num('M')],
  T: [num('H'), lit(':'), num('M'), lit(':'), num('S')],
  X: [num('H'), lit(':'), num('M'), lit(':'), num('S')],
  r: [num('I'), lit(':'), num('M'), lit(':'), num('S'), { t: 'space', s: ' ' }, fixed('p')],
  c: [
    fixed('a'),
    { t: 'space', s: ' ' },
    fixed('b'),
    { t: 'space', s: ' ' },
    num('d', 'space'),
    { t: 'space', s: ' ' },
    num('H'),
    lit(':'),
    num('M'),
    lit(':'),
    num('S'),
    { t: 'space', s: ' ' },
    num('Y'),
  ],
  t: [{ t: 'space', s: '\t' }],
  n: [{ t: 'space', s: '\n' }],
  '%': [lit('%')],
};

/** Multi-character specifiers after `%`, longest first. */
const LONG: ReadonlyArray<readonly [string, FixedField]> = [
  ['::z', '::z'],
  [':z', ':z'],
  ['#z', '#z'],
  ['.3f', '.3f'],
  ['.6f', '.6f'],
  ['.9f', '.9f'],
  ['.f', '.f'],
  ['3f', '3f'],
  ['6f', '6f'],
  ['9f', '9f'],
];

const PAD_MODIFIERS: Record<string, Pad> = { '-': 'none', _: 'space', '0': 'zero' };

const cache = new Map<string, Item[] | null>();

/** Tokenize a chrono strftime format; `null` when chrono would yield `Item::Error`. */
export function tokenize(format: string): Item[] | null {
  const hit = cache.get(format);
  if (hit !== undefined) return hit;
  const items = tokenizeUncached(format);
  if (cache.size > 1000) cache.clear();
  cache.set(format, items);
  return items;
}

function tokenizeUncached(format: string): Item[] | null {
  const items: Item[] = [];
  const chars = [...format];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    if (ch !== '%') {
      const ws = /\s/.test(ch);
      let j = i + 1;
      while (j < chars.length && chars[j] !== '%' && /\s/.test(chars[j] as string) === ws) j++;
      const s = chars.slice(i, j).join('');
      items.push(ws ? { t: 'space', s } : { t: 'lit', s });
      i = j;
      continue;
    }
    i++;
    let pad: Pad | undefined;
    const modifier = chars[i];
    if (modifier !== undefined && modifier in PAD_MODIFIERS) {
      pad = PAD_MODIFIERS[modifier];
      i++;
    }
    const rest = chars.slice(i, i + 3).join('');
    const long = LONG.find(([spec]) => rest.startsWith(spec));
    let expanded: Item[] | undefined;
    if (long) {
      expanded = [fixed(long[1])];
      i += long[0].length;
    } else {
      const spec = chars[i];
      expanded = spec === undefined ? undefined : SIMPLE[spec];
      i++;
    }
    if (!expanded) return null;
    if (pad !== undefined) {
      const only = expanded[0];
      if (expanded.length !== 1 || only?.t !== 'num') return null;
      expanded = [{ t: 'num', f: only.f, pad }];
    }
    items.push(...expanded);
  }
  return items;
}

/** Does the format carry a zone, per VRL's `format_has_zone` (then an offset is required when parsing)? */
export function formatHasZone(format: string): boolean {
  return ['%Z', '%z', '%:z', '%#z', '%+'].some((s) => format.includes(s));
}
