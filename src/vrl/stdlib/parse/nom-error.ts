/**
 * Renders parse errors the way nom's `convert_error` (a `VerboseError` report) does, which VRL returns
 * verbatim from several parsers: one numbered entry per error with the line, a caret under the byte
 * column and the error kind (`Verify`, `Tag`, …).
 */
import { utf8Length } from '../../value/bytes.js';

export interface NomErrorEntry {
  /** Offset (UTF-16 index) into the input where the error occurred. */
  readonly at: number;
  /** nom's `ErrorKind` name (`Verify`, `Tag`, `ManyMN`, …), or a `char` expectation. */
  readonly kind: string | { readonly char: string };
}

/** Byte column (1-based) of an offset within its line, and the line number. */
function lineAndColumn(input: string, at: number): { line: number; column: number } {
  const prefix = input.slice(0, at);
  const lineBegin = prefix.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = 0; i < lineBegin; i++) if (input.charCodeAt(i) === 10) line++;
  return { line, column: utf8Length(input.slice(lineBegin, at)) + 1 };
}

/**
 * Text of nom's `convert_error(input, errors)`, with VRL's guard: when a caret column would reach
 * 65535, a one-line summary of the first error replaces the report.
 */
export function convertNomError(input: string, errors: readonly NomErrorEntry[]): string {
  if (errors.some((e) => lineAndColumn(input, e.at).column >= 65535)) {
    const { line, column } = lineAndColumn(input, errors[0]!.at);
    return `parse error at line ${line}, column ${column} (line too long to display context)`;
  }
  let out = '';
  errors.forEach((entry, i) => {
    if (input === '') {
      out +=
        typeof entry.kind === 'string'
          ? `${i}: in ${entry.kind}, got empty input\n\n`
          : `${i}: expected '${entry.kind.char}', got empty input\n\n`;
      return;
    }
    const prefix = input.slice(0, entry.at);
    const lineNumber = prefix.split('\n').length;
    const lineBegin = prefix.lastIndexOf('\n') + 1;
    const after = input.slice(lineBegin);
    const nl = after.indexOf('\n');
    const line = rustTrimEnd(nl < 0 ? after : after.slice(0, nl));
    const column = utf8Length(input.slice(lineBegin, entry.at)) + 1;
    const caret = '^'.padStart(column, ' ');
    if (typeof entry.kind === 'string') {
      out += `${i}: at line ${lineNumber}, in ${entry.kind}:\n${line}\n${caret}\n\n`;
    } else {
      const actual = input.codePointAt(entry.at);
      out +=
        actual === undefined
          ? `${i}: at line ${lineNumber}:\n${line}\n${caret}\nexpected '${entry.kind.char}', got end of input\n\n`
          : `${i}: at line ${lineNumber}:\n${line}\n${caret}\nexpected '${entry.kind.char}', found ${String.fromCodePoint(actual)}\n\n`;
    }
  });
  return out;
}

/** Rust's `str::trim` (Unicode White_Space; unlike JavaScript's `trim`, U+FEFF is not whitespace). */
export function rustTrim(text: string): string {
  return rustTrimEnd(rustTrimStart(text));
}

export function rustTrimStart(text: string): string {
  let i = 0;
  while (i < text.length && isRustWhitespaceCode(text.charCodeAt(i))) i++;
  return i === 0 ? text : text.slice(i);
}

export function rustTrimEnd(text: string): string {
  let j = text.length;
  while (j > 0 && isRustWhitespaceCode(text.charCodeAt(j - 1))) j--;
  return j === text.length ? text : text.slice(0, j);
}

/** Rust's `char::is_whitespace` for one character. */
export function isRustWhitespace(c: string): boolean {
  return c.length === 1 && isRustWhitespaceCode(c.charCodeAt(0));
}

export function isRustWhitespaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
