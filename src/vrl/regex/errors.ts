/**
 * A Rust `regex` pattern that is invalid, or valid in Rust but not expressible as a JavaScript
 * `RegExp` (see the header of `translate.ts`). `offset` is a UTF-16 index into the pattern.
 */
export class RegexSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} (at offset ${offset})`);
    this.name = 'RegexSyntaxError';
    this.offset = offset;
  }
}
