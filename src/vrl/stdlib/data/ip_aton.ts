import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { IPV4_SYNTAX, ipToBigInt, parseIpv4 } from './ip.js';

export const ip_aton = defineFunction({
  name: 'ip_aton',
  parameters: [required('value', K.BYTES)],
  kind: Kind.integer(),
  fallible: true,
  call(value) {
    const ip = parseIpv4(toText(value as string | Uint8Array));
    if (!ip) throw new VrlError(`unable to parse IPv4 address: ${IPV4_SYNTAX}`);
    return ipToBigInt(ip);
  },
  examples: [{ title: 'IPv4 to integer', source: 'ip_aton!("1.2.3.4")', result: '16909060' }],
});
