import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { formatIpv4, formatIpv6, IP_SYNTAX, parseIp } from './ip.js';

export const ipv6_to_ipv4 = defineFunction({
  name: 'ipv6_to_ipv4',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call(value) {
    const ip = parseIp(toText(value as string | Uint8Array));
    if (!ip) throw new VrlError(`unable to parse IP address: ${IP_SYNTAX}`);
    if (ip.version === 4) return formatIpv4(ip.bytes);
    // Rust's `Ipv6Addr::to_ipv4`: IPv4-compatible (`::a.b.c.d`) or IPv4-mapped (`::ffff:a.b.c.d`).
    const b = ip.bytes;
    const zeros = b.subarray(0, 10).every((x) => x === 0);
    const marker = (b[10] === 0 && b[11] === 0) || (b[10] === 0xff && b[11] === 0xff);
    if (zeros && marker) return formatIpv4(b.subarray(12));
    throw new VrlError(`IPV6 address ${formatIpv6(b)} is not compatible with IPV4`);
  },
  examples: [
    { title: 'IPv6 to IPv4', source: 'ipv6_to_ipv4!("::ffff:192.168.0.1")', result: '"192.168.0.1"' },
  ],
});
