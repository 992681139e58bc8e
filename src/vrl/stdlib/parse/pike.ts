/**
 * A small linear-time regex engine (a Pike VM) for the fixed log-format patterns. The patterns have
 * Rust `regex` semantics (leftmost-first alternation, lazy and greedy repetition, Unicode `\s` `\d`
 * `\w`), and unlike JavaScript's backtracking engine the running time is O(input × pattern) on any
 * input, so hostile lines cannot stall a pipeline.
 *
 * Supported syntax: literals, `.` (not `\n`), `\s \S \d \D \w \W`, escaped punctuation, classes
 * `[…]`/`[^…]` with ranges and the escapes above, groups `(…)`, `(?:…)`, `(?P<name>…)`,
 * alternation, `* + ? {m,n}` with optional lazy `?`, and `^`/`$` (whole-text anchors).
 */

import { isRustWhitespaceCode } from './nom-error.js';

type Pred = (c: number) => boolean;

type Node =
  | { t: 'char'; pred: Pred }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number; greedy: boolean }
  | { t: 'cap'; index: number; node: Node }
  | { t: 'bol' }
  | { t: 'eol' };

const enum Op {
  Char,
  Split,
  Jmp,
  Save,
  Match,
  Bol,
  Eol,
}

type Inst =
  | { op: Op.Char; pred: Pred }
  | { op: Op.Split; x: number; y: number }
  | { op: Op.Jmp; x: number }
  | { op: Op.Save; slot: number }
  | { op: Op.Match }
  | { op: Op.Bol }
  | { op: Op.Eol };

const DIGIT_RE = /^\p{Nd}$/u;
const WORD_RE = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]$/u;

function cached(test: (ch: string) => boolean): Pred {
  const ascii = new Uint8Array(128);
  for (let i = 0; i < 128; i++) ascii[i] = test(String.fromCharCode(i)) ? 1 : 0;
  return (c) => (c < 128 ? ascii[c] === 1 : test(String.fromCodePoint(c)));
}

/** Rust's `\s` (Unicode White_Space). */
const isSpace: Pred = (c) => c <= 0xffff && isRustWhitespaceCode(c);
const isDigit = cached((ch) => DIGIT_RE.test(ch));
const isWord = cached((ch) => WORD_RE.test(ch));

const PERL: Record<string, Pred> = {
  s: isSpace,
  S: (c) => !isSpace(c),
  d: isDigit,
  D: (c) => !isDigit(c),
  w: isWord,
  W: (c) => !isWord(c),
};

class Parser {
  pos = 0;
  names: (string | null)[] = [null];
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos !== this.src.length) throw new Error(`unexpected ${this.src[this.pos]} at ${this.pos}`);
    return node;
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { t: 'seq', items };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.pos];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('bad repetition');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return node;
    this.pos++;
    let greedy = true;
    if (this.src[this.pos] === '?') {
      greedy = false;
      this.pos++;
    }
    return { t: 'rep', node, min, max, greedy };
  }

  private atom(): Node {
    const c = this.src[this.pos++]!;
    switch (c) {
      case '(': {
        let index: number | null = null;
        if (this.src.startsWith('?:', this.pos)) this.pos += 2;
        else {
          let name: string | null = null;
          const m = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(this.src.slice(this.pos, this.pos + 64));
          if (m) {
            name = m[1]!;
            this.pos += m[0].length;
          } else if (this.src[this.pos] === '?') throw new Error(`unsupported group syntax at ${this.pos}`);
          index = this.names.length;
          this.names.push(name);
        }
        const inner = this.alternation();
        if (this.src[this.pos++] !== ')') throw new Error('unclosed group');
        return index === null ? inner : { t: 'cap', index, node: inner };
      }
      case '[':
        return { t: 'char', pred: this.charClass() };
      case '.':
        return { t: 'char', pred: (x) => x !== 10 };
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '\\':
        return { t: 'char', pred: this.escape() };
      case '*':
      case '+':
      case '?':
        throw new Error(`nothing to repeat at ${this.pos - 1}`);
      default: {
        const cp = c.codePointAt(0)!;
        if (cp > 0xffff) this.pos++;
        return { t: 'char', pred: (x) => x === cp };
      }
    }
  }

  private escape(): Pred {
    const c = this.src[this.pos++]!;
    const perl = PERL[c];
    if (perl) return perl;
    if (c === 'n') return (x) => x === 10;
    if (c === 't') return (x) => x === 9;
    if (/[A-Za-z0-9]/.test(c)) throw new Error(`unsupported escape \\${c}`);
    const cp = c.charCodeAt(0);
    return (x) => x === cp;
  }

  private charClass(): Pred {
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const parts: Pred[] = [];
    let first = true;
    while (this.pos < this.src.length && (this.src[this.pos] !== ']' || first)) {
      first = false;
      let lo: number;
      if (this.src[this.pos] === '\\') {
        this.pos++;
        const e = this.src[this.pos]!;
        if (PERL[e]) {
          parts.push(PERL[e]!);
          this.pos++;
          continue;
        }
        lo = e === 'n' ? 10 : e === 't' ? 9 : e.charCodeAt(0);
        this.pos++;
      } else {
        lo = this.src.codePointAt(this.pos)!;
        this.pos += lo > 0xffff ? 2 : 1;
      }
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']') {
        this.pos++;
        let hi: number;
        if (this.src[this.pos] === '\\') {
          hi = this.src.charCodeAt(this.pos + 1);
          this.pos += 2;
        } else {
          hi = this.src.codePointAt(this.pos)!;
          this.pos += hi > 0xffff ? 2 : 1;
        }
        const l = lo;
        parts.push((x) => x >= l && x <= hi);
      } else {
        const l = lo;
        parts.push((x) => x === l);
      }
    }
    if (this.src[this.pos++] !== ']') throw new Error('unclosed class');
    const any: Pred = (x) => parts.some((p) => p(x));
    return negated ? (x) => !any(x) : any;
  }
}

function compileNode(node: Node, prog: Inst[]): void {
  switch (node.t) {
    case 'char':
      prog.push({ op: Op.Char, pred: node.pred });
      return;
    case 'bol':
      prog.push({ op: Op.Bol });
      return;
    case 'eol':
      prog.push({ op: Op.Eol });
      return;
    case 'seq':
      for (const item of node.items) compileNode(item, prog);
      return;
    case 'cap':
      prog.push({ op: Op.Save, slot: node.index * 2 });
      compileNode(node.node, prog);
      prog.push({ op: Op.Save, slot: node.index * 2 + 1 });
      return;
    case 'alt': {
      const jumps: { op: Op.Jmp; x: number }[] = [];
      node.items.forEach((item, i) => {
        if (i < node.items.length - 1) {
          const split = { op: Op.Split, x: prog.length + 1, y: 0 } as { op: Op.Split; x: number; y: number };
          prog.push(split);
          compileNode(item, prog);
          const jmp = { op: Op.Jmp, x: 0 } as { op: Op.Jmp; x: number };
          prog.push(jmp);
          jumps.push(jmp);
          split.y = prog.length;
        } else compileNode(item, prog);
      });
      for (const j of jumps) j.x = prog.length;
      return;
    }
    case 'rep': {
      for (let i = 0; i < node.min; i++) compileNode(node.node, prog);
      if (node.max === Infinity) {
        const split = { op: Op.Split, x: 0, y: 0 } as { op: Op.Split; x: number; y: number };
        const loop = prog.length;
        prog.push(split);
        compileNode(node.node, prog);
        prog.push({ op: Op.Jmp, x: loop });
        const body = loop + 1;
        const out = prog.length;
        [split.x, split.y] = node.greedy ? [body, out] : [out, body];
      } else {
        const splits: { op: Op.Split; x: number; y: number }[] = [];
        for (let i = node.min; i < node.max; i++) {
          const split = { op: Op.Split, x: 0, y: 0 } as { op: Op.Split; x: number; y: number };
          splits.push(split);
          prog.push(split);
          const body = prog.length;
          compileNode(node.node, prog);
          (split as { body?: number }).body = body;
        }
        const out = prog.length;
        for (const s of splits) {
          const body = (s as { body?: number }).body!;
          [s.x, s.y] = node.greedy ? [body, out] : [out, body];
        }
      }
      return;
    }
  }
}

export interface PikeRegex {
  /** Capture group names by index (index 0 is the whole match, `null` for unnamed groups). */
  readonly names: readonly (string | null)[];
  /** Anchored-or-not leftmost-first match: capture offsets `[start0, end0, start1, end1, …]`, -1 when unset. */
  exec(text: string): Int32Array | null;
}

/** Compiles a pattern (see the module comment for the syntax). Throws on unsupported syntax. */
export function pike(pattern: string): PikeRegex {
  return compilePattern(pattern, false);
}

/** The same pattern always run on the Pike VM (for tests comparing the two engines). */
export function pikeVmOnly(pattern: string): PikeRegex {
  return compilePattern(pattern, true);
}

function compilePattern(pattern: string, vmOnly: boolean): PikeRegex {
  const parser = new Parser(pattern);
  const root = parser.parse();
  const prog: Inst[] = [];
  // `.*?` prefix for unanchored search, the whole match as group 0
  compileNode(
    { t: 'rep', node: { t: 'char', pred: () => true }, min: 0, max: Infinity, greedy: false },
    prog,
  );
  compileNode({ t: 'cap', index: 0, node: root }, prog);
  prog.push({ op: Op.Match });
  const slots = parser.names.length * 2;
  return {
    names: parser.names,
    exec: (text) =>
      !vmOnly && prog.length * (text.length + 1) <= MAX_BACKTRACK_STATES
        ? backtrack(prog, slots, text)
        : run(prog, slots, text),
  };
}

/** Above this many (instruction, position) states the bit set gets large: use the Pike VM instead. */
const MAX_BACKTRACK_STATES = 1 << 27;

/**
 * A memoizing backtracker (RE2's "BitState"): depth-first in priority order, so the first match found
 * is the leftmost-first one with its captures, and each (instruction, position) is explored at most
 * once, which bounds the work by O(program × input). Fast on the typical line that matches.
 */
function backtrack(prog: readonly Inst[], slots: number, text: string): Int32Array | null {
  const width = text.length + 1;
  const visited = new Uint32Array(Math.ceil((prog.length * width) / 32));
  const caps = new Int32Array(slots).fill(-1);
  // frames: [kind, a, b] — kind 0: explore pc=a at pos=b; kind 1: restore caps[a] = b
  let stack = new Int32Array(64);
  let top = 0;
  const push = (kind: number, a: number, b: number): void => {
    if (top + 3 > stack.length) {
      const bigger = new Int32Array(stack.length * 2);
      bigger.set(stack);
      stack = bigger;
    }
    stack[top++] = kind;
    stack[top++] = a;
    stack[top++] = b;
  };
  push(0, 0, 0);
  while (top > 0) {
    const b = stack[--top]!;
    const a = stack[--top]!;
    const kind = stack[--top]!;
    if (kind === 1) {
      caps[a] = b;
      continue;
    }
    let pc = a;
    let pos = b;
    for (;;) {
      const key = pc * width + pos;
      const bit = 1 << (key & 31);
      if (visited[key >>> 5]! & bit) break;
      visited[key >>> 5]! |= bit;
      const inst = prog[pc]!;
      if (inst.op === Op.Char) {
        if (pos >= text.length) break;
        const cp = text.codePointAt(pos)!;
        if (!inst.pred(cp)) break;
        pos += cp > 0xffff ? 2 : 1;
        pc++;
      } else if (inst.op === Op.Split) {
        push(0, inst.y, pos);
        pc = inst.x;
      } else if (inst.op === Op.Jmp) {
        pc = inst.x;
      } else if (inst.op === Op.Save) {
        push(1, inst.slot, caps[inst.slot]!);
        caps[inst.slot] = pos;
        pc++;
      } else if (inst.op === Op.Bol) {
        if (pos !== 0) break;
        pc++;
      } else if (inst.op === Op.Eol) {
        if (pos !== text.length) break;
        pc++;
      } else {
        return caps.slice();
      }
    }
  }
  return null;
}

interface Thread {
  pc: number;
  caps: Int32Array;
}

function run(prog: readonly Inst[], slots: number, text: string): Int32Array | null {
  let clist: Thread[] = [];
  let nlist: Thread[] = [];
  const seen = new Int32Array(prog.length).fill(-1);
  let matched: Int32Array | null = null;
  let generation = 0;

  const add = (list: Thread[], pc: number, caps: Int32Array, pos: number): void => {
    // iterative DFS keeping priority order
    const stack: { pc: number; caps: Int32Array }[] = [{ pc, caps }];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (seen[t.pc] === generation) continue;
      seen[t.pc] = generation;
      const inst = prog[t.pc]!;
      switch (inst.op) {
        case Op.Jmp:
          stack.push({ pc: inst.x, caps: t.caps });
          break;
        case Op.Split:
          stack.push({ pc: inst.y, caps: t.caps });
          stack.push({ pc: inst.x, caps: t.caps });
          break;
        case Op.Save: {
          const caps2 = t.caps.slice();
          caps2[inst.slot] = pos;
          stack.push({ pc: t.pc + 1, caps: caps2 });
          break;
        }
        case Op.Bol:
          if (pos === 0) stack.push({ pc: t.pc + 1, caps: t.caps });
          break;
        case Op.Eol:
          if (pos === text.length) stack.push({ pc: t.pc + 1, caps: t.caps });
          break;
        default:
          list.push(t);
      }
    }
  };

  const init = new Int32Array(slots).fill(-1);
  generation++;
  add(clist, 0, init, 0);
  let pos = 0;
  for (;;) {
    if (clist.length === 0) break;
    const cp = pos < text.length ? text.codePointAt(pos)! : -1;
    const width = cp > 0xffff ? 2 : 1;
    generation++;
    for (const t of clist) {
      const inst = prog[t.pc]!;
      if (inst.op === Op.Match) {
        matched = t.caps;
        break; // lower-priority threads are cut off
      }
      if (inst.op === Op.Char && cp >= 0 && inst.pred(cp)) add(nlist, t.pc + 1, t.caps, pos + width);
    }
    if (cp < 0) break;
    [clist, nlist] = [nlist, []];
    pos += width;
  }
  return matched;
}

/** The named captures of a match: name → text (absent when the group did not participate). */
export function namedCaptures(regex: PikeRegex, text: string): Map<string, string> | null {
  const caps = regex.exec(text);
  if (!caps) return null;
  const out = new Map<string, string>();
  regex.names.forEach((name, i) => {
    if (name !== null && caps[i * 2]! >= 0) out.set(name, text.slice(caps[i * 2], caps[i * 2 + 1]));
  });
  return out;
}
