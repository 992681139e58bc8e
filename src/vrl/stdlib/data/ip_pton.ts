import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes, toText, VrlError } from '../../value/index.js';
import { IP_SYNTAX, parseIp } from './ip.js';

export const ip_pton = defineFunction({
  name: 'ip_pton',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call(value) {
    const ip = parseIp(toText(value as string | Uint8Array));
    if (!ip) throw new VrlError(`unable to parse IP address: ${IP_SYNTAX}`);
    return fromBytes(ip.bytes.slice());
  },
  examples: [
    {
      title: 'Convert IPv4 address to bytes and encode to Base64',
      source: 'encode_base64(ip_pton!("192.168.0.1"))',
      result: '"wKgAAQ=="',
    },
    {
      title: 'Convert IPv6 address to bytes and encode to Base64',
      source: 'encode_base64(ip_pton!("2001:db8:85a3::8a2e:370:7334"))',
      result: '"IAENuIWjAAAAAIouA3BzNA=="',
    },
  ],
});
