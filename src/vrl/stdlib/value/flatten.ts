import { K, Kind } from '../../types/index.js';
import {
  isBytes,
  isObject,
  requireText,
  setField,
  sortedKeys,
  toText,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';

function flattenArray(array: Value[], out: Value[]): Value[] {
  for (const item of array) {
    if (Array.isArray(item)) flattenArray(item, out);
    else out.push(item);
  }
  return out;
}

function flattenObject(
  object: ValueObject,
  prefix: string | undefined,
  separator: string,
  except: ReadonlySet<string>,
  out: ValueObject,
): ValueObject {
  for (const key of sortedKeys(object)) {
    const value = object[key]!;
    const name = prefix === undefined ? key : `${prefix}${separator}${key}`;
    if (isObject(value) && !except.has(key)) flattenObject(value, name, separator, except, out);
    else setField(out, name, value);
  }
  return out;
}

/** The static `except` list: every element must be a constant string. */
function staticExcept(constant: Value | undefined, given: boolean): Set<string> {
  if (!given) return new Set();
  if (constant === undefined || !Array.isArray(constant)) {
    throw new FunctionCompileError(402, 'expected static expression for argument "except"', 2);
  }
  return new Set(
    constant.map((item) => {
      if (!isBytes(item)) throw new FunctionCompileError(403, 'expected a string value', 2);
      return toText(item);
    }),
  );
}

/** `flatten(value, separator: ".", except: [])`: nested objects (or arrays) to a single level. */
export const flatten: FunctionDef = {
  name: 'flatten',
  parameters: [
    required('value', K.OBJECT | K.ARRAY),
    optional('separator', K.BYTES),
    optional('except', K.ARRAY),
  ],
  compile(args) {
    const except = staticExcept(args[2]?.constant?.value, args[2] !== undefined);
    return {
      kind: args[0]!.kind.is(K.ARRAY) ? Kind.array() : Kind.object({}, Kind.any()),
      fallible: false,
      pure: true,
      call: (value, separator) => {
        if (Array.isArray(value)) return flattenArray(value, []);
        const sep = separator === undefined ? '.' : requireText(separator);
        return flattenObject(value as ValueObject, undefined, sep, except, {});
      },
    };
  },
  examples: [
    {
      title: 'Flatten array',
      source: 'flatten([1, [2, 3, 4], [5, [6, 7], 8], 9])',
      result: '[1, 2, 3, 4, 5, 6, 7, 8, 9]',
    },
    {
      title: 'Flatten object',
      source:
        'flatten({\n    "parent1": {\n        "child1": 1,\n        "child2": 2\n    },\n    "parent2": {\n        "child3": 3\n    }\n})\n',
      result: '{ "parent1.child1": 1, "parent1.child2": 2, "parent2.child3": 3 }',
    },
    {
      title: 'Flatten object with custom separator',
      source: 'flatten({ "foo": { "bar": true }}, "_")',
      result: '{ "foo_bar": true }',
    },
    {
      title: 'Flatten object with except',
      source: 'flatten({ "parent": { "child": 1 }, "keep": { "nested": 2 } }, except: ["keep"])',
      result: '{ "keep": { "nested": 2 }, "parent.child": 1 }',
    },
  ],
};
