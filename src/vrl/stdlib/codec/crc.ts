import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { CRC_CATALOG } from './crc_catalog.js';
import { crcChecksum } from './crc_engine.js';
import { bytesOf, constantOf, fail, upper } from './util.js';

export const crc: FunctionDef = {
  name: 'crc',
  parameters: [required('value', K.BYTES), optional('algorithm', K.BYTES)],
  compile(args) {
    const constant = constantOf(args, 1);
    const valid =
      args[1] === undefined ||
      ((typeof constant === 'string' || constant instanceof Uint8Array) && CRC_CATALOG.has(upper(constant)));
    return {
      kind: Kind.bytes(),
      fallible: !valid,
      pure: true,
      call: (value, algorithm) => {
        const name = algorithm === undefined ? 'CRC_32_ISO_HDLC' : upper(algorithm);
        const params = CRC_CATALOG.get(name);
        if (!params) fail(`Invalid CRC algorithm: ${name}`);
        return crcChecksum(params, bytesOf(value)).toString();
      },
    };
  },
  examples: [
    {
      title: 'Create CRC checksum using the default algorithm',
      source: 'crc("foo")',
      result: '"2356372769"',
    },
    {
      title: 'Create CRC checksum using the CRC_32_CKSUM algorithm',
      source: 'crc("foo", algorithm: "CRC_32_CKSUM")',
      result: '"4271552933"',
    },
  ],
};
