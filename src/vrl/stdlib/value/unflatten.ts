import { K, Kind } from '../../types/index.js';
import {
  isObject,
  requireText,
  setField,
  sortedKeys,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { defineFunction, optional, required } from '../function.js';

/** Rust's `str::split_once`. */
function splitOnce(text: string, separator: string): [string, string] | undefined {
  const i = text.indexOf(separator);
  return i < 0 ? undefined : [text.slice(0, i), text.slice(i + separator.length)];
}

/** Rust's `str::split` (an empty separator yields `""`, each character, then `""`). */
function splitAll(text: string, separator: string): string[] {
  return separator === '' ? ['', ...Array.from(text), ''] : text.split(separator);
}

function unflattenValue(value: Value, separator: string, recursive: boolean): Value {
  return isObject(value)
    ? unflattenEntries(
        sortedKeys(value).map((k) => [k, value[k]!]),
        separator,
        recursive,
      )
    : value;
}

function unflattenEntries(entries: [string, Value][], separator: string, recursive: boolean): ValueObject {
  const groups = new Map<string, [string | undefined, Value][]>();
  for (const [key, value] of entries) {
    const split = splitOnce(key, separator);
    const head = split ? split[0] : key;
    let group = groups.get(head);
    if (!group) groups.set(head, (group = []));
    group.push([split?.[1], value]);
  }
  const out: ValueObject = {};
  for (const [key, group] of groups) {
    if (group.length === 1) {
      const [rest, value] = group[0]!;
      let result = recursive ? unflattenValue(value, separator, recursive) : value;
      if (rest !== undefined) {
        for (const part of splitAll(rest, separator).reverse()) {
          const nested: ValueObject = {};
          setField(nested, part, result);
          result = nested;
        }
      }
      setField(out, key, result);
      continue;
    }
    const nested = group.filter((entry): entry is [string, Value] => entry[0] !== undefined);
    setField(out, key, unflattenEntries(nested, separator, recursive));
  }
  return out;
}

/** `unflatten(value, separator: ".", recursive: true)`: dotted keys to nested objects. */
export const unflatten = defineFunction({
  name: 'unflatten',
  parameters: [required('value', K.OBJECT), optional('separator', K.BYTES), optional('recursive', K.BOOLEAN)],
  kind: Kind.object({}, Kind.any()),
  call: (value, separator, recursive) => {
    const sep = separator === undefined ? '.' : requireText(separator);
    return unflattenValue(value!, sep, (recursive as boolean | undefined) ?? true);
  },
  examples: [
    {
      title: 'Unflatten',
      source: 'unflatten({\n    "foo.bar.baz": true,\n    "foo.bar.qux": false,\n    "foo.quux": 42\n})\n',
      result:
        '{\n    "foo": {\n        "bar": {\n            "baz": true,\n            "qux": false\n        },\n        "quux": 42\n    }\n}\n',
    },
    {
      title: 'Unflatten recursively',
      source:
        'unflatten({\n    "flattened.parent": {\n        "foo.bar": true,\n        "foo.baz": false\n    }\n})\n',
      result:
        '{\n    "flattened": {\n        "parent": {\n            "foo": {\n                "bar": true,\n                "baz": false\n            }\n        }\n    }\n}\n',
    },
    {
      title: 'Unflatten non-recursively',
      source:
        'unflatten({\n    "flattened.parent": {\n        "foo.bar": true,\n        "foo.baz": false\n    }\n}, recursive: false)\n',
      result:
        '{\n    "flattened": {\n        "parent": {\n            "foo.bar": true,\n            "foo.baz": false\n        }\n    }\n}\n',
    },
    {
      title: 'Ignore inconsistent keys values',
      source: 'unflatten({\n    "a": 3,\n    "a.b": 2,\n    "a.c": 4\n})\n',
      result: '{\n    "a": {\n        "b": 2,\n        "c": 4\n    }\n}\n',
    },
    {
      title: 'Unflatten with custom separator',
      source: 'unflatten({ "foo_bar": true }, "_")',
      result: '{"foo": { "bar": true }}',
    },
  ],
});
