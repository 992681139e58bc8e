/**
 * Type-state operations along paths (upstream `Kind::at_path`, `Kind::insert`, `Kind::remove`):
 * what reading `.a.b[0]` yields and how a write or a delete changes a container's kind.
 */
import { K, Kind, type Collection } from './kind.js';

export type KindSegment = string | number;

function fieldKind(kind: Kind, key: string): Kind {
  let out: Kind | undefined;
  if (kind.object) {
    const known = kind.object.known.get(key);
    // A field only known through `unknown` may also be absent.
    out = known ?? (kind.object.unknown ? kind.object.unknown.orUndefined() : Kind.undefined());
  }
  if (!kind.isSubsetOf(K.OBJECT)) out = out ? out.or(Kind.undefined()) : Kind.undefined();
  return out ?? Kind.undefined();
}

function indexKind(kind: Kind, index: number): Kind {
  let out: Kind | undefined;
  if (kind.array) {
    const arr = kind.array;
    if (index >= 0)
      out = arr.known.get(index) ?? (arr.unknown ? arr.unknown.orUndefined() : Kind.undefined());
    else {
      // A negative index: any element (or nothing) unless the array is a known tuple.
      const tupleLength = arr.unknown === undefined ? arr.known.size : undefined;
      if (tupleLength !== undefined && tupleLength + index >= 0) out = arr.known.get(tupleLength + index);
      else {
        out = Kind.undefined();
        for (const k of arr.known.values()) out = out.or(k);
        if (arr.unknown) out = out.or(arr.unknown);
      }
    }
  }
  if (!kind.isSubsetOf(K.ARRAY)) out = out ? out.or(Kind.undefined()) : Kind.undefined();
  return out ?? Kind.undefined();
}

/** The kind found at `path` (may include `undefined` when the path can be missing). */
export function kindAtPath(kind: Kind, path: readonly KindSegment[]): Kind {
  let k = kind;
  for (const seg of path) {
    const next = typeof seg === 'string' ? fieldKind(k, seg) : indexKind(k, seg);
    k = next;
  }
  return k;
}

/** What reading a path yields at runtime: a missing value reads as `null`. */
export function readKind(kind: Kind, path: readonly KindSegment[]): Kind {
  const k = kindAtPath(kind, path);
  if (k.intersects(K.UNDEFINED)) {
    const rest = k.without(K.UNDEFINED);
    return rest.bits === 0 ? Kind.null() : rest.orNull();
  }
  return k;
}

/** The kind of `container` after writing a value of kind `value` at `path`. */
export function insertKind(container: Kind, path: readonly KindSegment[], value: Kind): Kind {
  if (path.length === 0) return value;
  const [seg, ...rest] = path;
  if (typeof seg === 'string') {
    // Writing a field keeps what was known of the object part (an unknown value, `any`, stays open).
    const obj: Collection<string> | undefined = container.object;
    const known = new Map(obj?.known ?? []);
    const currentChild = obj ? (obj.known.get(seg) ?? obj.unknown ?? Kind.undefined()) : Kind.undefined();
    known.set(seg, insertKind(currentChild, rest, value));
    return Kind.of(K.OBJECT, { known, unknown: obj ? obj.unknown : undefined });
  }
  const index = seg!;
  const arr: Collection<number> | undefined = container.array;
  if (index < 0 || !arr) {
    // The length is unknown or changes: every element may be anything we know of, or null.
    let element = value.or(Kind.null());
    if (arr) {
      for (const k of arr.known.values()) element = element.or(k);
      if (arr.unknown) element = element.or(arr.unknown);
    }
    if (index >= 0 && !arr) {
      const known = new Map<number, Kind>();
      for (let i = 0; i < index; i++) known.set(i, Kind.null());
      known.set(index, insertKind(Kind.undefined(), rest, value));
      return Kind.of(K.ARRAY, undefined, { known, unknown: undefined });
    }
    return Kind.array(rest.length ? Kind.any() : element.without(K.UNDEFINED));
  }
  const known = new Map(arr.known);
  if (arr.unknown === undefined) for (let i = arr.known.size; i < index; i++) known.set(i, Kind.null());
  const currentChild = arr.known.get(index) ?? arr.unknown ?? Kind.undefined();
  known.set(index, insertKind(currentChild, rest, value));
  return Kind.of(K.ARRAY, undefined, { known, unknown: arr.unknown });
}

/** The kind of `container` after removing `path` (fields become absent; arrays lose what we knew). */
export function removeKind(container: Kind, path: readonly KindSegment[]): Kind {
  if (path.length === 0) return container;
  const [seg, ...rest] = path;
  if (typeof seg === 'string') {
    if (!container.object) return container;
    const obj = container.object;
    const known = new Map(obj.known);
    if (rest.length === 0) {
      known.delete(seg);
    } else {
      const child = obj.known.get(seg);
      if (child) known.set(seg, removeKind(child, rest));
      else return container;
    }
    return Kind.of(container.bits, { known, unknown: obj.unknown }, container.array);
  }
  if (!container.array) return container;
  // Removing from an array shifts the rest: what was known about positions is lost.
  return Kind.of(container.bits, container.object, { known: new Map(), unknown: Kind.any() });
}

/** Merge of two object kinds (`a | b`): b's known fields overwrite a's. */
export function mergeObjectKinds(a: Kind, b: Kind): Kind {
  const ao = a.object;
  const bo = b.object;
  if (!ao || !bo) return Kind.of(K.OBJECT);
  const known = new Map(ao.known);
  for (const [k, v] of bo.known) known.set(k, v);
  let unknown: Kind | undefined = ao.unknown;
  if (bo.unknown) {
    unknown = unknown ? unknown.or(bo.unknown) : bo.unknown;
    // Fields known on the left may be overwritten by any of the right's unknown fields.
    for (const [k, v] of ao.known) if (!bo.known.has(k)) known.set(k, v.or(bo.unknown));
  }
  return Kind.of(K.OBJECT, { known, unknown });
}

/** The kind of a stored value: a missing value (`undefined`) is stored as null. */
export function storedKind(kind: Kind): Kind {
  if (!kind.intersects(K.UNDEFINED)) return kind;
  const rest = kind.without(K.UNDEFINED);
  return rest.bits === 0 ? Kind.null() : rest.orNull();
}
