import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { fail, textOf } from './util.js';

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export const decode_base16 = defineFunction({
  name: 'decode_base16',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const text = textOf(value);
    if (text.length % 2 !== 0) fail('unable to decode value to base16');
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i++) {
      const hi = nibble(text.charCodeAt(2 * i));
      const lo = nibble(text.charCodeAt(2 * i + 1));
      if (hi < 0 || lo < 0) fail('unable to decode value to base16');
      out[i] = (hi << 4) | lo;
    }
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Decode Base16 data',
      source: 'decode_base16!("736F6D6520737472696E672076616C7565")',
      result: '"some string value"',
    },
    {
      title: 'Decode longer Base16 data',
      source: 'decode_base16!("796f752068617665207375636365737366756c6c79206465636f646564206d65")',
      result: '"you have successfully decoded me"',
    },
  ],
});
