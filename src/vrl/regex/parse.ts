/** Rust `regex` syntax → the intermediate form in `ast.ts`. Mirrors regex-syntax's grammar. */
import type { CharClass, ClassBody, ClassItem, Flags, Fold, LookKind, Node } from './ast.js';
import { RegexSyntaxError } from './errors.js';
import {
  CONTROL_ESCAPES,
  INVALID_UTF8,
  applyFlagText,
  isEscapable,
  mayBeNonAscii,
  readHex,
} from './syntax.js';
import { POSIX_CLASSES, resolveProperty } from './unicode.js';

export interface ParseOptions {
  /** Rust's `RegexBuilder::octal(true)`: `\141` is a code point, not a backreference. Off in VRL. */
  octal?: boolean;
}

export interface Parsed {
  node: Node;
  /** Indexed by capture group number; index 0 (the whole match) is null, as is every unnamed group. */
  captureNames: (string | null)[];
}

const WHITESPACE = /^\p{White_Space}$/u;

type Escape = { kind: 'char'; cp: number } | { kind: 'item'; item: ClassItem } | { kind: 'node'; node: Node };

const foldOf = (flags: Flags): Fold => (!flags.i ? 'none' : flags.u ? 'unicode' : 'ascii');
const seq = (items: Node[]): Node =>
  items.length === 0 ? { t: 'empty' } : items.length === 1 ? items[0]! : { t: 'cat', items };

class Parser {
  pos = 0;
  readonly captures: (string | null)[] = [null];
  private readonly names = new Set<string>();

  constructor(
    private readonly src: string,
    private readonly opts: ParseOptions,
  ) {}

  fail(message: string, at: number = this.pos): never {
    throw new RegexSyntaxError(message, at);
  }

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  peek(): string {
    const cp = this.src.codePointAt(this.pos);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  next(): string {
    const c = this.peek();
    const cp = c.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) this.fail('pattern contains a lone UTF-16 surrogate');
    this.pos += c.length;
    return c;
  }

  eat(s: string): boolean {
    if (!this.src.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  /** Verbose mode (`x`): skip whitespace and `#` comments, everywhere including classes. */
  skipSpace(flags: Flags): void {
    while (flags.x && !this.eof()) {
      const c = this.peek();
      if (WHITESPACE.test(c)) this.pos += c.length;
      else if (c === '#') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl + 1;
      } else break;
    }
  }

  parseAlt(flags: Flags): Node {
    const branches: Node[] = [];
    let items: Node[] = [];
    let repeatable = false;
    for (;;) {
      this.skipSpace(flags);
      if (this.eof() || this.peek() === ')') break;
      const c = this.peek();
      if (c === '|') {
        this.pos++;
        branches.push(seq(items));
        items = [];
        repeatable = false;
      } else if (c === '*' || c === '+' || c === '?' || c === '{') {
        if (!repeatable) this.fail('repetition operator missing expression');
        items.push(this.parseRepetition(items.pop()!, flags));
      } else {
        const atom = this.parseAtom(flags);
        repeatable = atom !== null;
        if (atom) items.push(atom);
      }
    }
    branches.push(seq(items));
    return branches.length === 1 ? branches[0]! : { t: 'alt', items: branches };
  }

  private decimal(): number | null {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!m) return null;
    this.pos += m[0].length;
    const n = Number(m[0]);
    if (n > 0xffff_ffff) this.fail('repetition count too large', this.pos - m[0].length);
    return n;
  }

  private parseRepetition(body: Node, flags: Flags): Node {
    const start = this.pos;
    const c = this.next();
    let min = c === '+' ? 1 : 0;
    let max: number | null = c === '?' ? 1 : null;
    if (c === '{') {
      this.skipSpace(flags);
      const a = this.decimal();
      this.skipSpace(flags);
      if (this.eat(',')) {
        this.skipSpace(flags);
        const b = this.decimal();
        if (a === null && b === null) this.fail('invalid counted repetition', start);
        min = a ?? 0;
        max = b;
      } else {
        if (a === null) this.fail('invalid counted repetition: expected a decimal', start);
        min = max = a;
      }
      this.skipSpace(flags);
      if (!this.eat('}')) this.fail('unclosed counted repetition', start);
      if (max !== null && min > max) this.fail('invalid repetition range: min is greater than max', start);
    }
    const lazy = this.eat('?');
    return { t: 'rep', min, max, greedy: flags.U ? lazy : !lazy, body };
  }

  /** One atom, or null for a flag-setting group like `(?i)`. */
  private parseAtom(flags: Flags): Node | null {
    const start = this.pos;
    const c = this.peek();
    switch (c) {
      case '(':
        return this.parseGroup(flags);
      case '[':
        return { t: 'class', cls: this.parseClass(flags, true), fold: foldOf(flags) };
      case '.':
        if (!flags.u) this.fail(INVALID_UTF8, start);
        this.pos++;
        return { t: 'dot', s: flags.s, crlf: flags.R };
      case '^':
      case '$':
        this.pos++;
        return { t: 'anchor', end: c === '$', line: flags.m, crlf: flags.R };
      case '\\': {
        const e = this.parseEscape(flags, false);
        if (e.kind === 'node') return e.node;
        if (e.kind === 'char') return { t: 'lit', cp: e.cp, fold: foldOf(flags) };
        const cls: CharClass = { negated: false, body: { kind: 'union', items: [e.item] } };
        return { t: 'class', cls, fold: foldOf(flags) };
      }
      default:
        return { t: 'lit', cp: this.next().codePointAt(0)!, fold: foldOf(flags) };
    }
  }

  private parseGroup(flags: Flags): Node | null {
    const start = this.pos++;
    let name: string | null = null;
    let capture = true;
    const inner = { ...flags };
    if (this.eat('?')) {
      const rest = this.src.slice(this.pos, this.pos + 3);
      if (/^(=|!|<=|<!)/.test(rest))
        this.fail('look-around, including look-ahead and look-behind, is not supported', start);
      if (rest.startsWith('P=')) this.fail('backreferences are not supported', start);
      if (rest.startsWith('P>')) this.fail('recursion is not supported', start);
      if (this.eat('P<') || this.eat('<')) name = this.parseGroupName(start);
      else if (this.eat(':')) capture = false;
      else {
        const at = this.pos;
        while (!this.eof() && this.peek() !== ')' && this.peek() !== ':') this.next();
        if (this.eof()) this.fail('unclosed group', start);
        const text = this.src.slice(at, this.pos);
        if (this.eat(')')) {
          applyFlagText(text, flags, at);
          return null;
        }
        this.pos++;
        applyFlagText(text, inner, at);
        capture = false;
      }
    }
    let index: number | null = null;
    if (capture) {
      index = this.captures.length;
      this.captures.push(name);
    }
    const body = this.parseAlt(inner);
    if (!this.eat(')')) this.fail('unclosed group', start);
    return { t: 'group', index, name, body };
  }

  private parseGroupName(start: number): string {
    const at = this.pos;
    const end = this.src.indexOf('>', at);
    if (end < 0) this.fail('unclosed capture group name', start);
    const name = this.src.slice(at, end);
    if (name === '') this.fail('empty capture group name', at);
    if (!/^[_\p{Alphabetic}][_.[\]0-9\p{Alphabetic}]*$/u.test(name))
      this.fail(`invalid capture group name "${name}"`, at);
    if (this.names.has(name)) this.fail(`duplicate capture group name "${name}"`, at);
    this.names.add(name);
    this.pos = end + 1;
    return name;
  }

  private parseEscape(flags: Flags, inClass: boolean): Escape {
    const start = this.pos++;
    if (this.eof()) this.fail('incomplete escape sequence', start);
    const c = this.next();
    const char = (cp: number): Escape => ({ kind: 'char', cp });
    const word = (kind: LookKind): Escape => {
      if (inClass) this.fail(`escape sequence "\\${c}" is not valid in a character class`, start);
      return { kind: 'node', node: { t: 'word', kind, unicode: flags.u } };
    };
    if (/[0-9]/.test(c)) {
      if (!this.opts.octal || c > '7') this.fail('backreferences are not supported', start);
      let digits = c;
      while (digits.length < 3 && /[0-7]/.test(this.peek())) digits += this.next();
      return char(parseInt(digits, 8));
    }
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return char(control);
    switch (c) {
      case 'x':
      case 'u':
      case 'U': {
        const [cp, end] = readHex(this.src, this.pos, c, start);
        this.pos = end;
        if (!flags.u && cp > 0x7f) this.fail(INVALID_UTF8, start);
        return char(cp);
      }
      case 'p':
      case 'P':
        return { kind: 'item', item: this.parseUnicodeClass(c === 'P', flags, start) };
      case 'd':
      case 's':
      case 'w':
      case 'D':
      case 'S':
      case 'W': {
        const negated = c !== c.toLowerCase();
        if (negated && !flags.u) this.fail(INVALID_UTF8, start);
        const which = c.toLowerCase() as 'd' | 's' | 'w';
        return { kind: 'item', item: { kind: 'perl', which, negated, unicode: flags.u } };
      }
      case 'b': {
        const special = /^\{([-a-z]+)\}/.exec(this.src.slice(this.pos));
        if (!special) return word('b');
        const kinds: Record<string, LookKind> = {
          start: 'start',
          end: 'end',
          'start-half': 'startHalf',
          'end-half': 'endHalf',
        };
        const kind = kinds[special[1]!];
        if (!kind) this.fail(`unrecognized word boundary "\\b${special[0]}"`, start);
        this.pos += special[0].length;
        return word(kind);
      }
      case 'B':
        return word('B');
      case '<':
        return word('start');
      case '>':
        return word('end');
      case 'A':
      case 'z':
        if (inClass) this.fail(`escape sequence "\\${c}" is not valid in a character class`, start);
        return { kind: 'node', node: { t: 'anchor', end: c === 'z', line: false, crlf: false } };
      default:
        if (isEscapable(c)) return char(c.codePointAt(0)!);
        return this.fail(`unrecognized escape sequence "\\${c}"`, start);
    }
  }

  private parseUnicodeClass(negated: boolean, flags: Flags, start: number): ClassItem {
    if (!flags.u) this.fail('Unicode classes (\\p, \\P) are not allowed with Unicode mode disabled', start);
    let raw: string;
    if (this.eat('{')) {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) this.fail('unclosed Unicode class', start);
      raw = this.src.slice(this.pos, end);
      this.pos = end + 1;
    } else {
      if (this.eof()) this.fail('incomplete Unicode class', start);
      raw = this.next();
    }
    const resolved = resolveProperty(raw);
    if (!resolved) this.fail(`unknown or unsupported Unicode property "${raw}"`, start);
    return { kind: 'prop', body: resolved.body, negated: negated !== resolved.negated };
  }

  /** `[…]` with the cursor on `[`; consumes the closing `]`. */
  parseClass(flags: Flags, top: boolean): CharClass {
    const start = this.pos++;
    const negated = this.eat('^');
    let body = this.parseClassUnion(flags, start, true);
    for (;;) {
      this.skipSpace(flags);
      if (this.eof()) this.fail('unclosed character class', start);
      if (this.eat(']')) break;
      const op = this.src.slice(this.pos, this.pos + 2) as '&&' | '--' | '~~';
      this.pos += 2;
      body = { kind: 'op', op, lhs: body, rhs: this.parseClassUnion(flags, start, false) };
    }
    if (top && !flags.u && mayBeNonAscii(body, negated)) this.fail(INVALID_UTF8, start);
    return { negated, body };
  }

  private isClassOp(): boolean {
    const two = this.src.slice(this.pos, this.pos + 2);
    return two === '&&' || two === '--' || two === '~~';
  }

  private parseClassUnion(flags: Flags, start: number, first: boolean): ClassBody {
    const items: ClassItem[] = [];
    for (;;) {
      this.skipSpace(flags);
      if (this.eof()) this.fail('unclosed character class', start);
      const c = this.peek();
      if ((c === ']' && !(first && items.length === 0)) || this.isClassOp()) break;
      if (c === '[') {
        items.push(this.parsePosixClass(flags) ?? { kind: 'class', cls: this.parseClass(flags, false) });
        continue;
      }
      const lo = this.parseClassAtom(flags);
      this.skipSpace(flags);
      const isRange = this.peek() === '-' && !this.isClassOp() && this.src[this.pos + 1] !== ']';
      if (typeof lo !== 'number') {
        if (isRange) this.fail('invalid range: endpoint must be a single character');
        items.push(lo);
      } else if (isRange) {
        this.pos++;
        this.skipSpace(flags);
        const at = this.pos;
        const hi = this.parseClassAtom(flags);
        if (typeof hi !== 'number') this.fail('invalid range: endpoint must be a single character', at);
        if (hi < lo) this.fail('invalid range: start is greater than end', at);
        items.push({ kind: 'range', lo, hi });
      } else items.push({ kind: 'range', lo, hi: lo });
    }
    return { kind: 'union', items };
  }

  private parseClassAtom(flags: Flags): number | ClassItem {
    if (this.peek() !== '\\') return this.next().codePointAt(0)!;
    const e = this.parseEscape(flags, true);
    return e.kind === 'char' ? e.cp : e.kind === 'item' ? e.item : this.fail('unexpected escape in class');
  }

  private parsePosixClass(flags: Flags): ClassItem | null {
    const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 16));
    if (!m) return null;
    const ranges = POSIX_CLASSES.get(m[2]!);
    if (!ranges) this.fail(`unrecognized ASCII class "${m[2]}"`, this.pos);
    const negated = m[1] === '^';
    if (negated && !flags.u) this.fail(INVALID_UTF8, this.pos);
    this.pos += m[0].length;
    const items: ClassItem[] = ranges.map(([lo, hi]) => ({ kind: 'range', lo, hi }));
    return { kind: 'class', cls: { negated, body: { kind: 'union', items } } };
  }
}

export function parseRustRegex(pattern: string, flags: Flags, opts: ParseOptions = {}): Parsed {
  const p = new Parser(pattern, opts);
  const node = p.parseAlt({ ...flags });
  if (!p.eof()) p.fail('unopened group: unmatched ")"');
  return { node, captureNames: p.captures };
}
