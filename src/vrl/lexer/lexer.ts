/**
 * Hand-written VRL lexer, following upstream `src/parser/lex.rs`.
 *
 * Spans are UTF-16 offsets (see `diagnostics/span.ts`). Whitespace and `# comments` are skipped; the parser
 * tells a query such as `.a.b` or `x[0]` from separate terms by checking that tokens touch
 * (`previous.span.end === next.span.start`), which replaces VRL's synthetic `LQuery`/`RQuery` tokens.
 *
 * Newlines are tokens (they end statements), except a newline whose next significant token is the keyword
 * `else`, which is dropped so that `}` and `else` may sit on different lines.
 *
 * Error positions mimic a VRL quirk: VRL's query look-ahead re-lexes literals inside brackets that follow
 * a name (`f(…`) or open with `[` / `{`, and reports an unterminated literal there one character later
 * (at the quote), plus E210 when such a literal or a comment runs to the very end of the input.
 */
import type { Keyword, SpannedToken, Token } from './token.js';
import { KEYWORDS, RESERVED_IDENTIFIERS } from './token.js';
import {
  LexError,
  invalidEscape,
  invalidNumber,
  invalidUnicodeEscape,
  unexpectedParse,
  unterminatedLiteral,
  unterminatedString,
} from './errors.js';

const KEYWORD_TOKENS: Record<Keyword, Token> = {
  if: { kind: 'If' },
  else: { kind: 'Else' },
  null: { kind: 'Null' },
  true: { kind: 'True' },
  false: { kind: 'False' },
  abort: { kind: 'Abort' },
  return: { kind: 'Return' },
};

const PUNCT: Record<string, Token['kind']> = {
  ';': 'SemiColon',
  '\\': 'Escape',
  '(': 'LParen',
  '[': 'LBracket',
  '{': 'LBrace',
  '}': 'RBrace',
  ']': 'RBracket',
  ')': 'RParen',
  '.': 'Dot',
  '%': 'Percent',
  ':': 'Colon',
  ',': 'Comma',
};

/** Tokens that continue a query chain into the bracket that follows them. */
const CHAIN: ReadonlySet<Token['kind']> = new Set([
  'Identifier',
  'FunctionCall',
  'PathField',
  'Bang',
  'Dot',
  'Percent',
]);

/** Characters the look-ahead's outer loop handles itself inside brackets (with `r'`, `s'`, `t'`). */
const OUTER_LOOP = '([{}])"';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export function isIdentStart(ch: string | undefined): boolean {
  return ch !== undefined && /^[@_a-zA-Z]$/.test(ch);
}

export function isIdentContinue(ch: string | undefined): boolean {
  return ch !== undefined && /^[@_a-zA-Z0-9]$/.test(ch);
}

/** Rust's `char::is_whitespace` (Unicode White_Space): unlike JavaScript's `\s`, U+0085 yes, U+FEFF no. */
export function isWhitespace(ch: string): boolean {
  return ch === '\u0085' || (ch !== '\ufeff' && /^\s$/u.test(ch));
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isOperatorChar(ch: string | undefined): boolean {
  return ch !== undefined && '!&*+-/<=>?|'.includes(ch);
}

/** Classifies a word as keyword, reserved identifier, path field (contains `@`) or identifier. */
export function identToken(word: string): Token {
  if ((KEYWORDS as readonly string[]).includes(word)) return KEYWORD_TOKENS[word as Keyword];
  if (RESERVED_IDENTIFIERS.has(word)) return { kind: 'ReservedIdentifier', value: word };
  if (word.includes('@')) return { kind: 'PathField', value: word };
  return { kind: 'Identifier', value: word };
}

/** Tokenizes a whole program. Throws `LexError` (one diagnostic) at the first invalid literal. */
export function lex(source: string): SpannedToken[] {
  return new Lexer(source).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: SpannedToken[] = [];
  /** One entry per open bracket: would VRL's query look-ahead have scanned its contents? */
  private readonly scanned: boolean[] = [];
  /** Per open bracket: the bracket character and its offset. */
  private readonly brackets: string[] = [];
  private readonly openAt: number[] = [];
  /**
   * Per open bracket: has the look-ahead's inner loop taken over? Its outer loop handles brackets and
   * literals right after an opening bracket (swallowing their errors); the first other character, a space
   * included, hands the rest up to the closing delimiter to the inner loop, which reports a bad literal
   * one character late and E210 for a literal or comment that ends the input.
   */
  private readonly inner: boolean[] = [];

  constructor(private readonly src: string) {}

  run(): SpannedToken[] {
    let start = 0;
    try {
      for (;;) {
        start = this.pos;
        if (!this.step()) return this.tokens;
      }
    } catch (error) {
      // VRL's lexer is lazy: the error surfaces when the parser asks for the token at `start`, or for the
      // token that began the look-ahead scan which re-lexed the bad literal.
      if (error instanceof LexError) error.attach(this.tokens, this.isInner() ? this.scanStart() : start);
      throw error;
    }
  }

  /** Where the look-ahead scan covering the innermost open bracket began (approximately). */
  private scanStart(): number {
    let first = this.scanned.length - 1;
    while (first > 0 && this.scanned[first - 1]) first--;
    let at = this.openAt[first] ?? 0;
    for (let k = this.tokens.length - 1; k >= 0; k--) {
      const t = this.tokens[k]!;
      if (t.span.start >= at) continue;
      if (t.span.end !== at || !CHAIN.has(t.token.kind)) break;
      at = t.span.start;
    }
    return at;
  }

  /** Lexes one token (or skips whitespace or a comment); false at the end of input. */
  private step(): boolean {
    const src = this.src;
    if (this.pos < src.length) {
      const start = this.pos;
      const ch = src[start]!;
      const next = src[start + 1];
      const wasInner = this.isInner();
      if (!OUTER_LOOP.includes(ch) && !(next === "'" && (ch === 'r' || ch === 's' || ch === 't')))
        this.enterInner();
      if (ch === '"') this.stringLiteral(start);
      else if (ch === '\n') {
        this.pos++;
        if (!this.nextSignificantIsElse()) this.push(start, { kind: 'Newline' });
      } else if (PUNCT[ch] !== undefined) {
        if (ch === '(' || ch === '[' || ch === '{') {
          this.scanned.push(this.inScan() || ch !== '(' || this.chainBefore(start));
          this.inner.push(this.isInner());
          this.brackets.push(ch);
          this.openAt.push(start);
        } else if (ch === ')' || ch === ']' || ch === '}') {
          this.scanned.pop();
          this.inner.pop();
          this.brackets.pop();
          this.openAt.pop();
        }
        this.pos++;
        this.push(start, { kind: PUNCT[ch] } as Token);
      } else if (ch === '&' && next !== '&') this.single(start, 'Ampersand');
      else if (ch === '_' && !isIdentContinue(next)) this.single(start, 'Underscore');
      else if (ch === '!' && next !== undefined && (next === '!' || !isOperatorChar(next)))
        this.single(start, 'Bang');
      else if (ch === '-' && next === '>') {
        this.pos += 2;
        this.push(start, { kind: 'Arrow' });
      } else if (ch === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
        // A `#` that starts the inner loop is only a character to it, so its comment is not checked.
        if (wasInner && this.pos >= src.length - 1)
          throw unexpectedParse('Expected characters at end of comment.');
      } else if (next === "'" && (ch === 'r' || ch === 's' || ch === 't')) this.quotedLiteral(start, ch);
      else if (isIdentStart(ch)) this.identifier(start);
      else if (isDigit(ch) || (ch === '-' && isDigit(next))) this.number(start);
      else if (isOperatorChar(ch)) this.operator(start);
      else if (isWhitespace(ch)) this.pos++;
      else {
        const cp = String.fromCodePoint(src.codePointAt(start)!);
        this.pos += cp.length;
        this.push(start, { kind: 'InvalidToken', value: cp });
      }
      return true;
    }
    return false;
  }

  private inScan(): boolean {
    return this.scanned[this.scanned.length - 1] === true;
  }

  /** Does a query chain run into the `(` at `at`? Not when its name starts with a digit (`1f(`). */
  private chainBefore(at: number): boolean {
    if (!/[@_a-zA-Z0-9!]/.test(this.src[at - 1] ?? '')) return false;
    const last = this.tokens[this.tokens.length - 1];
    return !(last?.span.end === at && last.token.kind === 'Identifier' && isDigit(last.token.value[0]));
  }

  private isInner(): boolean {
    return this.inner[this.inner.length - 1] === true;
  }

  /**
   * The look-ahead's inner loop runs to the closing delimiter of the innermost open brace if its scan has
   * one, else of the innermost bracket, else of the innermost parenthesis.
   */
  private enterInner(): void {
    const top = this.scanned.length - 1;
    if (top < 0 || !this.scanned[top] || this.inner[top]) return;
    let first = top;
    while (first > 0 && this.scanned[first - 1]) first--;
    let target = top;
    for (const open of ['{', '[']) {
      const at = this.brackets.lastIndexOf(open, top);
      if (at >= first) {
        target = at;
        break;
      }
    }
    for (let j = target; j <= top; j++) this.inner[j] = true;
  }

  /** In the inner loop VRL re-lexes a literal and needs input after it. */
  private checkScannedEnd(what: string): void {
    if (this.isInner() && this.pos >= this.src.length)
      throw unexpectedParse(`Expected characters at end of ${what}.`);
  }

  private push(start: number, token: Token): void {
    this.tokens.push({ token, span: { start, end: this.pos } });
  }

  private single(start: number, kind: 'Ampersand' | 'Underscore' | 'Bang'): void {
    this.pos++;
    this.push(start, { kind });
  }

  /** After a newline: skip whitespace and comments, and test for the keyword `else`. */
  private nextSignificantIsElse(): boolean {
    const src = this.src;
    let i = this.pos;
    while (i < src.length) {
      if (isWhitespace(src[i]!)) i++;
      else if (src[i] === '#') while (i < src.length && src[i] !== '\n') i++;
      else return src.startsWith('else', i) && !isIdentContinue(src[i + 4]);
    }
    return false;
  }

  private stringLiteral(start: number): void {
    const src = this.src;
    this.pos = start + 1;
    while (this.pos < src.length) {
      const ch = src[this.pos]!;
      if (ch === '"') {
        const value = src.slice(start + 1, this.pos);
        this.pos++;
        this.push(start, { kind: 'StringLiteral', value });
        this.checkScannedEnd('string literal');
        return;
      }
      if (ch === '\\') this.escape(this.pos);
      else this.pos++;
    }
    throw unterminatedString(this.isInner() ? start + 1 : start);
  }

  /** Validates the escape whose backslash is at `backslash`, and moves past it. */
  private escape(backslash: number): void {
    const src = this.src;
    const at = backslash + 1;
    const ch = src[at];
    if (ch === undefined) throw invalidEscape(backslash, undefined);
    if ('\n\'"\\nrt{}0'.includes(ch)) {
      this.pos = at + 1;
      return;
    }
    if (ch !== 'u') throw invalidEscape(at, String.fromCodePoint(src.codePointAt(at)!));
    if (src[at + 1] !== '{') {
      if (at + 1 >= src.length) throw invalidEscape(backslash, undefined);
      throw invalidEscape(at + 1, String.fromCodePoint(src.codePointAt(at + 1)!));
    }
    let i = at + 2;
    while (i < src.length && /^[0-9a-fA-F]$/.test(src[i]!)) i++;
    if (i >= src.length) throw invalidEscape(backslash, undefined);
    if (src[i] !== '}') throw invalidEscape(i, String.fromCodePoint(src.codePointAt(i)!));
    const hex = src.slice(at + 2, i);
    this.pos = i + 1;
    // Any number of digits, as Rust's `u32::from_str_radix`, as long as the value fits in a u32.
    const value = hex.length > 0 ? BigInt(`0x${hex}`) : -1n;
    const codePoint = value >= 0n && value <= 0xffffffffn ? Number(value) : NaN;
    if (!isValidCodePoint(codePoint)) throw invalidUnicodeEscape(backslash, this.pos);
  }

  /** `r'…'`, `s'…'`, `t'…'`: a backslash skips the next character; the closing `'` ends the literal. */
  private quotedLiteral(start: number, prefix: 'r' | 's' | 't'): void {
    const src = this.src;
    let i = start + 2;
    while (i < src.length && src[i] !== "'") i += src[i] === '\\' ? 2 : 1;
    if (i >= src.length) throw unterminatedLiteral(this.isInner() ? start + 1 : start);
    const raw = src.slice(start + 2, i);
    this.pos = i + 1;
    if (prefix === 's') this.push(start, { kind: 'RawStringLiteral', value: raw });
    else {
      const kind = prefix === 'r' ? 'RegexLiteral' : 'TimestampLiteral';
      this.push(start, { kind, value: raw.replaceAll("\\'", "'") });
    }
    this.checkScannedEnd({ r: 'regex literal', s: 'raw string literal', t: 'timestamp literal' }[prefix]);
  }

  private identifier(start: number): void {
    const src = this.src;
    let i = start + 1;
    while (isIdentContinue(src[i])) i++;
    const word = src.slice(start, i);
    this.pos = i;
    const next = src[i];
    this.push(start, next === '(' || next === '!' ? { kind: 'FunctionCall', value: word } : identToken(word));
  }

  /** Integers (`_` separators allowed), floats (`1.5`, `1.`), a leading `-`; `0foo` is an identifier. */
  private number(start: number): void {
    const src = this.src;
    const negative = src[start] === '-';
    let i = start + 1;
    while (isDigit(src[i]) || src[i] === '_') i++;
    if (!negative && isIdentContinue(src[i])) {
      while (isIdentContinue(src[i])) i++;
      this.pos = i;
      this.push(start, identToken(src.slice(start, i)));
      return;
    }
    if (src[i] === '.') {
      i++;
      while (isDigit(src[i]) || src[i] === '_') i++;
      this.pos = i;
      this.push(start, { kind: 'FloatLiteral', value: Number(src.slice(start, i).replaceAll('_', '')) });
      return;
    }
    this.pos = i;
    const text = src.slice(start, i).replaceAll('_', '');
    if (text === '-' || text === '') throw invalidNumber(start, i, 'cannot parse integer from empty string');
    const value = BigInt(text);
    if (value > I64_MAX) throw invalidNumber(start, i, 'number too large to fit in target type');
    if (value < I64_MIN) throw invalidNumber(start, i, 'number too small to fit in target type');
    this.push(start, { kind: 'IntegerLiteral', value });
  }

  private operator(start: number): void {
    let i = start;
    while (isOperatorChar(this.src[i])) i++;
    this.pos = i;
    const op = this.src.slice(start, i);
    if (op === '=') this.push(start, { kind: 'Equals' });
    else if (op === '|=') this.push(start, { kind: 'MergeEquals' });
    else if (op === '?') this.push(start, { kind: 'Question' });
    else this.push(start, { kind: 'Operator', value: op });
  }
}

function isValidCodePoint(cp: number): boolean {
  return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

/**
 * Applies a string literal's escapes: `\n \r \t \0 \\ \" \' \{ \}`, `\u{hex}`, and a backslash before a
 * newline, which removes the newline and the indentation that follows it. Assumes the lexer validated it.
 */
export function unescapeString(raw: string): string {
  const map: Record<string, string> = {
    "'": "'",
    '"': '"',
    '\\': '\\',
    n: '\n',
    r: '\r',
    t: '\t',
    '0': '\0',
    '{': '{',
    '}': '}',
  };
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const slash = raw.indexOf('\\', i);
    if (slash < 0 || slash === raw.length - 1) return out + raw.slice(i);
    out += raw.slice(i, slash);
    const ch = raw[slash + 1]!;
    if (ch === '\n') {
      i = slash + 2;
      while (i < raw.length && isWhitespace(raw[i]!)) i++;
    } else if (ch === 'u' && raw[slash + 2] === '{') {
      const close = raw.indexOf('}', slash + 3);
      out += String.fromCodePoint(parseInt(raw.slice(slash + 3, close), 16));
      i = close + 1;
    } else {
      out += map[ch] ?? ch;
      i = slash + 2;
    }
  }
  return out;
}
