/**
 * Grok compiler: expands `%{NAME}`, `%{NAME:field}` and `%{NAME:field:convert}` references (standard
 * library and user aliases) into one JavaScript regex with generated capture-group names, plus the
 * table that maps each generated group back to its output field.
 *
 * Two dialects mirror VRL's two functions:
 * - `groks` (default; VRL `parse_groks`, Datadog-style rules): the pattern must match the whole
 *   input (`\A…\z`), `.` matches newlines, `a.b` destinations are nested object paths, a third part
 *   is a conversion filter, empty captures are dropped and repeated fields collect into arrays.
 * - `grok` (VRL `parse_grok`, the `grok` crate): the pattern may match anywhere in the input,
 *   everything after the first `:` is the literal output key (`%{INT:a.b}` → key `"a.b"`), no
 *   conversions, empty captures are kept, a repeated field keeps its last participating value.
 */
import { GROK_PATTERNS } from './patterns.js';

export type GrokConvert =
  'int' | 'integer' | 'float' | 'number' | 'boolean' | 'string' | 'lowercase' | 'uppercase';

export type GrokDialect = 'groks' | 'grok';

export interface GrokField {
  /** Generated regex group name (`g0`, `g1`, …). */
  group: string;
  /** Output path; `[]` means the document root (the value is then discarded, as in VRL). */
  path: string[];
  convert?: GrokConvert;
}

export interface CompiledGrok {
  regex: RegExp;
  fields: GrokField[];
  dialect: GrokDialect;
  /** The grok pattern this was compiled from. */
  source: string;
}

export interface GrokCompileOptions {
  /** Named sub-patterns; may reference each other and the standard library, and shadow it. */
  aliases?: Record<string, string>;
  dialect?: GrokDialect;
}

/** Any grok compilation failure: unknown pattern, circular alias, bad filter/path, invalid regex. */
export class GrokError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrokError';
  }
}

const CONVERSIONS: ReadonlySet<string> = new Set<GrokConvert>([
  'int',
  'integer',
  'float',
  'number',
  'boolean',
  'string',
  'lowercase',
  'uppercase',
]);

/** Characters that keep their backslash in a `u`-flag regex. */
const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/');

const PATTERN_NAME = /^[A-Za-z0-9_.@-]+$/u;

interface Ctx {
  aliases: Record<string, string>;
  dialect: GrokDialect;
  fields: GrokField[];
  stack: string[];
}

export function compileGrok(pattern: string, opts: GrokCompileOptions = {}): CompiledGrok {
  const dialect = opts.dialect ?? 'groks';
  const ctx: Ctx = { aliases: opts.aliases ?? {}, dialect, fields: [], stack: [] };
  const body = expand(pattern, ctx);
  const source = dialect === 'groks' ? `^(?:${body})$` : body;
  let regex: RegExp;
  try {
    regex = new RegExp(source, dialect === 'groks' ? 'su' : 'u');
  } catch (e) {
    throw new GrokError(`invalid grok expression '${pattern}': ${(e as Error).message}`);
  }
  return { regex, fields: ctx.fields, dialect, source: pattern };
}

/** Expands one grok definition (raw regex text with `%{…}` references) into regex source. */
function expand(text: string, ctx: Ctx): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = findReference(text, i);
    if (start < 0) {
      out += rewriteRaw(text.slice(i), ctx);
      break;
    }
    out += rewriteRaw(text.slice(i, start), ctx);
    const end = findReferenceEnd(text, start + 2);
    if (end < 0) throw new GrokError(`unterminated grok reference at offset ${start} in '${text}'`);
    out += reference(text.slice(start + 2, end), ctx);
    i = end + 1;
  }
  return out;
}

/** Index of the next `%{` that is not backslash-escaped, or -1. */
function findReference(text: string, from: number): number {
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '%' && text[i + 1] === '{') return i;
  }
  return -1;
}

/** Index of the `}` closing a reference body starting at `from`; `}` inside `"…"` does not count. */
function findReferenceEnd(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '}') return i;
  }
  return -1;
}

function reference(body: string, ctx: Ctx): string {
  const colon = body.indexOf(':');
  const name = colon < 0 ? body : body.slice(0, colon);
  const spec = colon < 0 ? undefined : body.slice(colon + 1);
  if (!PATTERN_NAME.test(name)) throw new GrokError(`invalid grok pattern name '${name}' in '%{${body}}'`);

  const field = spec === undefined || spec === '' ? undefined : parseDestination(spec, ctx.dialect);
  let group: string | undefined;
  if (field) {
    group = `g${ctx.fields.length}`;
    ctx.fields.push({ group, ...field });
  }

  const definition = Object.prototype.hasOwnProperty.call(ctx.aliases, name)
    ? ctx.aliases[name]
    : Object.prototype.hasOwnProperty.call(GROK_PATTERNS, name)
      ? GROK_PATTERNS[name]
      : undefined;
  if (definition === undefined) {
    throw new GrokError(
      `The given pattern definition name "${name}" could not be found in the definition map`,
    );
  }
  if (ctx.stack.includes(name)) {
    throw new GrokError(`Circular dependency found in the alias '${ctx.stack[0]}'`);
  }
  ctx.stack.push(name);
  const inner = expand(definition, ctx);
  ctx.stack.pop();
  return group ? `(?<${group}>${inner})` : `(?:${inner})`;
}

/** Parses the part after `NAME:` — `path` or `path:convert` (groks) / a literal key (grok). */
function parseDestination(spec: string, dialect: GrokDialect): Omit<GrokField, 'group'> {
  if (dialect === 'grok') return { path: [spec] };
  const path: string[] = [];
  let i = 0;
  if (spec === '.' || spec.startsWith('.:')) {
    i = 1; // document root
  } else {
    while (true) {
      if (spec[i] === '"') {
        let seg = '';
        i++;
        while (i < spec.length && spec[i] !== '"') {
          if (spec[i] === '\\' && i + 1 < spec.length) i++;
          seg += spec[i++];
        }
        if (i >= spec.length) throw new GrokError(`unterminated quoted field name in '${spec}'`);
        i++;
        path.push(seg);
      } else {
        let j = i;
        while (j < spec.length && spec[j] !== '.' && spec[j] !== ':' && spec[j] !== '"') j++;
        if (j === i) throw new GrokError(`invalid field path '${spec}'`);
        path.push(spec.slice(i, j));
        i = j;
      }
      if (spec[i] !== '.') break;
      i++;
    }
  }
  if (i >= spec.length) return { path };
  if (spec[i] !== ':') throw new GrokError(`invalid field path '${spec}'`);
  const filter = spec.slice(i + 1);
  if (!CONVERSIONS.has(filter)) throw new GrokError(`unknown filter '${filter}'`);
  return { path, convert: filter as GrokConvert };
}

/**
 * Adapts raw (Oniguruma-flavoured) regex text between references to a `u`-flag JavaScript regex:
 * user named groups become generated groups recorded as fields, atomic groups `(?>` become `(?:`,
 * `\A`/`\z`/`\Z` become `^`/`$`, `\h` becomes a hex-digit class, identity escapes of
 * non-syntax characters (`\"`, `\ `, `\-` outside a class, …) lose their backslash, and braces or
 * `]` that are literal in Oniguruma (`{"a":1}`) are escaped.
 */
function rewriteRaw(text: string, ctx: Ctx): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      i++;
      if (n === undefined) {
        out += '\\\\';
      } else if (/[A-Za-z0-9]/u.test(n)) {
        if (!inClass && (n === 'A' || n === 'z' || n === 'Z')) out += n === 'A' ? '^' : '$';
        else if (n === 'h') out += inClass ? '0-9A-Fa-f' : '[0-9A-Fa-f]';
        else out += `\\${n}`;
      } else if (SYNTAX_CHARS.has(n) || (inClass && n === '-')) {
        out += `\\${n}`;
      } else {
        out += n;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (text[i + 1] === '^') out += text[++i];
      // Oniguruma (like POSIX) reads a `]` right after `[` or `[^` as a literal.
      if (text[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && text[i + 1] === '?') {
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_.@-]*)>/u.exec(text.slice(i));
      if (named) {
        const group = `g${ctx.fields.length}`;
        ctx.fields.push({ group, path: [named[1]] });
        out += `(?<${group}>`;
        i += named[0].length - 1;
        continue;
      }
      if (text[i + 2] === '>') {
        out += '(?:';
        i += 2;
        continue;
      }
    }
    if (c === '{') {
      const quantifier = /^\{[0-9]+(?:,[0-9]*)?\}/u.exec(text.slice(i));
      if (quantifier) {
        out += quantifier[0];
        i += quantifier[0].length - 1;
      } else {
        out += '\\{';
      }
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      continue;
    }
    out += c;
  }
  return out;
}
