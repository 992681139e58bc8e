import { optional, required, type ArgumentInfo, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import {
  isBytes,
  kindDisplay,
  kindOf,
  toText,
  VrlError,
  type Value,
  type ValueObject,
} from '../../value/index.js';
import { encodeKeyValue } from './key_value.js';
import { textOf } from './util.js';

/** The `fields_ordering` array as strings, or VRL's error naming the first bad element. */
export function resolveFields(fields: Value | undefined): string[] {
  if (fields === undefined) return [];
  return (fields as Value[]).map((field, index) => {
    if (isBytes(field)) return toText(field);
    throw new VrlError(
      `invalid field value type at index ${index}: expected string, got ${kindDisplay(kindOf(field))}`,
    );
  });
}

export const encode_key_value: FunctionDef = {
  name: 'encode_key_value',
  parameters: [
    required('value', K.OBJECT),
    optional('fields_ordering', K.ARRAY),
    optional('key_value_delimiter', K.BYTES),
    optional('field_delimiter', K.BYTES),
    optional('flatten_boolean', K.BOOLEAN),
  ],
  compile(args: readonly (ArgumentInfo | undefined)[]) {
    return {
      kind: Kind.bytes(),
      fallible: args[1] !== undefined,
      pure: true,
      call: (value, fields, keyValueDelimiter, fieldDelimiter, flattenBoolean) =>
        encodeKeyValue(
          value as ValueObject,
          resolveFields(fields),
          keyValueDelimiter === undefined ? '=' : textOf(keyValueDelimiter),
          fieldDelimiter === undefined ? ' ' : textOf(fieldDelimiter),
          flattenBoolean === true,
        ),
    };
  },
  examples: [
    {
      title: 'Encode with default delimiters (no ordering)',
      source:
        'encode_key_value(\n  {\n    "ts": "2021-06-05T17:20:00Z",\n    "msg": "This is a message",\n    "lvl": "info"\n  }\n)',
      result: '"lvl=info msg=\\"This is a message\\" ts=2021-06-05T17:20:00Z"',
    },
    {
      title: 'Encode with default delimiters (fields ordering)',
      source:
        'encode_key_value!(\n  {\n    "ts": "2021-06-05T17:20:00Z",\n    "msg": "This is a message",\n    "lvl": "info",\n    "log_id": 12345\n  },\n  ["ts", "lvl", "msg"]\n)',
      result: '"ts=2021-06-05T17:20:00Z lvl=info msg=\\"This is a message\\" log_id=12345"',
    },
    {
      title: 'Encode with default delimiters (nested fields)',
      source:
        'encode_key_value(\n  {\n    "agent": {"name": "foo"},\n    "log": {"file": {"path": "my.log"}},\n    "event": "log"\n  }\n)',
      result: '"agent.name=foo event=log log.file.path=my.log"',
    },
    {
      title: 'Encode with default delimiters (nested fields ordering)',
      source:
        'encode_key_value!(\n  {\n    "agent": {"name": "foo"},\n    "log": {"file": {"path": "my.log"}},\n    "event": "log"\n  },\n  ["event", "log.file.path", "agent.name"])',
      result: '"event=log log.file.path=my.log agent.name=foo"',
    },
    {
      title: 'Encode with custom delimiters (no ordering)',
      source:
        'encode_key_value(\n  {"ts": "2021-06-05T17:20:00Z", "msg": "This is a message", "lvl": "info"},\n  field_delimiter: ",",\n  key_value_delimiter: ":"\n)',
      result: '"lvl:info,msg:\\"This is a message\\",ts:2021-06-05T17:20:00Z"',
    },
    {
      title: 'Encode with custom delimiters and flatten boolean',
      source:
        'encode_key_value(\n  {"ts": "2021-06-05T17:20:00Z", "msg": "This is a message", "lvl": "info", "beta": true, "dropped": false},\n  field_delimiter: ",",\n  key_value_delimiter: ":",\n  flatten_boolean: true\n)',
      result: '"beta,lvl:info,msg:\\"This is a message\\",ts:2021-06-05T17:20:00Z"',
    },
  ],
};
