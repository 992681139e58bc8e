import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { getField, setField, toText, type Value, type ValueObject } from '../../value/index.js';

/** `application/x-www-form-urlencoded` pairs into an object; a repeated key collects its values in an array. */
export function parseQueryString(text: string): ValueObject {
  const out: ValueObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = getField(out, key);
    if (existing === undefined) setField(out, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setField(out, key, [existing, value] as Value[]);
  }
  return out;
}

export const parse_query_string = defineFunction({
  name: 'parse_query_string',
  parameters: [required('value', K.BYTES)],
  kind: Kind.object({}, Kind.bytes().or(Kind.array(Kind.any()))),
  call: (value) => parseQueryString(toText(value as string | Uint8Array)),
  examples: [
    {
      title: 'Parse simple query string',
      source: 'parse_query_string("foo=1&bar=2")',
      result: '{ "foo": "1", "bar": "2" }',
    },
    {
      title: 'Parse query string',
      source: 'parse_query_string("foo=%2B1&bar=2&bar=3&xyz")',
      result: '{ "bar": ["2", "3"], "foo": "+1", "xyz": "" }',
    },
    {
      title: "Parse Ruby on Rails' query string",
      source: 'parse_query_string("?foo%5b%5d=1&foo%5b%5d=2")',
      result: '{"foo[]": ["1", "2"]}',
    },
  ],
});
