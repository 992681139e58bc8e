import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseVrlJson, toVrlJson } from '../value/index.js';
import { compileVrl } from './index.js';

const verel = createRequire(import.meta.url)('@bpinternal/verel') as {
  execute(src: string, event: unknown): { result: unknown };
};

const EVENT = { foo: { q: 1 }, n: 3, s: 'x' };

// Each program's result is compared with upstream VRL's (the oracle). Not listed because our inferred
// kinds differ (not the rendering): `map_values` of a known object/tuple (upstream keeps the known
// fields), and `parse_json` (upstream's recursive `json` kind).
const PROGRAMS = [
  'type_def(42)',
  'type_def("s")',
  'type_def(1.5)',
  'type_def(true)',
  'type_def(null)',
  'type_def(now())',
  "type_def(r'x')",
  'type_def(.foo)',
  'type_def(.)',
  '.foo.x = 1; type_def(.foo)',
  '.a.b = "s"; type_def(.a)',
  'type_def({"a": [1, 2.0, "s", null, true]})',
  'type_def([])',
  'type_def({})',
  'x = 3; if .b == 1 { x = "s" }; type_def(x)',
  'type_def(to_int(.n) ?? 0)',
  'type_def(upcase("a"))',
  'x, err = to_int(.a); type_def(x)',
  'type_def(.foo.q)',
  'type_def(.nope)',
  'x = {"a": 1}; x.b = "s"; type_def(x)',
  'type_def(split("a,b", ","))',
  '.t = [1]; .t[3] = "s"; type_def(.t)',
  'type_def(parse_key_value!("a=b"))',
];

describe('type_def', () => {
  for (const src of PROGRAMS) {
    it(src, () => {
      const expected = verel.execute(src, EVENT).result;
      const out = compileVrl(src).run(parseVrlJson(JSON.stringify(EVENT)), { metadata: {} });
      if (!out.ok) throw new Error(out.error.message);
      expect(JSON.parse(toVrlJson(out.value))).toEqual(expected);
    });
  }
  it('is a constant object computed at compile time', () => {
    const out = compileVrl('x = type_def(1); x.extra = true; x').run({}, { metadata: {} });
    expect(out.ok && toVrlJson(out.value)).toBe('{"extra":true,"integer":true}');
  });
});
