/**
 * Small stand-ins for a few stdlib functions (same parameters, kinds, fallibility and messages as VRL),
 * so the compiler's tests do not depend on which stdlib functions have landed.
 */
import { defineFunction, required, optional, type FunctionDef } from '../../stdlib/function.js';
import { K, Kind } from '../../types/index.js';
import {
  VrlError,
  VrlTimestamp,
  byteLength,
  isObject,
  kindDisplay,
  kindOf,
  parseVrlJson,
  toText,
  formatFloat,
  type Value,
} from '../../value/index.js';
import { toRfc3339 } from '../../time/index.js';

const text = (v: Value | undefined) => toText(v as string | Uint8Array);

export const TEST_FUNCTIONS: FunctionDef[] = [
  defineFunction({
    name: 'upcase',
    parameters: [required('value', K.BYTES)],
    kind: Kind.bytes(),
    call: (v) => text(v).toUpperCase(),
  }),
  defineFunction({
    name: 'downcase',
    parameters: [required('value', K.BYTES)],
    kind: Kind.bytes(),
    call: (v) => text(v).toLowerCase(),
  }),
  defineFunction({
    name: 'parse_json',
    parameters: [required('value', K.BYTES), optional('max_depth', K.INTEGER), optional('lossy', K.BOOLEAN)],
    kind: Kind.bits(K.BYTES | K.INTEGER | K.FLOAT | K.BOOLEAN | K.NULL | K.ARRAY | K.OBJECT),
    fallible: true,
    call: (v) => {
      try {
        return parseVrlJson(text(v));
      } catch (e) {
        throw new VrlError(`unable to parse json: ${(e as Error).message}`);
      }
    },
  }),
  defineFunction({
    name: 'to_string',
    parameters: [required('value', K.ANY)],
    kind: Kind.bytes(),
    fallible: (args) => args[0]!.kind.intersects(K.ARRAY | K.OBJECT | K.REGEX),
    call: (v) => {
      const value = v as Value;
      if (typeof value === 'string' || value instanceof Uint8Array) return value;
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number') return formatFloat(value).replace(/\.0$/, '');
      if (typeof value === 'boolean') return String(value);
      if (value === null) return '';
      if (value instanceof VrlTimestamp) return toRfc3339(value.ns);
      throw new VrlError(`unable to coerce ${kindDisplay(kindOf(value))} into string`);
    },
  }),
  defineFunction({
    name: 'string',
    parameters: [required('value', K.ANY)],
    kind: Kind.bytes(),
    fallible: (args) => !args[0]!.kind.isSubsetOf(K.BYTES),
    call: (v) => {
      const value = v as Value;
      if (typeof value === 'string' || value instanceof Uint8Array) return value;
      throw new VrlError(`expected string, got ${kindDisplay(kindOf(value))}`);
    },
  }),
  defineFunction({
    name: 'int',
    parameters: [required('value', K.ANY)],
    kind: Kind.integer(),
    fallible: (args) => !args[0]!.kind.isSubsetOf(K.INTEGER),
    call: (v) => {
      if (typeof v === 'bigint') return v;
      throw new VrlError(`expected integer, got ${kindDisplay(kindOf(v as Value))}`);
    },
  }),
  defineFunction({
    name: 'object',
    parameters: [required('value', K.ANY)],
    kind: Kind.object({}, Kind.any()),
    fallible: (args) => !args[0]!.kind.isSubsetOf(K.OBJECT),
    call: (v) => {
      if (isObject(v as Value)) return v as Value;
      throw new VrlError(`expected object, got ${kindDisplay(kindOf(v as Value))}`);
    },
  }),
  defineFunction({
    name: 'is_integer',
    parameters: [required('value', K.ANY)],
    kind: Kind.boolean(),
    call: (v) => typeof v === 'bigint',
  }),
  defineFunction({
    name: 'length',
    parameters: [required('value', K.ARRAY | K.OBJECT | K.BYTES)],
    kind: Kind.integer(),
    call: (v) => {
      const value = v as Value;
      if (Array.isArray(value)) return BigInt(value.length);
      if (isObject(value)) return BigInt(Object.keys(value).length);
      return BigInt(byteLength(value as string));
    },
  }),
];
