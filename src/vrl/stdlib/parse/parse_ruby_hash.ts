import { required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { textOf } from './args.js';
import { parseRubyHash } from './ruby-hash.js';

export const parse_ruby_hash: FunctionDef = {
  name: 'parse_ruby_hash',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: Kind.object(
        {},
        Kind.null()
          .or(Kind.bytes())
          .or(Kind.float())
          .or(Kind.boolean())
          .or(Kind.array())
          .or(Kind.object({}, Kind.any())),
      ),
      fallible: true,
      pure: true,
      call: (value: Value | undefined) => parseRubyHash(textOf(value)),
    };
  },
  examples: [
    {
      title: 'Parse ruby hash',
      source: `parse_ruby_hash!(s'{ "test" => "value", "testNum" => 0.2, "testObj" => { "testBool" => true, "testNull" => nil } }')`,
      result: '{"test": "value", "testNum": 0.2, "testObj": {"testBool": true, "testNull": null}}',
    },
  ],
};
