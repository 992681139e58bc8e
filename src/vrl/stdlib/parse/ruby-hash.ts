/**
 * Ruby hash literals (`{ "a" => 1, b: [nil, :c] }`) as VRL's `parse_ruby_hash` reads them: keys are
 * quoted strings, symbols or `:symbols`; values nil, hashes, arrays, symbols, strings (raw, escapes
 * kept), numbers (always floats) and booleans. Errors are nom's reports, contexts included.
 */
import { VrlError } from '../../value/errors.js';
import { setField } from '../../value/object.js';
import type { Value, ValueObject } from '../../value/value.js';
import { convertNomError, rustTrim, type NomErrorEntry } from './nom-error.js';

/** A recoverable nom error (`Error`) or an unrecoverable one (`Failure`, after a `cut`). */
class ParseFail extends Error {
  constructor(
    readonly entries: NomErrorEntry[],
    readonly failure: boolean,
  ) {
    super('nom');
  }
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Nesting limit: upstream recurses without one (and overflows its stack on hostile input). */
const MAX_DEPTH = 256;

class RubyHashParser {
  private depth = 0;
  constructor(private readonly s: string) {}

  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new VrlError('ruby hash nested too deeply');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  sp(p: number): number {
    while (p < this.s.length && ' \t\r\n'.includes(this.s[p]!)) p++;
    return p;
  }

  /** Runs `f`; an `Error` from it becomes a `Failure` (nom's `cut`). */
  private cut<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof ParseFail && !e.failure) throw new ParseFail(e.entries, true);
      throw e;
    }
  }

  /** Adds a context entry to any failure raised by `f`. */
  private context<T>(name: string, at: number, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof ParseFail) throw new ParseFail([...e.entries, { at, kind: name }], e.failure);
      throw e;
    }
  }

  private expectChar(p: number, c: string): number {
    if (this.s[p] !== c) throw new ParseFail([{ at: p, kind: { char: c } }], false);
    return p + 1;
  }

  /** The raw text of a string body; `null` when the escaped run fails (then the body is empty). */
  private innerStr(p: number, delim: string): number {
    const s = this.s;
    let i = p;
    const normal = (c: string | undefined): boolean => c !== undefined && c !== '\\' && c !== delim;
    while (i < s.length) {
      if (normal(s[i])) {
        while (normal(s[i])) {
          while (normal(s[i])) i++;
          if (s[i] === '\\' && i + 1 < s.length && s[i + 1] !== '\\' && s[i + 1] !== delim) i += 2;
        }
      } else if (s[i] === '\\') {
        const n = s[i + 1];
        if (n === '\\' || n === delim) i += 2;
        else return p;
      } else break;
    }
    return i;
  }

  str(p: number, delim: string): { pos: number; text: string } {
    return this.context('string', p, () => {
      const start = this.expectChar(p, delim);
      return this.cut(() => {
        const end = this.innerStr(start, delim);
        const after = this.expectChar(end, delim);
        return { pos: after, text: this.s.slice(start, end) };
      });
    });
  }

  private symbol(p: number): { pos: number; text: string } {
    let q = p;
    while (isWordChar(this.s[q])) q++;
    if (q === p) throw new ParseFail([{ at: p, kind: 'TakeWhile1' }], false);
    return { pos: q, text: this.s.slice(p, q) };
  }

  private alt<T>(...options: (() => T)[]): T {
    let last: ParseFail | undefined;
    for (const option of options) {
      try {
        return option();
      } catch (e) {
        if (!(e instanceof ParseFail) || e.failure) throw e;
        last = e;
      }
    }
    throw last!;
  }

  private colonKey(p: number): { pos: number; text: string } {
    const q = this.expectChar(p, ':');
    return this.alt(
      () => this.str(q, '"'),
      () => this.str(q, "'"),
      () => this.symbol(q),
    );
  }

  private key(p: number): { pos: number; text: string } {
    return this.alt(
      () => this.str(p, '"'),
      () => this.str(p, "'"),
      () => this.symbol(p),
      () => this.colonKey(p),
    );
  }

  /** nom's `double`: a float literal, or `inf`/`nan` in any case. */
  private number(p: number): { pos: number; value: number } {
    const s = this.s;
    let i = p;
    if (s[i] === '+' || s[i] === '-') i++;
    let digits = false;
    if (isDigit(s[i])) {
      while (isDigit(s[i])) i++;
      digits = true;
      if (s[i] === '.') {
        i++;
        while (isDigit(s[i])) i++;
      }
    } else if (s[i] === '.' && isDigit(s[i + 1])) {
      i++;
      while (isDigit(s[i])) i++;
      digits = true;
    }
    if (digits) {
      if (s[i] === 'e' || s[i] === 'E') {
        let j = i + 1;
        if (s[j] === '+' || s[j] === '-') j++;
        if (!isDigit(s[j])) throw new ParseFail([{ at: p, kind: 'Float' }], true);
        while (isDigit(s[j])) j++;
        i = j;
      }
      return { pos: i, value: Number(s.slice(p, i)) };
    }
    if (s.slice(p, p + 3).toLowerCase() === 'inf') return { pos: p + 3, value: Infinity };
    throw new ParseFail([{ at: p, kind: 'Float' }], false);
  }

  private word<T extends Value>(p: number, word: string, value: T): { pos: number; value: T } {
    if (!this.s.startsWith(word, p)) throw new ParseFail([{ at: p, kind: 'Tag' }], false);
    return { pos: p + word.length, value };
  }

  value(p0: number): { pos: number; value: Value } {
    const p = this.sp(p0);
    return this.alt<{ pos: number; value: Value }>(
      () => this.word(p, 'nil', null),
      () => this.hash(p),
      () => this.array(p),
      () => {
        const k = this.colonKey(p);
        return { pos: k.pos, value: k.text };
      },
      () =>
        this.context('bytes', p, () => {
          const str = this.alt(
            () => this.str(p, '"'),
            () => this.str(p, "'"),
          );
          return { pos: str.pos, value: str.text };
        }),
      () => this.number(p),
      () =>
        this.alt<{ pos: number; value: boolean }>(
          () => this.word(p, 'true', true),
          () => this.word(p, 'false', false),
        ),
    );
  }

  /** `separated_list0(sp ',', item)`: items and the position after the last one. */
  private list<T>(p: number, item: (at: number) => { pos: number; value: T }): { pos: number; items: T[] } {
    const items: T[] = [];
    let pos = p;
    const attempt = (at: number): { pos: number; value: T } | null => {
      try {
        return item(at);
      } catch (e) {
        if (e instanceof ParseFail && !e.failure) return null;
        throw e;
      }
    };
    const first = attempt(pos);
    if (!first) return { pos, items };
    items.push(first.value);
    pos = first.pos;
    for (;;) {
      const sep = this.sp(pos);
      if (this.s[sep] !== ',') break;
      const next = attempt(sep + 1);
      if (!next) break;
      items.push(next.value);
      pos = next.pos;
    }
    return { pos, items };
  }

  array(p: number): { pos: number; value: Value } {
    return this.nested(() => this.arrayInner(p));
  }

  private arrayInner(p: number): { pos: number; value: Value } {
    return this.context('array', p, () => {
      const start = this.expectChar(p, '[');
      return this.cut(() => {
        const { pos, items } = this.list(start, (at) => this.value(at));
        return { pos: this.expectChar(this.sp(pos), ']'), value: items };
      });
    });
  }

  private pair(p: number): { pos: number; value: [string, Value] } {
    const key = this.key(this.sp(p));
    const sepAt = this.sp(key.pos);
    const afterSep = this.cut(() =>
      this.s.startsWith(':', sepAt)
        ? sepAt + 1
        : this.s.startsWith('=>', sepAt)
          ? sepAt + 2
          : (() => {
              throw new ParseFail(
                [
                  { at: sepAt, kind: 'Tag' },
                  { at: sepAt, kind: 'Alt' },
                ],
                false,
              );
            })(),
    );
    const value = this.value(afterSep);
    return { pos: value.pos, value: [key.text, value.value] };
  }

  hash(p: number): { pos: number; value: ValueObject } {
    return this.nested(() => this.hashInner(p));
  }

  private hashInner(p: number): { pos: number; value: ValueObject } {
    return this.context('map', p, () => {
      const start = this.expectChar(p, '{');
      return this.cut(() => {
        const { pos, items } = this.list(start, (at) => this.pair(at));
        const end = this.expectChar(this.sp(pos), '}');
        const out: ValueObject = {};
        for (const [k, v] of items) setField(out, k, v);
        return { pos: end, value: out };
      });
    });
  }
}

export function parseRubyHash(input: string): ValueObject {
  let parsed: { pos: number; value: ValueObject };
  try {
    parsed = new RubyHashParser(input).hash(0);
  } catch (e) {
    if (e instanceof ParseFail) throw new VrlError(convertNomError(input, e.entries));
    throw e;
  }
  if (rustTrim(input.slice(parsed.pos)) !== '') throw new VrlError('could not parse whole line successfully');
  return parsed.value;
}
