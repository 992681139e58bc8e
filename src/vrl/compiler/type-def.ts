/**
 * `type_def(value)`: the argument's compile-time type definition as an object (upstream's debug function
 * `type_def`, which renders `Kind::debug_info` of the canonical kind): `{ "integer": true }`,
 * `{ "any": true }`, `{ "object": { "a": {…} }, "object_unknown_infinite": { "any": true } }`.
 */
import { K, Kind, type Collection } from '../types/index.js';
import { setField, type ValueObject } from '../value/index.js';
import type { Builtin } from './builtins.js';

const EVERYTHING = K.ANY | K.UNDEFINED;
const JSON_BITS = K.BYTES | K.INTEGER | K.FLOAT | K.BOOLEAN | K.NULL | K.ARRAY | K.OBJECT;

/** Our "unknown of any kind" (upstream's infinite `any` unknown). */
function isAnyUnknown(k: Kind | undefined): boolean {
  return k !== undefined && k === Kind.any();
}

function isOpenAny(c: Collection<string> | Collection<number> | undefined): boolean {
  return c !== undefined && c.known.size === 0 && isAnyUnknown(c.unknown);
}

/** Upstream `Kind::is_any`: every kind, undefined included, with collections of anything. */
function isAny(kind: Kind): boolean {
  return kind.bits === EVERYTHING && isOpenAny(kind.object) && isOpenAny(kind.array);
}

/** The `json` kind: every JSON kind (no undefined), with open collections. */
function isJson(kind: Kind): boolean {
  return kind.bits === JSON_BITS && isOpenAny(kind.object) && isOpenAny(kind.array);
}

const FLAGS: [number, string][] = [
  [K.BYTES, 'bytes'],
  [K.INTEGER, 'integer'],
  [K.FLOAT, 'float'],
  [K.BOOLEAN, 'boolean'],
  [K.TIMESTAMP, 'timestamp'],
  [K.REGEX, 'regex'],
  [K.NULL, 'null'],
  [K.UNDEFINED, 'undefined'],
];

export function kindTree(kind: Kind, showUnknown = true): ValueObject {
  const tree: ValueObject = {};
  if ((kind.bits & EVERYTHING) === 0) {
    tree.never = true;
    return tree;
  }
  if (isAny(kind)) {
    tree.any = true;
    return tree;
  }
  if (isJson(kind)) {
    tree.json = true;
    return tree;
  }
  for (const [bit, name] of FLAGS) if (kind.bits & bit) tree[name] = true;
  collection(tree, 'object', kind.object, showUnknown);
  collection(tree, 'array', kind.array, showUnknown);
  return tree;
}

function collection(
  tree: ValueObject,
  prefix: 'object' | 'array',
  c: Collection<string> | Collection<number> | undefined,
  showUnknown: boolean,
): void {
  if (!c) return;
  const anyUnknown = isAnyUnknown(c.unknown);
  const known: ValueObject = {};
  const entries = [...(c.known as ReadonlyMap<string | number, Kind>).entries()].sort((a, b) =>
    typeof a[0] === 'number' && typeof b[0] === 'number' ? a[0] - b[0] : String(a[0]) < String(b[0]) ? -1 : 1,
  );
  for (const [key, k] of entries) {
    // Canonical form: a known entry that is just the unknown kind is not listed.
    if (anyUnknown && isAny(k)) continue;
    setField(known, String(key), kindTree(k, showUnknown));
  }
  tree[prefix] = known;
  if (!showUnknown || !c.unknown) return;
  // The VRL the oracle embeds reports every unknown as "infinite" (with its own unknowns shown).
  tree[`${prefix}_unknown_infinite`] = anyUnknown ? { any: true } : kindTree(c.unknown.orUndefined(), true);
}

export const typeDef: Builtin = {
  name: 'type_def',
  parameters: [{ keyword: 'value', kind: K.ANY, required: true }],
  compile(c, a) {
    const arg = c.argument(a.slots[0]!, a.state);
    const value = kindTree(arg.kind);
    return { code: c.constant(value), kind: Kind.any(), fallible: false, constant: { value } };
  },
};
