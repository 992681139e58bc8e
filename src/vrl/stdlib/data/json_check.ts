/**
 * A JSON syntax check that reports the first error as serde_json does (VRL's JSON reader): the same
 * wording and the same `line L column C` position (C counts UTF-8 bytes and includes the offending
 * character; at end of input it is the end). Used for `is_json` and for `parse_json`'s error text.
 */

/** serde_json fails on the 128th nested array or object. */
export const RECURSION_LIMIT = 127;

class Fail {
  constructor(
    readonly code: string,
    readonly pos: number,
  ) {}
}

class Checker {
  private pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  private peekError(code: string): Fail {
    return new Fail(code, this.pos + 1);
  }
  private eof(what: string): Fail {
    return new Fail(`EOF while parsing ${what}`, this.text.length);
  }

  private ws(): string | undefined {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') this.pos++;
      else return c;
    }
    return undefined;
  }

  document(): void {
    this.value();
    const c = this.ws();
    if (c !== undefined) throw this.peekError('trailing characters');
  }

  private value(): void {
    const c = this.ws();
    if (c === undefined) throw this.eof('a value');
    switch (c) {
      case '"':
        this.pos++;
        return this.string();
      case '{':
      case '[': {
        if (++this.depth > RECURSION_LIMIT) throw this.peekError('recursion limit exceeded');
        this.pos++;
        if (c === '{') this.object();
        else this.array();
        this.depth--;
        return;
      }
      case 't':
        return this.ident('true');
      case 'f':
        return this.ident('false');
      case 'n':
        return this.ident('null');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        throw this.peekError('expected value');
    }
  }

  private ident(word: string): void {
    this.pos++;
    for (let i = 1; i < word.length; i++) {
      const c = this.text[this.pos];
      if (c === undefined) throw this.eof('a value');
      if (c !== word[i]) throw this.peekError('expected ident');
      this.pos++;
    }
  }

  private digit(): boolean {
    const c = this.text[this.pos];
    return c !== undefined && c >= '0' && c <= '9';
  }

  private requireDigit(): void {
    if (this.pos >= this.text.length) throw this.eof('a value');
    if (!this.digit()) throw this.peekError('invalid number');
  }

  private number(): void {
    const start = this.pos;
    if (this.text[this.pos] === '-') this.pos++;
    this.requireDigit();
    if (this.text[this.pos] === '0') {
      this.pos++;
      if (this.digit()) throw this.peekError('invalid number');
    } else {
      while (this.digit()) this.pos++;
    }
    let float = false;
    if (this.text[this.pos] === '.') {
      float = true;
      this.pos++;
      this.requireDigit();
      while (this.digit()) this.pos++;
    }
    const e = this.text[this.pos];
    if (e === 'e' || e === 'E') {
      float = true;
      this.pos++;
      const s = this.text[this.pos];
      if (s === '+' || s === '-') this.pos++;
      this.requireDigit();
      while (this.digit()) this.pos++;
    }
    if (float && !Number.isFinite(Number(this.text.slice(start, this.pos)))) {
      throw new Fail('number out of range', this.pos);
    }
  }

  private hex4(): number {
    let n = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.text[this.pos];
      if (c === undefined) throw this.eof('a string');
      if (!/[0-9a-fA-F]/.test(c)) throw this.peekError('invalid escape');
      n = n * 16 + parseInt(c, 16);
      this.pos++;
    }
    return n;
  }

  private string(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) throw this.eof('a string');
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        this.pos++;
        const e = t[this.pos];
        if (e === undefined) throw this.eof('a string');
        if ('"\\/bfnrt'.includes(e)) {
          this.pos++;
          continue;
        }
        if (e !== 'u') throw this.peekError('invalid escape');
        this.pos++;
        const unit = this.hex4();
        if (unit >= 0xdc00 && unit <= 0xdfff)
          throw new Fail('lone leading surrogate in hex escape', this.pos);
        if (unit >= 0xd800 && unit <= 0xdbff) {
          if (t[this.pos] === undefined) throw this.eof('a string');
          if (t[this.pos] !== '\\') throw this.peekError('unexpected end of hex escape');
          this.pos++;
          if (t[this.pos] === undefined) throw this.eof('a string');
          if (t[this.pos] !== 'u') throw this.peekError('unexpected end of hex escape');
          this.pos++;
          const low = this.hex4();
          if (low < 0xdc00 || low > 0xdfff) throw new Fail('lone leading surrogate in hex escape', this.pos);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20)
        throw this.peekError('control character (\\u0000-\\u001F) found while parsing a string');
      this.pos++;
    }
  }

  private array(): void {
    let first = true;
    for (;;) {
      let c = this.ws();
      if (c === ']') {
        this.pos++;
        return;
      }
      if (c === ',' && !first) {
        this.pos++;
        c = this.ws();
        if (c === ']') throw this.peekError('trailing comma');
        if (c === undefined) throw this.eof('a value');
      } else if (c === undefined) {
        throw this.eof('a list');
      } else if (!first) {
        throw this.peekError('expected `,` or `]`');
      }
      first = false;
      this.value();
    }
  }

  private object(): void {
    let first = true;
    for (;;) {
      let c = this.ws();
      if (c === '}') {
        this.pos++;
        return;
      }
      if (c === ',' && !first) {
        this.pos++;
        c = this.ws();
      } else if (c === undefined) {
        throw this.eof('an object');
      } else if (!first) {
        throw this.peekError('expected `,` or `}`');
      }
      first = false;
      if (c === '}') throw this.peekError('trailing comma');
      if (c === undefined) throw this.eof('a value');
      if (c !== '"') throw this.peekError('key must be a string');
      this.pos++;
      this.string();
      const colon = this.ws();
      if (colon === undefined) throw this.eof('an object');
      if (colon !== ':') throw this.peekError('expected `:`');
      this.pos++;
      this.value();
    }
  }
}

/** serde's `line L column C` for the first `end` characters of `text`. */
function position(text: string, end: number): string {
  let line = 1;
  let column = 0;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 0;
    } else if (c < 0x80) column += 1;
    else if (c < 0x800) column += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      column += 4;
      i++;
    } else column += 3;
  }
  return `line ${line} column ${column}`;
}

/** `undefined` when `text` is one valid JSON document, else serde_json's error message. */
export function checkJson(text: string): string | undefined {
  try {
    new Checker(text).document();
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return `${e.code} at ${position(text, e.pos)}`;
    throw e;
  }
}
