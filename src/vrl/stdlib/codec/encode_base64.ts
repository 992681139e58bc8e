import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { base64Encode, parseCharset } from './base64.js';
import { bytesOf, fail, textOf } from './util.js';

export const encode_base64 = defineFunction({
  name: 'encode_base64',
  parameters: [required('value', K.BYTES), optional('padding', K.BOOLEAN), optional('charset', K.BYTES)],
  kind: Kind.bytes(),
  call: (value, padding, charset) => {
    const set = charset === undefined ? 'standard' : parseCharset(textOf(charset));
    if (!set) fail('unknown charset');
    return base64Encode(bytesOf(value), set, padding !== false);
  },
  examples: [
    {
      title: 'Encode to Base64 (default)',
      source: 'encode_base64("please encode me")',
      result: '"cGxlYXNlIGVuY29kZSBtZQ=="',
    },
    {
      title: 'Encode to Base64 (without padding)',
      source: 'encode_base64("please encode me, no padding though", padding: false)',
      result: '"cGxlYXNlIGVuY29kZSBtZSwgbm8gcGFkZGluZyB0aG91Z2g"',
    },
    {
      title: 'Encode to Base64 (URL safe)',
      source: 'encode_base64("please encode me, but safe for URLs", charset: "url_safe")',
      result: '"cGxlYXNlIGVuY29kZSBtZSwgYnV0IHNhZmUgZm9yIFVSTHM="',
    },
    {
      title: 'Encode to Base64 (without padding and URL safe)',
      source: 'encode_base64("some string value", padding: false, charset: "url_safe")',
      result: '"c29tZSBzdHJpbmcgdmFsdWU"',
    },
  ],
});
