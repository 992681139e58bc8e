import { parseAllDocuments } from 'yaml';
import { defineFunction, required } from '../function.js';
import { K } from '../../types/index.js';
import { setField, toText, VrlError, type Value, type ValueObject } from '../../value/index.js';
import { jsonKind } from './json_kind.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** The parsed YAML data (core schema) as VRL values: integers exact, map keys as text. */
function toValue(data: unknown): Value {
  if (data === null || data === undefined) return null;
  switch (typeof data) {
    case 'bigint':
      return data >= I64_MIN && data <= I64_MAX ? data : Number(data);
    case 'number':
      if (Number.isNaN(data))
        throw new VrlError(
          'unable to parse yaml: invalid value: floating point `NaN`, expected any valid JSON value',
        );
      return data;
    case 'string':
    case 'boolean':
      return data;
    default:
      break;
  }
  if (Array.isArray(data)) return data.map(toValue);
  if (data instanceof Map) {
    const out: ValueObject = {};
    for (const [key, value] of data) setField(out, keyText(key), toValue(value));
    return out;
  }
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'object') {
    const out: ValueObject = {};
    for (const [key, value] of Object.entries(data as Record<string, unknown>))
      setField(out, key, toValue(value));
    return out;
  }
  return String(data);
}

function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null || key === undefined) return 'null';
  return String(key);
}

export function parseYamlText(text: string): Value {
  const docs = parseAllDocuments(text, { version: '1.2', schema: 'core', intAsBigInt: true, merge: false });
  if (!Array.isArray(docs)) throw new VrlError('unable to parse yaml: invalid YAML stream');
  if (docs.length > 1) {
    throw new VrlError(
      'unable to parse yaml: deserializing from YAML containing more than one document is not supported',
    );
  }
  const doc = docs[0];
  if (!doc) return null;
  const error = doc.errors[0];
  if (error) throw new VrlError(`unable to parse yaml: ${error.message.split('\n')[0]}`);
  return toValue(doc.toJS({ mapAsMap: true, maxAliasCount: 1000 }));
}

export const parse_yaml = defineFunction({
  name: 'parse_yaml',
  parameters: [required('value', K.BYTES)],
  kind: jsonKind(),
  fallible: true,
  call(value) {
    let text = toText(value as string | Uint8Array);
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    return parseYamlText(text);
  },
  examples: [
    { title: 'Parse simple YAML', source: "parse_yaml!(s'key: val')", result: '{ "key": "val" }' },
    {
      title: 'Parse YAML',
      source: `parse_yaml!(s'
                    object:
                        string: value
                        number: 42
                        boolean: false
                        array:
                        - hello
                        - world
                        json_array: ["hello", "world"]
                ')`,
      result:
        '{ "object": { "string": "value", "number": 42, "boolean": false, "array": ["hello", "world"], "json_array": ["hello", "world"] } }',
    },
    { title: 'Parse YAML string', source: "parse_yaml!(s'hello')", result: '"hello"' },
    { title: 'Parse YAML quoted string', source: `parse_yaml!(s'"hello"')`, result: '"hello"' },
    { title: 'Parse YAML integer', source: 'parse_yaml!("42")', result: '42' },
    { title: 'Parse YAML float', source: 'parse_yaml!("42.13")', result: '42.13' },
    { title: 'Parse YAML boolean', source: 'parse_yaml!("false")', result: 'false' },
    { title: 'Parse embedded JSON', source: `parse_yaml!(s'{"key": "val"}')`, result: '{ "key": "val" }' },
    { title: 'Parse embedded JSON array', source: 'parse_yaml!("[true, 0]")', result: '[true, 0]' },
  ],
});
