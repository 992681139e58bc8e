import { deflateSync } from 'node:zlib';
import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { flateLevel, levelFallible } from './compression_level.js';
import { bytesOf, u8 } from './util.js';

export const encode_zlib = defineFunction({
  name: 'encode_zlib',
  parameters: [required('value', K.BYTES), optional('compression_level', K.INTEGER)],
  kind: Kind.bytes(),
  fallible: (args) => levelFallible(args, 1),
  call: (value, level) => fromBytes(u8(deflateSync(bytesOf(value), { level: flateLevel(level) }))),
  examples: [
    {
      title: 'Encode to Zlib',
      source: 'encode_base64(encode_zlib("please encode me"))',
      result: '"eJwryElNLE5VSM1Lzk9JVchNBQA0RQX7"',
    },
  ],
});
