import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { bytesOf, fail } from './util.js';
import { uuidText } from './uuid_format.js';

function digit(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 65 && b <= 90) return b - 55;
  if (b >= 97 && b <= 122) return b - 61;
  return -1;
}

/** Rust's `b'…'` rendering of one byte, as the base62 crate's error shows it. */
function byteLiteral(b: number): string {
  if (b === 0x27) return "b'\\''";
  if (b === 0x5c) return "b'\\\\'";
  if (b >= 0x20 && b < 0x7f) return `b'${String.fromCharCode(b)}'`;
  if (b === 0x09) return "b'\\t'";
  if (b === 0x0a) return "b'\\n'";
  if (b === 0x0d) return "b'\\r'";
  return `b'\\x${b.toString(16).padStart(2, '0')}'`;
}

export const uuid_from_friendly_id = defineFunction({
  name: 'uuid_from_friendly_id',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const bytes = bytesOf(value);
    if (bytes.length === 0) fail('failed to decode friendly id: Encoded input is an empty string');
    let n = 0n;
    for (let i = 0; i < bytes.length; i++) {
      const d = digit(bytes[i]!);
      if (d < 0)
        fail(
          `failed to decode friendly id: Encoded input contains the invalid byte ${byteLiteral(bytes[i]!)} at index ${i}`,
        );
      n = n * 62n + BigInt(d);
    }
    if (n >= 1n << 128n) fail('failed to decode friendly id: Decoded number cannot fit into a `u128`');
    const out = new Uint8Array(16);
    for (let i = 15; i >= 0; i--) {
      out[i] = Number(n & 0xffn);
      n >>= 8n;
    }
    return uuidText(out);
  },
  examples: [
    {
      title: 'Convert a Friendly ID to a UUID',
      source: 'uuid_from_friendly_id!("3s87yEvnmkiPBMHsj8bwwc")',
      result: '"7f41deed-d5e2-8b5e-7a13-ab4ff93cfad2"',
    },
  ],
});
