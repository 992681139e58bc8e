import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { formatIpv6, IP_SYNTAX, parseIp } from './ip.js';

export const ip_to_ipv6 = defineFunction({
  name: 'ip_to_ipv6',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call(value) {
    const ip = parseIp(toText(value as string | Uint8Array));
    if (!ip) throw new VrlError(`unable to parse IP address: ${IP_SYNTAX}`);
    if (ip.version === 6) return formatIpv6(ip.bytes);
    const mapped = new Uint8Array(16);
    mapped[10] = 0xff;
    mapped[11] = 0xff;
    mapped.set(ip.bytes, 12);
    return formatIpv6(mapped);
  },
  examples: [
    { title: 'IPv4 to IPv6', source: 'ip_to_ipv6!("192.168.10.32")', result: '"::ffff:192.168.10.32"' },
  ],
});
