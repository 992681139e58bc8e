/**
 * A Datadog search query tree compiled to a JavaScript predicate over a VRL object, with VRL's field
 * rules: no field searches the default fields (`message`, `custom.error.message`, `custom.error.stack`,
 * `custom.title`, `_default_`) by word; `@attr` reads an attribute path; reserved names (`host`,
 * `source`, `status`, `service`, `trace_id`, `message`, `timestamp`, `tags`) read that field; any other
 * name is a tag looked up in the `tags` array as `name:value`.
 */
import { compileRustRegex } from '../../../regex/index.js';
import { toRfc3339 } from '../../../time/index.js';
import { bytesEqual, isBytes, toText, VrlRegex, VrlTimestamp, type Value } from '../../../value/index.js';
import { rustFloatDisplay } from '../../codec/rust_float.js';
import { DEFAULT_FIELD, type Comparison, type ComparisonValue, type QueryNode } from './node.js';
import { getAtPath, parseValuePath, type PathSegment } from './path.js';

export type Matcher = (value: Value) => boolean;

type Field =
  | { readonly kind: 'default'; readonly name: string }
  | { readonly kind: 'reserved'; readonly name: string }
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'tag'; readonly name: string };

const DEFAULT_FIELDS = ['message', 'custom.error.message', 'custom.error.stack', 'custom.title', '_default_'];
const RESERVED_ATTRIBUTES = [
  'host',
  'source',
  'status',
  'service',
  'trace_id',
  'message',
  'timestamp',
  'tags',
];

/** A field path in the query is not a valid VRL path. */
export class InvalidFieldPath extends Error {}

function normalizeFields(attr: string): Field[] {
  if (attr === DEFAULT_FIELD) return DEFAULT_FIELDS.map((name) => ({ kind: 'default', name }));
  const name = attr.replaceAll('@', '.');
  if (attr.startsWith('@')) return [{ kind: 'attribute', name }];
  if (DEFAULT_FIELDS.includes(name)) return [{ kind: 'default', name }];
  if (RESERVED_ATTRIBUTES.includes(name)) return [{ kind: 'reserved', name }];
  return [{ kind: 'tag', name }];
}

function lookupField(field: Field): PathSegment[] {
  if (field.kind === 'tag') return [{ field: 'tags' }];
  const path = parseValuePath(field.name);
  if (!path) throw new InvalidFieldPath(field.name);
  return path;
}

/** VRL's `Display` for a value. */
function display(value: Value): string {
  if (value === null) return 'null';
  if (isBytes(value)) {
    return `"${toText(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return rustFloatDisplay(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof VrlTimestamp) return `t'${toRfc3339(value.ns)}'`;
  if (value instanceof VrlRegex) return `r'${value.pattern}'`;
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  const keys = Object.keys(value).sort();
  return `{ ${keys.map((k) => `"${k}": ${display(value[k]!)}`).join(', ')} }`;
}

/** Text of a value: bytes as UTF-8 text, anything else as VRL displays it. */
function stringValue(value: Value): string {
  return isBytes(value) ? toText(value) : display(value);
}

/** Rust's `regex::escape`. */
function regexEscape(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
}

function wordRegex(toMatch: string): RegExp {
  return compileRustRegex(`\\b${regexEscape(toMatch).replaceAll('\\*', '.*')}\\b`).regex;
}

function wildcardRegex(toMatch: string): RegExp {
  return compileRustRegex(`^${regexEscape(toMatch).replaceAll('\\*', '.*')}$`).regex;
}

/** Byte-wise (code point) string order, as Rust compares `str`. */
function compareStrings(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function holds<T extends number | bigint>(op: Comparison, lhs: T, rhs: T): boolean {
  switch (op) {
    case 'lt':
      return lhs < rhs;
    case 'lte':
      return lhs <= rhs;
    case 'gt':
      return lhs > rhs;
    case 'gte':
      return lhs >= rhs;
  }
}

function holdsText(op: Comparison, lhs: string, rhs: string): boolean {
  return holds(op, compareStrings(lhs, rhs), 0);
}

function comparisonDisplay(value: ComparisonValue): string {
  switch (value.type) {
    case 'unbounded':
      return '*';
    case 'string':
      return value.value;
    case 'integer':
      return value.value.toString();
    case 'float':
      return rustFloatDisplay(value.value);
  }
}

function resolve(path: PathSegment[], run: Matcher): Matcher {
  return (object) => {
    const value = getAtPath(object, path);
    return value === undefined ? false : run(value);
  };
}

function tagItems(value: Value): Value[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function containsBytes(items: Value[], text: string): boolean {
  return items.some((v) => isBytes(v) && bytesEqual(v, text));
}

function exists(field: Field): Matcher {
  const path = lookupField(field);
  if (field.kind === 'tag') {
    const tag = field.name;
    const startsWith = `${tag}:`;
    return resolve(path, (value) => {
      const items = tagItems(value);
      return !!items?.some((v) => {
        const s = stringValue(v);
        return s === tag || s.startsWith(startsWith);
      });
    });
  }
  // VRL compares each element of a literal `tags` field with the whole array, which never holds.
  if (field.kind === 'reserved' && field.name === 'tags') return resolve(path, () => false);
  return resolve(path, () => true);
}

function equals(field: Field, toMatch: string): Matcher {
  const path = lookupField(field);
  switch (field.kind) {
    case 'default': {
      const re = wordRegex(toMatch);
      return resolve(path, (value) => isBytes(value) && re.test(toText(value)));
    }
    case 'tag': {
      const tagged = `${field.name}:${toMatch}`;
      return resolve(path, (value) => containsBytes(tagItems(value) ?? [], tagged));
    }
    default:
      if (field.kind === 'reserved' && field.name === 'tags') {
        return resolve(path, (value) => containsBytes(tagItems(value) ?? [], toMatch));
      }
      return resolve(path, (value) => stringValue(value) === toMatch);
  }
}

function prefix(field: Field, start: string): Matcher {
  const path = lookupField(field);
  switch (field.kind) {
    case 'default': {
      const re = wordRegex(`${start}*`);
      return resolve(path, (value) => re.test(stringValue(value)));
    }
    case 'tag': {
      const startsWith = `${field.name}:${start}`;
      return resolve(path, (value) => !!tagItems(value)?.some((v) => stringValue(v).startsWith(startsWith)));
    }
    default:
      return resolve(path, (value) => stringValue(value).startsWith(start));
  }
}

function wildcard(field: Field, pattern: string): Matcher {
  const path = lookupField(field);
  switch (field.kind) {
    case 'default': {
      const re = wordRegex(pattern);
      return resolve(path, (value) => re.test(stringValue(value)));
    }
    case 'tag': {
      const re = wildcardRegex(`${field.name}:${pattern}`);
      return resolve(path, (value) => !!tagItems(value)?.some((v) => re.test(stringValue(v))));
    }
    default: {
      const re = wildcardRegex(pattern);
      return resolve(path, (value) => re.test(stringValue(value)));
    }
  }
}

function compare(field: Field, op: Comparison, rhsValue: ComparisonValue): Matcher {
  const path = lookupField(field);
  const rhs = comparisonDisplay(rhsValue);
  switch (field.kind) {
    case 'attribute':
      return resolve(path, (value) => {
        if (typeof value === 'bigint' && rhsValue.type === 'integer') return holds(op, value, rhsValue.value);
        if (typeof value === 'bigint' && rhsValue.type === 'float')
          return holds(op, Number(value), rhsValue.value);
        if (typeof value === 'number' && rhsValue.type === 'float') return holds(op, value, rhsValue.value);
        if (typeof value === 'number' && rhsValue.type === 'integer')
          return holds(op, value, Number(rhsValue.value));
        return holdsText(op, stringValue(value), rhs);
      });
    case 'tag':
      return resolve(path, (value) => {
        const items = tagItems(value);
        return !!items?.some((v) => {
          const s = stringValue(v);
          const colon = s.indexOf(':');
          return colon >= 0 && holdsText(op, s.slice(colon + 1), rhs);
        });
      });
    default:
      return resolve(path, (value) => holdsText(op, stringValue(value), rhs));
  }
}

function range(
  field: Field,
  lower: ComparisonValue,
  lowerInclusive: boolean,
  upper: ComparisonValue,
  upperInclusive: boolean,
): Matcher {
  if (lower.type === 'unbounded' && upper.type === 'unbounded') return exists(field);
  if (lower.type === 'unbounded') return compare(field, upperInclusive ? 'lte' : 'lt', upper);
  if (upper.type === 'unbounded') return compare(field, lowerInclusive ? 'gte' : 'gt', lower);
  const low = compare(field, lowerInclusive ? 'gte' : 'gt', lower);
  const high = compare(field, upperInclusive ? 'lte' : 'lt', upper);
  return (value) => low(value) && high(value);
}

const any =
  (matchers: Matcher[]): Matcher =>
  (value) =>
    matchers.some((m) => m(value));
const all =
  (matchers: Matcher[]): Matcher =>
  (value) =>
    matchers.every((m) => m(value));

/** Build the predicate (VRL's `build_matcher`). Throws `InvalidFieldPath`. */
export function buildMatcher(node: QueryNode): Matcher {
  switch (node.type) {
    case 'matchNoDocs':
      return () => false;
    case 'matchAllDocs':
      return () => true;
    case 'attributeExists':
      return any(normalizeFields(node.attr).map(exists));
    case 'attributeMissing':
      return all(
        normalizeFields(node.attr).map((f) => {
          const m = exists(f);
          return (v: Value) => !m(v);
        }),
      );
    case 'attributeTerm':
      return any(normalizeFields(node.attr).map((f) => equals(f, node.value)));
    case 'quotedAttribute':
      return any(normalizeFields(node.attr).map((f) => equals(f, node.phrase)));
    case 'attributePrefix':
      return any(normalizeFields(node.attr).map((f) => prefix(f, node.prefix)));
    case 'attributeWildcard':
      return any(normalizeFields(node.attr).map((f) => wildcard(f, node.wildcard)));
    case 'attributeComparison':
      return any(normalizeFields(node.attr).map((f) => compare(f, node.comparator, node.value)));
    case 'attributeRange':
      return any(
        normalizeFields(node.attr).map((f) =>
          range(f, node.lower, node.lowerInclusive, node.upper, node.upperInclusive),
        ),
      );
    case 'negatedNode': {
      const inner = buildMatcher(node.node);
      return (value) => !inner(value);
    }
    case 'boolean': {
      const matchers = node.nodes.map(buildMatcher);
      return node.oper === 'and' ? all(matchers) : any(matchers);
    }
  }
}
