/** Intermediate form between the Rust-syntax parser and the JavaScript emitter. */

/** Rust inline flags: i m s U u x R. */
export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  u: boolean;
  x: boolean;
  R: boolean;
}

/** Case-insensitivity of one atom: none, full Unicode simple folding, or ASCII-only (`(?i-u)`). */
export type Fold = 'none' | 'unicode' | 'ascii';

export type PerlKind = 'd' | 'w' | 's';

export type ClassItem =
  | { kind: 'range'; lo: number; hi: number }
  /** `body` is a JavaScript `\p{…}` body such as `Lu` or `Script=Greek`. */
  | { kind: 'prop'; body: string; negated: boolean }
  | { kind: 'perl'; which: PerlKind; negated: boolean; unicode: boolean }
  | { kind: 'class'; cls: CharClass };

export type ClassBody =
  | { kind: 'union'; items: ClassItem[] }
  | { kind: 'op'; op: '&&' | '--' | '~~'; lhs: ClassBody; rhs: ClassBody };

export interface CharClass {
  negated: boolean;
  body: ClassBody;
}

export type LookKind = 'b' | 'B' | 'start' | 'end' | 'startHalf' | 'endHalf';

export type Node =
  | { t: 'empty' }
  | { t: 'lit'; cp: number; fold: Fold }
  | { t: 'class'; cls: CharClass; fold: Fold }
  | { t: 'dot'; s: boolean; crlf: boolean }
  | { t: 'anchor'; end: boolean; line: boolean; crlf: boolean }
  | { t: 'word'; kind: LookKind; unicode: boolean }
  | { t: 'group'; index: number | null; name: string | null; body: Node }
  | { t: 'rep'; min: number; max: number | null; greedy: boolean; body: Node }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] };
