/**
 * Rust `regex` crate syntax (what VRL's `r'…'` literals and regex functions accept) → an
 * equivalent JavaScript `RegExp` source and flags.
 *
 * Semantics kept: `.` excludes only `\n` (`\r` too in CRLF mode); `^`/`$` are text anchors unless
 * `m`, and then only `\n` ends a line (JavaScript's `m` flag is never used); `\d` `\w` `\s` `\b`
 * are Unicode-aware unless `(?-u)`; scoped flags work per group; class set operations (`&&`,
 * `--`, `~~`) and nested classes use the `v` flag. Rejected as in Rust: look-around,
 * backreferences, unknown escapes/flags/properties, and `(?-u)` constructs that can match
 * invalid UTF-8. Rejected because JavaScript lacks them: Unicode properties JavaScript does not
 * know (e.g. `Age`, `Word_Break`).
 */
import type { Flags } from './ast.js';
import { chooseCaseMode, emitNode, type EmitContext } from './emit.js';
import { RegexSyntaxError } from './errors.js';
import { parseRustRegex, type ParseOptions } from './parse.js';
import { applyFlagText } from './syntax.js';

export type TranslateOptions = ParseOptions;

export interface TranslatedRegex {
  /** JavaScript `RegExp` source. */
  source: string;
  /** JavaScript flags: `u` or `v`, plus `i` when the whole pattern is case-insensitive. */
  flags: string;
  /** Names of the named capture groups, in order of their opening parenthesis. */
  groupNames: string[];
  /** Capture group number → name (null for group 0 and unnamed groups), like Rust's `capture_names()`. */
  captureNames: (string | null)[];
}

/**
 * Translate a Rust regex. `flags` holds Rust flag letters applied before the pattern (as if it
 * started with `(?flags)`), e.g. `"i"` or `"ms"`. Throws `RegexSyntaxError`.
 */
export function translateRustRegex(
  pattern: string,
  flags: string = '',
  options: TranslateOptions = {},
): TranslatedRegex {
  const initial: Flags = { i: false, m: false, s: false, U: false, u: true, x: false, R: false };
  if (flags !== '') {
    try {
      applyFlagText(flags, initial, 0);
    } catch (e) {
      throw new RegexSyntaxError(`invalid flags argument "${flags}": ${(e as Error).message}`, 0);
    }
  }
  const { node, captureNames } = parseRustRegex(pattern, initial, options);
  const ctx: EmitContext = { mode: chooseCaseMode(node), needV: false };
  const source = emitNode(node, ctx) || '(?:)';
  const jsFlags = (ctx.mode === 'flag' ? 'i' : '') + (ctx.needV ? 'v' : 'u');
  try {
    new RegExp(source, jsFlags);
  } catch (e) {
    throw new RegexSyntaxError(
      `pattern cannot be expressed as a JavaScript RegExp: ${(e as Error).message}`,
      0,
    );
  }
  const groupNames = captureNames.filter((n): n is string => n !== null);
  return { source, flags: jsFlags, groupNames, captureNames };
}
