/**
 * VRL's type lattice (`Kind` in upstream `src/value/kind`): a set of primitive kinds plus, when the set
 * includes object or array, what is known about their fields/elements. Immutable.
 *
 * - `known` maps a field name (or array index) to its kind;
 * - `unknown` is the kind of every other field/element, or `undefined` when there are no others
 *   (a closed object such as the result of `{ "a": 1 }`).
 *
 * Function definitions use the bit masks (`K.BYTES | K.NULL`) for parameters and the `Kind` builders for
 * return kinds (`Kind.object({ message: Kind.bytes() }, Kind.any())`).
 */

export const K = {
  BYTES: 1,
  INTEGER: 2,
  FLOAT: 4,
  BOOLEAN: 8,
  TIMESTAMP: 16,
  REGEX: 32,
  NULL: 64,
  ARRAY: 128,
  OBJECT: 256,
  /** A path that may not exist (type state only; never a parameter kind). */
  UNDEFINED: 512,
  /** Every value kind (`any` in VRL): not undefined. */
  ANY: 511,
  SCALAR: 127,
} as const;

const NAMES: [number, string][] = [
  [K.BYTES, 'string'],
  [K.INTEGER, 'integer'],
  [K.FLOAT, 'float'],
  [K.BOOLEAN, 'boolean'],
  [K.TIMESTAMP, 'timestamp'],
  [K.REGEX, 'regex'],
  [K.NULL, 'null'],
  [K.ARRAY, 'array'],
  [K.OBJECT, 'object'],
  [K.UNDEFINED, 'undefined'],
];

export interface Collection<Key> {
  readonly known: ReadonlyMap<Key, Kind>;
  /** Kind of any other entry; `undefined` when there are none. */
  readonly unknown: Kind | undefined;
}

export class Kind {
  private constructor(
    /** Bit set of `K` values. */
    readonly bits: number,
    /** Present iff `bits & K.OBJECT`. */
    readonly object?: Collection<string>,
    /** Present iff `bits & K.ARRAY`. */
    readonly array?: Collection<number>,
  ) {}

  static of(bits: number, object?: Collection<string>, array?: Collection<number>): Kind {
    const obj = bits & K.OBJECT ? (object ?? { known: new Map(), unknown: Kind.anyCache() }) : undefined;
    const arr = bits & K.ARRAY ? (array ?? { known: new Map(), unknown: Kind.anyCache() }) : undefined;
    return new Kind(bits, obj, arr);
  }

  private static anyInstance: Kind | undefined;
  private static anyCache(): Kind {
    // `any` nests itself: an object of any has fields of any.
    if (!Kind.anyInstance) {
      const k = new Kind(K.ANY);
      const coll = { known: new Map(), unknown: k };
      (k as { object?: Collection<string> }).object = coll as Collection<string>;
      (k as { array?: Collection<number> }).array = coll as unknown as Collection<number>;
      Kind.anyInstance = k;
    }
    return Kind.anyInstance;
  }

  static any(): Kind {
    return Kind.anyCache();
  }
  static bytes(): Kind {
    return new Kind(K.BYTES);
  }
  static integer(): Kind {
    return new Kind(K.INTEGER);
  }
  static float(): Kind {
    return new Kind(K.FLOAT);
  }
  static boolean(): Kind {
    return new Kind(K.BOOLEAN);
  }
  static timestamp(): Kind {
    return new Kind(K.TIMESTAMP);
  }
  static regex(): Kind {
    return new Kind(K.REGEX);
  }
  static null(): Kind {
    return new Kind(K.NULL);
  }
  static undefined(): Kind {
    return new Kind(K.UNDEFINED);
  }
  /** Only the primitive kinds in `bits` (object/array get unknown contents of any kind). */
  static bits(bits: number): Kind {
    return Kind.of(bits);
  }
  /** An object with these known fields; other fields have kind `unknown` (none when omitted). */
  static object(known: Record<string, Kind> | ReadonlyMap<string, Kind> = {}, unknown?: Kind): Kind {
    const map = known instanceof Map ? known : new Map(Object.entries(known));
    return new Kind(K.OBJECT, { known: map as ReadonlyMap<string, Kind>, unknown });
  }
  /** An array whose elements are all `element` (any when omitted). */
  static array(element: Kind = Kind.any(), known: ReadonlyMap<number, Kind> = new Map()): Kind {
    return new Kind(K.ARRAY, undefined, { known, unknown: element });
  }
  /** An array with exactly these elements. */
  static tuple(elements: Kind[]): Kind {
    return new Kind(K.ARRAY, undefined, {
      known: new Map(elements.map((e, i) => [i, e])),
      unknown: undefined,
    });
  }

  /** The union of two kinds (VRL's `Kind::union`). */
  or(other: Kind): Kind {
    const bits = this.bits | other.bits;
    return new Kind(
      bits,
      unionCollection(this.object, other.object),
      unionCollection(this.array, other.array),
    );
  }
  orNull(): Kind {
    return this.or(Kind.null());
  }
  orUndefined(): Kind {
    return this.or(Kind.undefined());
  }
  /** This kind without the given primitive bits. */
  without(bits: number): Kind {
    const rest = this.bits & ~bits;
    return new Kind(rest, rest & K.OBJECT ? this.object : undefined, rest & K.ARRAY ? this.array : undefined);
  }

  /** True when some value of this kind may be of a kind in `bits`. */
  intersects(bits: number): boolean {
    return (this.bits & bits) !== 0;
  }
  /** True when every value of this kind is of a kind in `bits`. */
  isSubsetOf(bits: number): boolean {
    return (this.bits & ~bits) === 0;
  }
  is(bits: number): boolean {
    return this.bits === bits;
  }
  isAny(): boolean {
    return (this.bits & K.ANY) === K.ANY;
  }

  /** VRL's rendering in messages: `string`, `integer or float`, `one of string, integer or null`, `any`. */
  toString(): string {
    if ((this.bits & K.ANY) === K.ANY) return this.bits & K.UNDEFINED ? 'any or undefined' : 'any';
    const names = NAMES.filter(([bit]) => this.bits & bit).map(([, name]) => name);
    if (names.length === 0) return 'never';
    if (names.length === 1) return names[0]!;
    if (names.length === 2) return `${names[0]} or ${names[1]}`;
    return `one of ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  }
}

function unionCollection<Key>(
  a: Collection<Key> | undefined,
  b: Collection<Key> | undefined,
): Collection<Key> | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a === b) return a;
  const known = new Map<Key, Kind>();
  const keys = new Set([...a.known.keys(), ...b.known.keys()]);
  for (const key of keys) {
    const x = a.known.get(key) ?? a.unknown ?? Kind.undefined();
    const y = b.known.get(key) ?? b.unknown ?? Kind.undefined();
    known.set(key, x.or(y));
  }
  const unknown = a.unknown && b.unknown ? a.unknown.or(b.unknown) : (a.unknown ?? b.unknown);
  return { known, unknown };
}

/** A parameter's accepted kinds as VRL names them (`string`, `string or integer`, `any`). */
export function describeBits(bits: number): string {
  return Kind.of((bits & ~(K.OBJECT | K.ARRAY)) | (bits & (K.OBJECT | K.ARRAY))).toString();
}
