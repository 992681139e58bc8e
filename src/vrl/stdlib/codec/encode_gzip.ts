import { gzipSync } from 'node:zlib';
import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { flateLevel, levelFallible } from './compression_level.js';
import { bytesOf, u8 } from './util.js';

export const encode_gzip = defineFunction({
  name: 'encode_gzip',
  parameters: [required('value', K.BYTES), optional('compression_level', K.INTEGER)],
  kind: Kind.bytes(),
  fallible: (args) => levelFallible(args, 1),
  call: (value, level) => {
    const out = u8(gzipSync(bytesOf(value), { level: flateLevel(level) }));
    out[9] = 0xff; // header OS byte: "unknown", as flate2 writes it
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Encode to Gzip',
      source: 'encode_base64(encode_gzip("please encode me"))',
      result: '"H4sIAAAAAAAA/yvISU0sTlVIzUvOT0lVyE0FAI4R4vcQAAAA"',
    },
  ],
});
