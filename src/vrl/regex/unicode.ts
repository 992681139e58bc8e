/**
 * Unicode tables for the translator: Rust `\p{…}` names → JavaScript `\p{…}` bodies, the ASCII
 * (POSIX) classes, and simple case-folding equivalents (for `(?i)` that does not cover the whole
 * pattern, where the JavaScript `i` flag cannot be used).
 */

/** UAX #44 loose matching, as Rust does it: ignore case, whitespace, `_` and `-`. */
export function looseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

const GENERAL_CATEGORIES: readonly (readonly string[])[] = [
  ['L', 'Letter'],
  ['LC', 'Cased_Letter'],
  ['Lu', 'Uppercase_Letter'],
  ['Ll', 'Lowercase_Letter'],
  ['Lt', 'Titlecase_Letter'],
  ['Lm', 'Modifier_Letter'],
  ['Lo', 'Other_Letter'],
  ['M', 'Mark', 'Combining_Mark'],
  ['Mn', 'Nonspacing_Mark'],
  ['Mc', 'Spacing_Mark'],
  ['Me', 'Enclosing_Mark'],
  ['N', 'Number'],
  ['Nd', 'Decimal_Number', 'digit'],
  ['Nl', 'Letter_Number'],
  ['No', 'Other_Number'],
  ['P', 'Punctuation', 'punct'],
  ['Pc', 'Connector_Punctuation'],
  ['Pd', 'Dash_Punctuation'],
  ['Ps', 'Open_Punctuation'],
  ['Pe', 'Close_Punctuation'],
  ['Pi', 'Initial_Punctuation'],
  ['Pf', 'Final_Punctuation'],
  ['Po', 'Other_Punctuation'],
  ['S', 'Symbol'],
  ['Sm', 'Math_Symbol'],
  ['Sc', 'Currency_Symbol'],
  ['Sk', 'Modifier_Symbol'],
  ['So', 'Other_Symbol'],
  ['Z', 'Separator'],
  ['Zs', 'Space_Separator'],
  ['Zl', 'Line_Separator'],
  ['Zp', 'Paragraph_Separator'],
  ['C', 'Other'],
  ['Cc', 'Control', 'cntrl'],
  ['Cf', 'Format'],
  ['Cs', 'Surrogate'],
  ['Co', 'Private_Use'],
  ['Cn', 'Unassigned'],
];

/** Binary properties JavaScript supports (ECMA-262 table "Binary Unicode property aliases"). */
const BINARY_PROPERTIES: readonly (readonly string[])[] = [
  ['Any'],
  ['ASCII'],
  ['Assigned'],
  ['ASCII_Hex_Digit', 'AHex'],
  ['Alphabetic', 'Alpha'],
  ['Bidi_Control', 'Bidi_C'],
  ['Bidi_Mirrored', 'Bidi_M'],
  ['Case_Ignorable', 'CI'],
  ['Cased'],
  ['Changes_When_Casefolded', 'CWCF'],
  ['Changes_When_Casemapped', 'CWCM'],
  ['Changes_When_Lowercased', 'CWL'],
  ['Changes_When_NFKC_Casefolded', 'CWKCF'],
  ['Changes_When_Titlecased', 'CWT'],
  ['Changes_When_Uppercased', 'CWU'],
  ['Dash'],
  ['Default_Ignorable_Code_Point', 'DI'],
  ['Deprecated', 'Dep'],
  ['Diacritic', 'Dia'],
  ['Emoji'],
  ['Emoji_Component', 'EComp'],
  ['Emoji_Modifier', 'EMod'],
  ['Emoji_Modifier_Base', 'EBase'],
  ['Emoji_Presentation', 'EPres'],
  ['Extended_Pictographic', 'ExtPict'],
  ['Extender', 'Ext'],
  ['Grapheme_Base', 'Gr_Base'],
  ['Grapheme_Extend', 'Gr_Ext'],
  ['Hex_Digit', 'Hex'],
  ['IDS_Binary_Operator', 'IDSB'],
  ['IDS_Trinary_Operator', 'IDST'],
  ['ID_Continue', 'IDC'],
  ['ID_Start', 'IDS'],
  ['Ideographic', 'Ideo'],
  ['Join_Control', 'Join_C'],
  ['Logical_Order_Exception', 'LOE'],
  ['Lowercase', 'Lower'],
  ['Math'],
  ['Noncharacter_Code_Point', 'NChar'],
  ['Pattern_Syntax', 'Pat_Syn'],
  ['Pattern_White_Space', 'Pat_WS'],
  ['Quotation_Mark', 'QMark'],
  ['Radical'],
  ['Regional_Indicator', 'RI'],
  ['Sentence_Terminal', 'STerm'],
  ['Soft_Dotted', 'SD'],
  ['Terminal_Punctuation', 'Term'],
  ['Unified_Ideograph', 'UIdeo'],
  ['Uppercase', 'Upper'],
  ['Variation_Selector', 'VS'],
  ['White_Space', 'space', 'WSpace'],
  ['XID_Continue', 'XIDC'],
  ['XID_Start', 'XIDS'],
];

function aliasMap(table: readonly (readonly string[])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const names of table) for (const n of names) map.set(looseName(n), names[0]!);
  return map;
}

const GC = aliasMap(GENERAL_CATEGORIES);
const BINARY = aliasMap(BINARY_PROPERTIES);
const scriptCache = new Map<string, string | null>();

function jsAccepts(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Script name as JavaScript spells it (`Greek`, `Old_Italic`, `Latn`), or null. */
function resolveScript(value: string): string | null {
  const key = looseName(value);
  const cached = scriptCache.get(key);
  if (cached !== undefined) return cached;
  const words = value
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);
  const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('_');
  let found: string | null = null;
  for (const candidate of [value.trim(), title, words.join('_')]) {
    if (/^[A-Za-z0-9_]+$/.test(candidate) && jsAccepts(`Script=${candidate}`)) {
      found = candidate;
      break;
    }
  }
  scriptCache.set(key, found);
  return found;
}

/**
 * Resolve the inside of a Rust `\p{…}` to a JavaScript `\p{…}` body. Returns `negated: true`
 * for the `name!=value` form. Returns null when JavaScript has no such property.
 */
export function resolveProperty(raw: string): { body: string; negated: boolean } | null {
  const m = /^([^=:!]*)(!=|=|:)(.*)$/s.exec(raw);
  if (m) {
    const [, name = '', op, value = ''] = m;
    const negated = op === '!=';
    const key = looseName(name);
    if (key === 'gc' || key === 'generalcategory') {
      const gc = GC.get(looseName(value));
      return gc ? { body: gc, negated } : null;
    }
    if (key === 'sc' || key === 'script' || key === 'scx' || key === 'scriptextensions') {
      const prop = key === 'sc' || key === 'script' ? 'Script' : 'Script_Extensions';
      const script = resolveScript(value);
      return script ? { body: `${prop}=${script}`, negated } : null;
    }
    return null;
  }
  for (const name of looseName(raw).startsWith('is') ? [raw, raw.trim().slice(2)] : [raw]) {
    const key = looseName(name);
    const hit = GC.get(key) ?? (resolveScript(name) ? `Script=${resolveScript(name)}` : BINARY.get(key));
    if (hit && jsAccepts(hit)) return { body: hit, negated: false };
  }
  return null;
}

type Ranges = readonly (readonly [number, number])[];
const r = (a: string, b: string = a): readonly [number, number] => [a.codePointAt(0)!, b.codePointAt(0)!];

/** Rust's ASCII classes `[[:name:]]`, as code point ranges. */
export const POSIX_CLASSES: ReadonlyMap<string, Ranges> = new Map<string, Ranges>([
  ['alnum', [r('0', '9'), r('A', 'Z'), r('a', 'z')]],
  ['alpha', [r('A', 'Z'), r('a', 'z')]],
  ['ascii', [[0, 0x7f]]],
  ['blank', [r('\t'), r(' ')]],
  [
    'cntrl',
    [
      [0, 0x1f],
      [0x7f, 0x7f],
    ],
  ],
  ['digit', [r('0', '9')]],
  ['graph', [r('!', '~')]],
  ['lower', [r('a', 'z')]],
  ['print', [r(' ', '~')]],
  ['punct', [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')]],
  ['space', [r('\t', '\r'), r(' ')]],
  ['upper', [r('A', 'Z')]],
  ['word', [r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_')]],
  ['xdigit', [r('0', '9'), r('A', 'F'), r('a', 'f')]],
]);

/** Rust's ASCII `\d`, `\s`, `\w` (under `(?-u)`). */
export const ASCII_PERL: Readonly<Record<'d' | 's' | 'w', Ranges>> = {
  d: POSIX_CLASSES.get('digit')!,
  s: POSIX_CLASSES.get('space')!,
  w: POSIX_CLASSES.get('word')!,
};

/** JavaScript class contents for Rust's Unicode `\w` (UTS #18 Annex C, as Rust defines it). */
export const UNICODE_WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';

let foldTable: Map<number, number[]> | null = null;

/**
 * Code point → the other code points in its simple case-folding orbit (`k` → `K`, `K` (Kelvin)).
 * Built once, lazily, from `toLowerCase`/`toUpperCase` single-code-point mappings.
 */
function caseOrbits(): Map<number, number[]> {
  if (foldTable) return foldTable;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let p = x;
    for (let q = parent.get(p); q !== undefined && q !== p; q = parent.get(p)) p = q;
    return p;
  };
  const members = new Set<number>();
  for (let cp = 0; cp < 0x20000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    for (const mapped of [s.toLowerCase(), s.toUpperCase()]) {
      const other = mapped.codePointAt(0)!;
      // Skip multi-code-point mappings, and dotless ı → I (only Turkic folding links them).
      if (mapped === s || mapped !== String.fromCodePoint(other) || cp === 0x131) continue;
      members.add(cp).add(other);
      const [ra, rb] = [find(cp), find(other)];
      if (ra !== rb) parent.set(ra, rb);
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of members) {
    const root = find(cp);
    const g = groups.get(root);
    if (g) g.push(cp);
    else groups.set(root, [cp]);
  }
  foldTable = new Map();
  for (const g of groups.values())
    for (const cp of g)
      foldTable.set(
        cp,
        g.filter((x) => x !== cp),
      );
  return foldTable;
}

const isAsciiLetter = (cp: number): boolean => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);

/** The other case variants of `cp` (ASCII-only when `ascii`). */
export function caseVariants(cp: number, ascii: boolean): number[] {
  if (ascii) return isAsciiLetter(cp) ? [cp ^ 0x20] : [];
  return caseOrbits().get(cp) ?? [];
}

/** Case variants of every code point in `lo..hi` that fall outside that range. */
export function foldRange(lo: number, hi: number, ascii: boolean): number[] {
  const out: number[] = [];
  if (ascii) {
    for (let cp = Math.max(lo, 0x41); cp <= Math.min(hi, 0x7a); cp++)
      for (const v of caseVariants(cp, true)) if (v < lo || v > hi) out.push(v);
    return out;
  }
  const table = caseOrbits();
  if (hi - lo < table.size) {
    for (let cp = lo; cp <= hi; cp++) for (const v of table.get(cp) ?? []) if (v < lo || v > hi) out.push(v);
  } else {
    for (const [cp, vs] of table)
      if (cp >= lo && cp <= hi) for (const v of vs) if (v < lo || v > hi) out.push(v);
  }
  return out;
}
