/**
 * VRL values in JavaScript.
 *
 * | VRL kind  | JavaScript                                                                    |
 * | --------- | ----------------------------------------------------------------------------- |
 * | bytes     | `string` (valid UTF-8, the common case) or `Uint8Array` (any other bytes)     |
 * | integer   | `bigint`, always within i64 (checked arithmetic, see `ops.ts`)                |
 * | float     | `number`, never NaN (VRL's `NotNan<f64>`)                                     |
 * | boolean   | `boolean`                                                                     |
 * | null      | `null`                                                                        |
 * | timestamp | `VrlTimestamp` (UTC instant, `bigint` nanoseconds since the epoch)            |
 * | regex     | `VrlRegex` (the Rust pattern text and its translated `RegExp`)                |
 * | array     | `Value[]`                                                                     |
 * | object    | a plain object (`ValueObject`); key order is irrelevant, VRL sorts on output |
 *
 * `typeof` separates integer (`bigint`) from float (`number`) at no cost, so a decoded `1` and `1.0`
 * stay different values as they do in VRL.
 */
import type { CompiledRustRegex } from '../regex/index.js';

export type Value =
  null | boolean | bigint | number | string | Uint8Array | VrlTimestamp | VrlRegex | Value[] | ValueObject;

export interface ValueObject {
  [key: string]: Value;
}

/** A VRL timestamp: nanoseconds since 1970-01-01T00:00:00Z, UTC. Immutable. */
export class VrlTimestamp {
  constructor(readonly ns: bigint) {}
}

/** A VRL regex value: `pattern` is the Rust-syntax source (flags inline, e.g. `(?i)`). Immutable. */
export class VrlRegex {
  constructor(
    readonly pattern: string,
    readonly compiled: CompiledRustRegex,
  ) {}
}

export type KindName =
  'bytes' | 'integer' | 'float' | 'boolean' | 'null' | 'timestamp' | 'regex' | 'array' | 'object';

/** The VRL kind of a value. */
export function kindOf(value: Value): KindName {
  switch (typeof value) {
    case 'string':
      return 'bytes';
    case 'bigint':
      return 'integer';
    case 'number':
      return 'float';
    case 'boolean':
      return 'boolean';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'array';
      if (value instanceof Uint8Array) return 'bytes';
      if (value instanceof VrlTimestamp) return 'timestamp';
      if (value instanceof VrlRegex) return 'regex';
      return 'object';
  }
}

/** How VRL names a kind in messages: bytes are called "string". */
export function kindDisplay(kind: KindName): string {
  return kind === 'bytes' ? 'string' : kind;
}

export function isBytes(value: Value): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

export function isObject(value: Value | undefined): value is ValueObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof VrlTimestamp) &&
    !(value instanceof VrlRegex)
  );
}

export function isArray(value: Value | undefined): value is Value[] {
  return Array.isArray(value);
}
