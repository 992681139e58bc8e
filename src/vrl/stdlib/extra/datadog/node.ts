/**
 * The Datadog search query tree (VRL's `QueryNode`) and the visitor that builds it from the grammar's
 * pairs: `AND` binds tighter than `OR`, juxtaposed clauses are `AND`ed, `NOT`/`-` negate the next clause,
 * `_exists_:`/`_missing_:` test presence, and a parenthesised group after `field:` searches that field.
 */
import { parseQueryRoot, type QueryPair } from './grammar.js';

export type Comparison = 'gt' | 'lt' | 'gte' | 'lte';

export type ComparisonValue =
  | { readonly type: 'unbounded' }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'integer'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number };

export type QueryNode =
  | { readonly type: 'matchAllDocs' }
  | { readonly type: 'matchNoDocs' }
  | { readonly type: 'attributeExists'; readonly attr: string }
  | { readonly type: 'attributeMissing'; readonly attr: string }
  | {
      readonly type: 'attributeRange';
      readonly attr: string;
      readonly lower: ComparisonValue;
      readonly lowerInclusive: boolean;
      readonly upper: ComparisonValue;
      readonly upperInclusive: boolean;
    }
  | {
      readonly type: 'attributeComparison';
      readonly attr: string;
      readonly comparator: Comparison;
      readonly value: ComparisonValue;
    }
  | { readonly type: 'attributeTerm'; readonly attr: string; readonly value: string }
  | { readonly type: 'quotedAttribute'; readonly attr: string; readonly phrase: string }
  | { readonly type: 'attributePrefix'; readonly attr: string; readonly prefix: string }
  | { readonly type: 'attributeWildcard'; readonly attr: string; readonly wildcard: string }
  | { readonly type: 'negatedNode'; readonly node: QueryNode }
  | { readonly type: 'boolean'; readonly oper: 'and' | 'or'; readonly nodes: readonly QueryNode[] };

export const DEFAULT_FIELD = '_default_';
const EXISTS_FIELD = '_exists_';
const MISSING_FIELD = '_missing_';

/** Remove backslash escapes (a trailing lone backslash is dropped). */
export function unescape(input: string): string {
  let out = '';
  let escaped = false;
  for (const c of input) {
    if (escaped) {
      out += c;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else out += c;
  }
  return out;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Rust's `str::parse::<i64>`. */
export function parseRustI64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text.startsWith('+') ? text.slice(1) : text);
  return n < I64_MIN || n > I64_MAX ? undefined : n;
}

/** Rust's `str::parse::<f64>` (decimal, exponent, `inf`, `infinity`, `nan`). */
export function parseRustF64(text: string): number | undefined {
  const m = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (m) {
    if (m[2]!.toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return undefined;
  return Number(text);
}

export function comparisonValueFrom(raw: string): ComparisonValue {
  const unescaped = unescape(raw);
  const quoted = /^"(.+)"$/.exec(unescaped);
  const v = quoted ? quoted[1]! : unescaped;
  if (v === '*') return { type: 'unbounded' };
  const i = parseRustI64(v);
  if (i !== undefined) return { type: 'integer', value: i };
  const f = parseRustF64(v);
  if (f !== undefined) return { type: 'float', value: f };
  return { type: 'string', value: v };
}

function newBoolean(oper: 'and' | 'or', nodes: QueryNode[]): QueryNode {
  return nodes.length === 1 ? nodes[0]! : { type: 'boolean', oper, nodes };
}

/** A query the visitor cannot build (VRL panics on these). */
export class QueryBuildError extends Error {}

class Visitor {
  constructor(private readonly chars: readonly string[]) {}

  private text(pair: QueryPair): string {
    return this.chars.slice(pair.start, pair.end).join('');
  }

  query(pair: QueryPair, defaultField: string): QueryNode {
    let isNot = false;
    const andGroups: QueryNode[] = [];
    let andGroup: QueryNode[] = [];
    for (const node of pair.children) {
      let built: QueryNode | undefined;
      switch (node.rule) {
        case 'multiterm':
          built = {
            type: 'attributeTerm',
            attr: defaultField,
            value: node.children.map((t) => unescape(this.text(t))).join(' '),
          };
          break;
        case 'conjunction':
          if (node.children[0]!.rule === 'OR') {
            andGroups.push(newBoolean('and', andGroup));
            andGroup = [];
          }
          break;
        case 'modifiers':
          if (node.children[0]!.rule === 'NOT') isNot = true;
          break;
        case 'clause':
          built = this.clause(node, defaultField);
          break;
        default:
          break;
      }
      if (built) {
        if (isNot) {
          isNot = false;
          built = { type: 'negatedNode', node: built };
        }
        andGroup.push(built);
      }
    }
    andGroups.push(newBoolean('and', andGroup));
    const result = newBoolean('or', andGroups);
    if (result.type === 'negatedNode' && result.node.type === 'matchAllDocs') return { type: 'matchNoDocs' };
    return result;
  }

  private clause(clause: QueryPair, defaultField: string): QueryNode {
    let field: string | undefined;
    for (const item of clause.children) {
      switch (item.rule) {
        case 'matchall':
          return { type: 'matchAllDocs' };
        case 'field': {
          const inner = item.children[0];
          field = inner && inner.rule === 'TERM' ? this.text(inner) : 'BROKEN';
          break;
        }
        case 'value':
          return this.value(item.children[0]!, field ?? defaultField);
        case 'query':
          return this.query(item, field ?? defaultField);
        default:
          break;
      }
    }
    return { type: 'matchAllDocs' };
  }

  private value(contents: QueryPair, f: string): QueryNode {
    const rule = contents.rule;
    const raw = this.text(contents);
    if (f === EXISTS_FIELD && rule === 'TERM') return { type: 'attributeExists', attr: unescape(raw) };
    if (f === EXISTS_FIELD && rule === 'PHRASE')
      return { type: 'attributeExists', attr: unescape(raw.slice(1, -1)) };
    if (f === MISSING_FIELD && rule === 'TERM') return { type: 'attributeMissing', attr: unescape(raw) };
    if (f === MISSING_FIELD && rule === 'PHRASE')
      return { type: 'attributeMissing', attr: unescape(raw.slice(1, -1)) };
    if (f === DEFAULT_FIELD && rule === 'STAR') return { type: 'matchAllDocs' };
    const attr = unescape(f);
    switch (rule) {
      case 'STAR':
        return { type: 'attributeWildcard', attr, wildcard: '*' };
      case 'TERM':
        return { type: 'attributeTerm', attr, value: unescape(raw) };
      case 'PHRASE':
        return { type: 'quotedAttribute', attr, phrase: unescape(raw.slice(1, -1)) };
      case 'TERM_PREFIX':
        return { type: 'attributePrefix', attr, prefix: unescape(raw.slice(0, -1)) };
      case 'TERM_GLOB':
        return { type: 'attributeWildcard', attr, wildcard: unescape(raw) };
      case 'range': {
        const [l, lv, rv, r] = contents.children;
        const lowerInclusive = l!.rule === 'LSQRBRACKET';
        const upperInclusive = r!.rule === 'RSQRBRACKET';
        if (lowerInclusive !== upperInclusive) throw new QueryBuildError('invalid range comparison');
        return {
          type: 'attributeRange',
          attr,
          lower: comparisonValueFrom(this.text(lv!)),
          lowerInclusive,
          upper: comparisonValueFrom(this.text(rv!)),
          upperInclusive,
        };
      }
      case 'comparison': {
        const [operator, operand] = contents.children;
        const comparator: Comparison = (
          { GT: 'gt', GT_EQ: 'gte', LT: 'lt', LT_EQ: 'lte' } as Record<string, Comparison>
        )[operator!.children[0]!.rule]!;
        const text = this.text(operand!);
        const value: ComparisonValue =
          operand!.rule === 'NUMERIC_TERM'
            ? comparisonValueFrom(text)
            : { type: 'string', value: unescape(text) };
        return { type: 'attributeComparison', attr, comparator, value };
      }
      default:
        throw new QueryBuildError(`unexpected ${rule}`);
    }
  }
}

/** Parse a Datadog search query (VRL's `QueryNode::from_str`). Throws `SearchSyntaxError`/`QueryBuildError`. */
export function parseQuery(query: string): QueryNode {
  if (query.trim() === '') return { type: 'matchAllDocs' };
  const chars = Array.from(query);
  const root = parseQueryRoot(chars);
  const inner = root.children[0]!;
  return new Visitor(chars).query(inner, DEFAULT_FIELD);
}
