import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes, VrlError } from '../../value/index.js';
import { formatIpv4, formatIpv6 } from './ip.js';

export const ip_ntop = defineFunction({
  name: 'ip_ntop',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call(value) {
    const bytes = toBytes(value as string | Uint8Array);
    if (bytes.length === 4) return formatIpv4(bytes);
    if (bytes.length === 16) return formatIpv6(bytes);
    throw new VrlError('"value" must be of length 4 or 16 bytes');
  },
  examples: [
    {
      title: 'Convert IPv4 address from bytes after decoding from Base64',
      source: 'ip_ntop!(decode_base64!("wKgAAQ=="))',
      result: '"192.168.0.1"',
    },
    {
      title: 'Convert IPv6 address from bytes after decoding from Base64',
      source: 'ip_ntop!(decode_base64!("IAENuIWjAAAAAIouA3BzNA=="))',
      result: '"2001:db8:85a3::8a2e:370:7334"',
    },
  ],
});
