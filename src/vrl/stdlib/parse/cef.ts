/**
 * CEF (ArcSight Common Event Format) as VRL's `parse_cef` reads it: anything before `CEF:` is ignored,
 * seven `|`-separated header fields (`\|` and `\\` escapes, trimmed), then `key=value` extensions
 * separated by spaces, where a value runs until the next ` key=`, and `\=`, `\\`, `\n`, `\r` are
 * unescaped. Errors follow VRL's nom reports.
 */
import { VrlError } from '../../value/errors.js';
import { convertNomError, rustTrim, type NomErrorEntry } from './nom-error.js';

export const CEF_HEADERS = [
  'cefVersion',
  'deviceVendor',
  'deviceProduct',
  'deviceVersion',
  'deviceEventClassId',
  'name',
  'severity',
] as const;

class NomFail extends Error {
  constructor(readonly entries: NomErrorEntry[]) {
    super('nom');
  }
}

/** One header value starting at `p` (after an optional `|`); the value and the position after it. */
function headerValue(s: string, start: number): { pos: number; value: string } {
  let p = start;
  if (s[p] === '|') p++;
  if (s[p] === '|') return { pos: p, value: '' };
  let out = '';
  let i = p;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '|') break;
    if (c === '\\') {
      if (i + 1 >= s.length)
        throw new NomFail([
          { at: i, kind: 'EscapedTransform' },
          { at: p, kind: 'Alt' },
        ]);
      const n = s[i + 1]!;
      if (n !== '\\' && n !== '|')
        throw new NomFail([
          { at: i + 1, kind: 'Satisfy' },
          { at: p, kind: 'Alt' },
        ]);
      out += n;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return { pos: i, value: rustTrim(out) };
}

/** ` key=` (one or more spaces or pipes, a key without space/`=`/`\`, then `=`): position after `=`. */
function keyAt(s: string, p: number): { key: string; pos: number } | null {
  let q = p;
  while (s[q] === ' ' || s[q] === '|') q++;
  if (q === p) return null;
  const start = q;
  while (q < s.length && s[q] !== ' ' && s[q] !== '=' && s[q] !== '\\') q++;
  if (q === start || s[q] !== '=') return null;
  return { key: s.slice(start, q), pos: q + 1 };
}

/** A value up to the next key (or `=` when strict); null when it cannot start here. */
function extensionValue(s: string, p: number, strict: boolean): { pos: number; value: string } | null {
  if (keyAt(s, p)) return { pos: p, value: '' };
  let out = '';
  let i = p;
  let runStart = p;
  // A run of spaces/pipes is followed by a key or not, whatever position in the run we start from.
  let runEnd = -1;
  let runHasKey = false;
  const keyFollows = (at: number): boolean => {
    if (s[at] !== ' ' && s[at] !== '|') return false;
    if (at >= runEnd) {
      let q = at;
      while (s[q] === ' ' || s[q] === '|') q++;
      runEnd = q;
      runHasKey = keyAt(s, q - 1) !== null;
    }
    return runHasKey;
  };
  const stop = (at: number): boolean => (strict && s[at] === '=') || s[at] === '\\' || keyFollows(at);
  while (i < s.length) {
    if (!stop(i)) {
      i++;
      continue;
    }
    out += s.slice(runStart, i);
    if (s[i] !== '\\') {
      if (i === p) return null;
      return { pos: i, value: out };
    }
    if (i + 1 >= s.length) return null;
    const n = s[i + 1]!;
    if (n === '=' || n === '\\') {
      out += n;
      i += 2;
    } else if (n === 'n' || n === 'r') {
      out += '\n';
      i += 2;
    } else {
      out += '\\';
      i += 1;
    }
    runStart = i;
    if (i >= s.length) return { pos: i, value: out };
  }
  out += s.slice(runStart, i);
  return { pos: i, value: out };
}

/** Parses a CEF line into `[key, value]` pairs: extensions first, then the seven headers. */
export function parseCef(input: string, strict: boolean): [string, string][] {
  try {
    const marker = input.indexOf('CEF:');
    if (marker < 0) throw new NomFail([{ at: 0, kind: 'TakeUntil' }]);
    const headerStart = marker + 4;
    const headers: string[] = [];
    let p = headerStart;
    for (let n = 0; n < 7; n++) {
      try {
        const h = headerValue(input, p);
        headers.push(h.value);
        p = h.pos;
      } catch (e) {
        if (e instanceof NomFail) throw new NomFail([...e.entries, { at: headerStart, kind: 'Count' }]);
        throw e;
      }
    }
    const extension: [string, string][] = [];
    for (;;) {
      const key = keyAt(input, p);
      if (!key) break;
      const value = extensionValue(input, key.pos, strict);
      if (!value) break;
      extension.push([key.key, value.value]);
      p = value.pos;
    }
    if (extension.length === 0) {
      if (input[p] !== '|')
        throw new NomFail([
          { at: p, kind: 'Tag' },
          { at: p, kind: 'Alt' },
        ]);
      p++;
    }
    const last = extension[extension.length - 1];
    if (last) {
      let end = last[1].length;
      while (end > 0 && last[1].charCodeAt(end - 1) === 0x20) end--;
      last[1] = last[1].slice(0, end);
    }
    if (rustTrim(input.slice(p)) !== '' && strict)
      throw new VrlError('Could not parse whole line successfully');
    const pairs: [string, string][] = [
      ...extension,
      ...CEF_HEADERS.map((h, i): [string, string] => [h, headers[i]!]),
    ];
    return pairs.map(([k, v]) => [
      k,
      v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v,
    ]);
  } catch (e) {
    if (e instanceof NomFail) throw new VrlError(convertNomError(input, e.entries));
    throw e;
  }
}

const CUSTOM_PAIRS: [string, string][] = [
  ['c6a1Label', 'c6a1'],
  ['c6a2Label', 'c6a2'],
  ['c6a3Label', 'c6a3'],
  ['c6a4Label', 'c6a4'],
  ['cfp1Label', 'cfp1'],
  ['cfp2Label', 'cfp2'],
  ['cfp3Label', 'cfp3'],
  ['cfp4Label', 'cfp4'],
  ['cn1Label', 'cn1'],
  ['cn2Label', 'cn2'],
  ['cn3Label', 'cn3'],
  ['cs1Label', 'cs1'],
  ['cs2Label', 'cs2'],
  ['cs3Label', 'cs3'],
  ['cs4Label', 'cs4'],
  ['cs5Label', 'cs5'],
  ['cs6Label', 'cs6'],
  ['deviceCustomDate1Label', 'deviceCustomDate1'],
  ['deviceCustomDate2Label', 'deviceCustomDate2'],
  ['flexDate1Label', 'flexDate1'],
  ['flexString1Label', 'flexString1'],
  ['flexString2Label', 'flexString2'],
];

/** Custom field key → [pair index, 0 for the label / 1 for the value]. */
export const CUSTOM_FIELDS: ReadonlyMap<string, [number, 0 | 1]> = new Map(
  CUSTOM_PAIRS.flatMap(([label, value], i): [string, [number, 0 | 1]][] => [
    [label, [i, 0]],
    [value, [i, 1]],
  ]),
);
