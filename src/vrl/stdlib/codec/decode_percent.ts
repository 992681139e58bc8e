import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText } from '../../value/index.js';
import { bytesOf } from './util.js';

function hex(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function percentDecode(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x25) {
      const hi = hex(bytes[i + 1]);
      const lo = hex(bytes[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[o++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[o++] = b;
  }
  return out.subarray(0, o);
}

export const decode_percent = defineFunction({
  name: 'decode_percent',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => toText(percentDecode(bytesOf(value))),
  examples: [
    { title: 'Percent decode a value', source: 'decode_percent("foo%20bar%3F")', result: '"foo bar?"' },
  ],
});
