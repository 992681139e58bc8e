import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { ValueObject } from '../../value/index.js';
import { resolveFields } from './encode_key_value.js';
import { encodeKeyValue } from './key_value.js';

/** `encode_key_value` with `=`, ` ` and `flatten_boolean: true`. */
export const encode_logfmt: FunctionDef = {
  name: 'encode_logfmt',
  parameters: [required('value', K.OBJECT), optional('fields_ordering', K.ARRAY)],
  compile(args) {
    return {
      kind: Kind.bytes(),
      fallible: args[1] !== undefined,
      pure: true,
      call: (value, fields) => encodeKeyValue(value as ValueObject, resolveFields(fields), '=', ' ', true),
    };
  },
  examples: [
    {
      title: 'Encode to logfmt (no ordering)',
      source: 'encode_logfmt({"ts": "2021-06-05T17:20:00Z", "msg": "This is a message", "lvl": "info"})',
      result: '"lvl=info msg=\\"This is a message\\" ts=2021-06-05T17:20:00Z"',
    },
    {
      title: 'Encode to logfmt (fields ordering)',
      source:
        'encode_logfmt!({"ts": "2021-06-05T17:20:00Z", "msg": "This is a message", "lvl": "info", "log_id": 12345}, ["ts", "lvl", "msg"])',
      result: '"ts=2021-06-05T17:20:00Z lvl=info msg=\\"This is a message\\" log_id=12345"',
    },
    {
      title: 'Encode to logfmt (nested fields)',
      source:
        'encode_logfmt({"agent": {"name": "foo"}, "log": {"file": {"path": "my.log"}}, "event": "log"})',
      result: '"agent.name=foo event=log log.file.path=my.log"',
    },
    {
      title: 'Encode to logfmt (nested fields ordering)',
      source:
        'encode_logfmt!({"agent": {"name": "foo"}, "log": {"file": {"path": "my.log"}}, "event": "log"}, ["event", "log.file.path", "agent.name"])',
      result: '"event=log log.file.path=my.log agent.name=foo"',
    },
  ],
};
