/**
 * A tiny parsing-expression state that behaves like the `pest` runtime VRL's Datadog search grammar is
 * generated with: implicit whitespace between the elements of non-atomic rules, atomic (`@`) and
 * compound-atomic (`$`) rules, lookaheads, the pairs tree, and pest's bookkeeping of which rules were
 * attempted at the furthest failing position (for its "expected …" messages).
 */

export type Atomicity = 'atomic' | 'compound' | 'non';
type Lookahead = 'none' | 'positive' | 'negative';

export interface Pair<R extends string> {
  readonly rule: R;
  /** Code-point offsets into the input. */
  readonly start: number;
  readonly end: number;
  readonly children: Pair<R>[];
}

export class PegState<R extends string> {
  pos = 0;
  atomicity: Atomicity = 'non';
  private lookaheadMode: Lookahead = 'none';
  attemptPos = 0;
  posAttempts: R[] = [];
  negAttempts: R[] = [];
  private readonly stack: Pair<R>[][] = [[]];

  constructor(
    readonly chars: readonly string[],
    private readonly isWhitespace: (c: string) => boolean,
  ) {}

  get pairs(): Pair<R>[] {
    return this.stack[0]!;
  }

  at(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  /** Match a literal (no tracking). */
  literal(text: string): boolean {
    const start = this.pos;
    for (const c of text) {
      if (this.chars[this.pos] !== c) {
        this.pos = start;
        return false;
      }
      this.pos++;
    }
    return true;
  }

  any(): boolean {
    if (this.pos >= this.chars.length) return false;
    this.pos++;
    return true;
  }

  endOfInput(): boolean {
    return this.pos >= this.chars.length;
  }

  /** A named rule: records a pair (outside lookaheads and atomic rules) and tracks failed attempts. */
  rule(rule: R, body: () => boolean): boolean {
    const actual = this.pos;
    const [posIndex, negIndex] =
      actual === this.attemptPos ? [this.posAttempts.length, this.negAttempts.length] : [0, 0];
    const record = this.lookaheadMode === 'none' && this.atomicity !== 'atomic';
    if (record) this.stack.push([]);
    const previous = this.attemptsAt(actual);
    const ok = body();
    if (ok) {
      if (this.lookaheadMode === 'negative') this.track(rule, actual, posIndex, negIndex, previous);
      if (record) {
        const children = this.stack.pop()!;
        this.stack[this.stack.length - 1]!.push({ rule, start: actual, end: this.pos, children });
      }
    } else {
      if (this.lookaheadMode !== 'negative') this.track(rule, actual, posIndex, negIndex, previous);
      if (record) this.stack.pop();
      this.pos = actual;
    }
    return ok;
  }

  private attemptsAt(pos: number): number {
    return pos === this.attemptPos ? this.posAttempts.length + this.negAttempts.length : 0;
  }

  private track(rule: R, pos: number, posIndex: number, negIndex: number, previous: number): void {
    if (this.atomicity === 'atomic') return;
    const current = this.attemptsAt(pos);
    if (current > previous && current - previous === 1) return;
    if (pos === this.attemptPos) {
      this.posAttempts.length = posIndex;
      this.negAttempts.length = negIndex;
    }
    if (pos > this.attemptPos) {
      this.posAttempts = [];
      this.negAttempts = [];
      this.attemptPos = pos;
    }
    if (pos === this.attemptPos) {
      (this.lookaheadMode !== 'negative' ? this.posAttempts : this.negAttempts).push(rule);
    }
  }

  withAtomicity(atomicity: Atomicity, body: () => boolean): boolean {
    const saved = this.atomicity;
    this.atomicity = atomicity;
    const ok = body();
    this.atomicity = saved;
    return ok;
  }

  /** `&body` (positive) or `!body`: never consumes input. */
  lookahead(positive: boolean, body: () => boolean): boolean {
    const saved = this.lookaheadMode;
    const start = this.pos;
    this.lookaheadMode = positive
      ? saved === 'negative'
        ? 'negative'
        : 'positive'
      : saved === 'negative'
        ? 'positive'
        : 'negative';
    const ok = body();
    this.lookaheadMode = saved;
    this.pos = start;
    return positive ? ok : !ok;
  }

  /** Implicit whitespace, only between elements of non-atomic rules. */
  skip(): true {
    if (this.atomicity === 'non') {
      while (this.pos < this.chars.length && this.isWhitespace(this.chars[this.pos]!)) this.pos++;
    }
    return true;
  }

  /** `a ~ b ~ …`: all or nothing, with implicit whitespace between the parts. */
  seq(...parts: (() => boolean)[]): boolean {
    const start = this.pos;
    const depth = this.stack[this.stack.length - 1]!.length;
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) this.skip();
      if (!parts[i]!()) {
        this.pos = start;
        this.stack[this.stack.length - 1]!.length = depth;
        return false;
      }
    }
    return true;
  }

  choice(...alternatives: (() => boolean)[]): boolean {
    for (const alternative of alternatives) if (alternative()) return true;
    return false;
  }

  optional(body: () => boolean): true {
    body();
    return true;
  }

  /** `body*` with implicit whitespace between repetitions. */
  repeat(body: () => boolean): true {
    if (!body()) return true;
    while (this.seq(() => true, body));
    return true;
  }

  /** `body+`. */
  repeat1(body: () => boolean): boolean {
    if (!body()) return false;
    while (this.seq(() => true, body));
    return true;
  }
}
