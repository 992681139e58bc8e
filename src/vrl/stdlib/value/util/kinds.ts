/** Kind helpers for the value functions' return types (VRL's `restrict_array`, `merge_overwrite`, …). */
import { K, Kind } from '../../../types/index.js';
import type { ArgumentInfo } from '../../function.js';
import { isObject, VrlRegex, VrlTimestamp, type Value } from '../../../value/index.js';

export type Args = readonly (ArgumentInfo | undefined)[];

/** The inferred kind of argument `i` (`any` when absent). */
export function argKind(args: Args, i: number): Kind {
  return args[i]?.kind ?? Kind.any();
}

/** The argument's constant value, when it is a literal. */
export function constantOf(args: Args, i: number): Value | undefined {
  return args[i]?.constant?.value;
}

/** True when the argument is a known constant (or absent, so its default applies). */
export function isConstantOrAbsent(args: Args, i: number): boolean {
  return args[i] === undefined || args[i]!.constant !== undefined;
}

/** The array part of a kind (what `restrict_array` keeps); an array of any when it has none. */
export function restrictArray(kind: Kind): Kind {
  return kind.array ? Kind.of(K.ARRAY, undefined, kind.array) : Kind.array();
}

/** The object part of a kind (what `restrict_object` keeps); an object of any when it has none. */
export function restrictObject(kind: Kind): Kind {
  return kind.object ? Kind.of(K.OBJECT, kind.object) : Kind.object({}, Kind.any());
}

/** The number of elements when every array of this kind has exactly that many. */
export function exactArrayLength(kind: Kind): number | undefined {
  const array = kind.array;
  if (!array || array.unknown !== undefined) return undefined;
  const n = array.known.size;
  for (let i = 0; i < n; i++) if (!array.known.has(i)) return undefined;
  return n;
}

/** The union of every element kind of an array/field kind of an object (VRL's `reduced_kind`). */
export function reducedKind(collection: {
  known: ReadonlyMap<unknown, Kind>;
  unknown: Kind | undefined;
}): Kind {
  let kind: Kind | undefined = collection.unknown;
  for (const k of collection.known.values()) kind = kind ? kind.or(k) : k;
  return kind ?? Kind.bits(0);
}

/** `undefined` becomes `null` (a missing path read as a value). */
export function upgradeUndefined(kind: Kind): Kind {
  return kind.intersects(K.UNDEFINED) ? kind.without(K.UNDEFINED).or(Kind.null()) : kind;
}

/** Object kind `to` overwritten field by field with `from` (VRL's `merge_overwrite`). */
export function mergeOverwrite(to: Kind, from: Kind): Kind {
  const a = to.object ?? { known: new Map<string, Kind>(), unknown: Kind.any() };
  const b = from.object ?? { known: new Map<string, Kind>(), unknown: Kind.any() };
  const known = new Map<string, Kind>();
  for (const [key, kind] of a.known) known.set(key, b.unknown ? kind.or(b.unknown) : kind);
  for (const [key, kind] of b.known) known.set(key, kind);
  const unknown = a.unknown && b.unknown ? a.unknown.or(b.unknown) : (a.unknown ?? b.unknown);
  return Kind.object(known, unknown);
}

/** The exact kind of a value (closed objects and tuples), as the compiler infers it for a literal. */
export function kindOfValue(value: Value): Kind {
  switch (typeof value) {
    case 'string':
      return Kind.bytes();
    case 'bigint':
      return Kind.integer();
    case 'number':
      return Kind.float();
    case 'boolean':
      return Kind.boolean();
  }
  if (value === null) return Kind.null();
  if (value instanceof Uint8Array) return Kind.bytes();
  if (value instanceof VrlTimestamp) return Kind.timestamp();
  if (value instanceof VrlRegex) return Kind.regex();
  if (Array.isArray(value)) return Kind.tuple(value.map(kindOfValue));
  if (isObject(value)) {
    const known = new Map<string, Kind>();
    for (const key of Object.keys(value)) known.set(key, kindOfValue(value[key]!));
    return Kind.object(known);
  }
  return Kind.any();
}

/** An array kind with these known elements and kind of any other element (`undefined`: no others). */
export function arrayKind(known: ReadonlyMap<number, Kind>, unknown: Kind | undefined): Kind {
  return Kind.of(K.ARRAY, undefined, { known, unknown });
}
