/** Compiled, cached Rust regexes. */
import { translateRustRegex, type TranslateOptions, type TranslatedRegex } from './translate.js';

export interface CompiledRustRegex {
  /**
   * The JavaScript regex. Without `global`/`sticky` it is shared between callers (it carries no
   * `lastIndex` state for `test`/`exec`); with them every call returns a fresh copy.
   */
  regex: RegExp;
  groupNames: string[];
  captureNames: (string | null)[];
}

export interface CompileOptions extends TranslateOptions {
  /** Add the JavaScript `g` flag (for `replace`/`split`/scanning). */
  global?: boolean;
  /** Add the JavaScript `y` flag. */
  sticky?: boolean;
  /** Add the JavaScript `d` flag (match indices). */
  indices?: boolean;
}

const CACHE_LIMIT = 256;
const cache = new Map<string, { translated: TranslatedRegex; regex: RegExp }>();

/** Translate (or reuse) and build a `RegExp`. Throws `RegexSyntaxError`. */
export function compileRustRegex(
  pattern: string,
  flags: string = '',
  options: CompileOptions = {},
): CompiledRustRegex {
  const extra = `${options.indices ? 'd' : ''}${options.global ? 'g' : ''}${options.sticky ? 'y' : ''}`;
  const key = `${flags}\u0000${options.octal ? 'o' : ''}${extra}\u0000${pattern}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key);
  } else {
    const translated = translateRustRegex(pattern, flags, { octal: options.octal ?? false });
    entry = { translated, regex: new RegExp(translated.source, translated.flags + extra) };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, entry);
  const stateful = options.global || options.sticky;
  return {
    regex: stateful ? new RegExp(entry.regex) : entry.regex,
    groupNames: entry.translated.groupNames,
    captureNames: entry.translated.captureNames,
  };
}

/** Drop every cached regex (tests, or after a configuration reload). */
export function clearRustRegexCache(): void {
  cache.clear();
}

/** Number of cached entries (for tests). */
export function rustRegexCacheSize(): number {
  return cache.size;
}
