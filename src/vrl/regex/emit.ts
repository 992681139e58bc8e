/** The intermediate form in `ast.ts` → JavaScript `RegExp` source (for the `u` or `v` flag). */
import type { CharClass, ClassBody, ClassItem, Fold, LookKind, Node } from './ast.js';
import { ASCII_PERL, UNICODE_WORD, caseVariants, foldRange } from './unicode.js';

/**
 * How case-insensitivity reaches JavaScript: `flag` — every case-relevant atom is folded, so the
 * JavaScript `i` flag says it all; `plain` — nothing is folded; `expand` — mixed (scoped `(?i)`
 * or ASCII-only folding), so folded atoms are rewritten as explicit classes (`a` → `[aA]`).
 */
export type CaseMode = 'flag' | 'plain' | 'expand';

export interface EmitContext {
  mode: CaseMode;
  /** Set when the output uses class set syntax (nesting, `&&`, `--`) that needs the `v` flag. */
  needV: boolean;
}

const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';
const hex = (cp: number): string => cp.toString(16).toUpperCase();

function charOut(cp: number, inClass: boolean): string {
  const c = String.fromCodePoint(cp);
  if (/^[0-9A-Za-z_]$/.test(c)) return c;
  if (SYNTAX_CHARS.includes(c) || (inClass && c === '-')) return `\\${c}`;
  if (cp < 0x80) return !inClass && cp >= 0x20 && cp < 0x7f ? c : `\\x${hex(cp).padStart(2, '0')}`;
  return /^[\p{L}\p{N}]$/u.test(c) ? c : `\\u{${hex(cp)}}`;
}

const rangeOut = (lo: number, hi: number): string =>
  lo === hi ? charOut(lo, true) : `${charOut(lo, true)}-${charOut(hi, true)}`;

/** Sorted, merged ranges of a list of code points. */
function toRanges(cps: number[]): [number, number][] {
  const sorted = [...new Set(cps)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const cp of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === cp) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

// --- deciding the case mode -------------------------------------------------------------------

interface CaseUse {
  folded: boolean;
  plain: boolean;
  ascii: boolean;
}

function itemCaseRelevant(item: ClassItem): boolean {
  switch (item.kind) {
    case 'range':
      return foldRange(item.lo, item.hi, false).length > 0;
    case 'prop':
      return true;
    case 'perl':
      return !item.unicode && item.which === 'w';
    case 'class':
      return bodyCaseRelevant(item.cls.body);
  }
}

function bodyCaseRelevant(body: ClassBody): boolean {
  return body.kind === 'union'
    ? body.items.some(itemCaseRelevant)
    : bodyCaseRelevant(body.lhs) || bodyCaseRelevant(body.rhs);
}

function noteFold(fold: Fold, use: CaseUse): void {
  if (fold === 'none') use.plain = true;
  else if (fold === 'ascii') use.ascii = true;
  else use.folded = true;
}

function scanCase(node: Node, use: CaseUse): void {
  switch (node.t) {
    case 'lit':
      if (caseVariants(node.cp, false).length > 0) noteFold(node.fold, use);
      return;
    case 'class':
      if (bodyCaseRelevant(node.cls.body)) noteFold(node.fold, use);
      return;
    case 'word':
      if (!node.unicode) use.plain = true; // [0-9A-Za-z_] must not pick up K (Kelvin) via `i`
      return;
    case 'group':
    case 'rep':
      return scanCase(node.body, use);
    case 'cat':
    case 'alt':
      return node.items.forEach((n) => scanCase(n, use));
    default:
      return;
  }
}

export function chooseCaseMode(node: Node): CaseMode {
  const use: CaseUse = { folded: false, plain: false, ascii: false };
  scanCase(node, use);
  if (use.ascii || (use.folded && use.plain)) return 'expand';
  return use.folded ? 'flag' : 'plain';
}

// --- classes ------------------------------------------------------------------------------------

/** Flatten nested non-negated unions, turn `\W`-like items into nested classes, hoist lone nests. */
function simplifyBody(body: ClassBody): ClassBody {
  if (body.kind === 'op') return { ...body, lhs: simplifyBody(body.lhs), rhs: simplifyBody(body.rhs) };
  const items = body.items.flatMap((item): ClassItem[] => {
    if (item.kind === 'class') {
      const inner = simplifyClass(item.cls);
      return !inner.negated && inner.body.kind === 'union'
        ? inner.body.items
        : [{ kind: 'class', cls: inner }];
    }
    if (item.kind === 'perl' && item.negated && (item.which === 'w' || !item.unicode)) {
      const plain: ClassItem = { ...item, negated: false };
      return [{ kind: 'class', cls: { negated: true, body: { kind: 'union', items: [plain] } } }];
    }
    return [item];
  });
  return { kind: 'union', items };
}

function simplifyClass(cls: CharClass): CharClass {
  const body = simplifyBody(cls.body);
  const only = body.kind === 'union' && body.items.length === 1 ? body.items[0]! : null;
  if (only?.kind === 'class') return { negated: cls.negated !== only.cls.negated, body: only.cls.body };
  return { negated: cls.negated, body };
}

/** Under scoped `(?i)`, Rust folds `\p{Lu}` to every cased letter; approximate with `LC` / `Cased`. */
function foldedProp(body: string): string {
  if (body === 'Lu' || body === 'Ll' || body === 'Lt') return 'LC';
  return body === 'Uppercase' || body === 'Lowercase' ? 'Cased' : body;
}

function emitItem(item: ClassItem, fold: Fold, ctx: EmitContext): string {
  switch (item.kind) {
    case 'range': {
      const extra = fold === 'none' ? [] : foldRange(item.lo, item.hi, fold === 'ascii');
      return (
        rangeOut(item.lo, item.hi) +
        toRanges(extra)
          .map(([lo, hi]) => rangeOut(lo, hi))
          .join('')
      );
    }
    case 'prop':
      return `\\${item.negated ? 'P' : 'p'}{${fold === 'unicode' ? foldedProp(item.body) : item.body}}`;
    case 'perl': {
      if (!item.unicode) return ASCII_PERL[item.which].map(([lo, hi]) => rangeOut(lo, hi)).join('');
      if (item.which === 'w') return UNICODE_WORD;
      return `\\${item.negated ? 'P' : 'p'}{${item.which === 'd' ? 'Nd' : 'White_Space'}}`;
    }
    case 'class':
      ctx.needV = true;
      return `[${item.cls.negated ? '^' : ''}${emitBody(item.cls.body, fold, ctx)}]`;
  }
}

function emitBody(body: ClassBody, fold: Fold, ctx: EmitContext): string {
  if (body.kind === 'union') return body.items.map((it) => emitItem(it, fold, ctx)).join('');
  ctx.needV = true;
  const lhs = `[${emitBody(body.lhs, fold, ctx)}]`;
  const rhs = `[${emitBody(body.rhs, fold, ctx)}]`;
  if (body.op === '~~') return `[${lhs}--${rhs}][${rhs}--${lhs}]`;
  return `${lhs}${body.op}${rhs}`;
}

function emitClass(cls: CharClass, fold: Fold, ctx: EmitContext): string {
  const c = simplifyClass(cls);
  const only = c.body.kind === 'union' && c.body.items.length === 1 ? c.body.items[0]! : null;
  const bare = only?.kind === 'prop' || (only?.kind === 'perl' && only.unicode && only.which !== 'w');
  if (!c.negated && only && bare && (ctx.mode !== 'expand' || fold === 'none'))
    return emitItem(only, 'none', ctx);
  return `[${c.negated ? '^' : ''}${emitBody(c.body, ctx.mode === 'expand' ? fold : 'none', ctx)}]`;
}

// --- everything else ----------------------------------------------------------------------------

function wordAssertion(kind: LookKind, unicode: boolean): string {
  const w = unicode ? `[${UNICODE_WORD}]` : '[0-9A-Za-z_]';
  switch (kind) {
    case 'b':
      return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
    case 'B':
      return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
    case 'start':
      return `(?<!${w})(?=${w})`;
    case 'end':
      return `(?<=${w})(?!${w})`;
    case 'startHalf':
      return `(?<!${w})`;
    case 'endHalf':
      return `(?!${w})`;
  }
}

function anchor(end: boolean, line: boolean, crlf: boolean): string {
  if (!line) return end ? '$' : '^';
  if (!crlf) return end ? '(?![^\\n])' : '(?<![^\\n])';
  // CRLF mode: \r, \n and \r\n end lines, and ^/$ never match between \r and \n.
  return `${end ? '(?![^\\n\\r])' : '(?<![^\\n\\r])'}(?!(?<=\\r)\\n)`;
}

function quantifier(min: number, max: number | null): string {
  if (max === null) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

const JS_GROUP_NAME = /^[$_\p{ID_Start}][$\u200C\u200D\p{ID_Continue}]*$/u;

export function emitNode(node: Node, ctx: EmitContext): string {
  switch (node.t) {
    case 'empty':
      return '';
    case 'lit': {
      const variants = ctx.mode === 'expand' && node.fold !== 'none';
      const others = variants ? caseVariants(node.cp, node.fold === 'ascii') : [];
      if (others.length === 0) return charOut(node.cp, false);
      return `[${[node.cp, ...others].map((cp) => charOut(cp, true)).join('')}]`;
    }
    case 'class':
      return emitClass(node.cls, node.fold, ctx);
    case 'dot':
      return node.s ? '[\\s\\S]' : node.crlf ? '[^\\n\\r]' : '[^\\n]';
    case 'anchor':
      return anchor(node.end, node.line, node.crlf);
    case 'word':
      return wordAssertion(node.kind, node.unicode);
    case 'group': {
      const body = emitNode(node.body, ctx);
      if (node.index === null) return `(?:${body})`;
      return node.name !== null && JS_GROUP_NAME.test(node.name) ? `(?<${node.name}>${body})` : `(${body})`;
    }
    case 'rep': {
      const b = node.body;
      const atomic = b.t === 'lit' || b.t === 'class' || b.t === 'dot' || b.t === 'group';
      const body = emitNode(b, ctx);
      const q = quantifier(node.min, node.max) + (node.greedy ? '' : '?');
      return `${atomic ? body : `(?:${body})`}${q}`;
    }
    case 'cat':
      return node.items.map((n) => (n.t === 'alt' ? `(?:${emitNode(n, ctx)})` : emitNode(n, ctx))).join('');
    case 'alt':
      return node.items.map((n) => emitNode(n, ctx)).join('|');
  }
}
