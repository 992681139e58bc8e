import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { base64DecodeNoPad, parseCharset } from './base64.js';
import { bytesOf, fail, textOf } from './util.js';

export const decode_base64 = defineFunction({
  name: 'decode_base64',
  parameters: [required('value', K.BYTES), optional('charset', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, charset) => {
    const set = charset === undefined ? 'standard' : parseCharset(textOf(charset));
    if (!set) fail('unknown charset');
    const bytes = bytesOf(value);
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0x3d) end--;
    const decoded = base64DecodeNoPad(bytes.subarray(0, end), set);
    if (!decoded) fail('unable to decode value from base64');
    return fromBytes(decoded);
  },
  examples: [
    {
      title: 'Decode Base64 data (default)',
      source: 'decode_base64!("eW91IGhhdmUgc3VjY2Vzc2Z1bGx5IGRlY29kZWQgbWU=")',
      result: '"you have successfully decoded me"',
    },
    {
      title: 'Decode Base64 data (URL safe)',
      source:
        'decode_base64!("eW91IGNhbid0IG1ha2UgeW91ciBoZWFydCBmZWVsIHNvbWV0aGluZyBpdCB3b24ndA==", charset: "url_safe")',
      result: '"you can\'t make your heart feel something it won\'t"',
    },
  ],
});
