import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { bigIntToBytes, formatIp, IP_SYNTAX, ipToBigInt, parseIp, type IpAddress } from './ip.js';

/** A prefix-length mask; like VRL's release build, `/0` wraps to an all-ones mask. */
function prefixMask(bits: number, length: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  if (length === 0) return all;
  return (all << BigInt(bits - length)) & all;
}

function parseSubnet(mask: string): number {
  const digits = mask.slice(1);
  const body = digits[0] === '+' ? digits.slice(1) : digits;
  if (!/^[0-9]+$/.test(body) || Number(body) > 0xffffffff)
    throw new VrlError(`${mask} is not a valid subnet`);
  return Number(body);
}

export const ip_subnet = defineFunction({
  name: 'ip_subnet',
  parameters: [required('value', K.BYTES), required('subnet', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call(value, subnet) {
    const ip = parseIp(toText(value as string | Uint8Array));
    if (!ip) throw new VrlError(`unable to parse IP address: ${IP_SYNTAX}`);
    const maskText = toText(subnet as string | Uint8Array);
    let mask: IpAddress;
    if (maskText.startsWith('/')) {
      const length = parseSubnet(maskText);
      const bits = ip.version === 4 ? 32 : 128;
      if (length > bits) {
        throw new VrlError(`subnet cannot be greater than ${bits} for ipv${ip.version} addresses`);
      }
      mask = { version: ip.version, bytes: bigIntToBytes(prefixMask(bits, length), bits / 8) } as IpAddress;
    } else {
      const parsed = parseIp(maskText);
      if (!parsed) throw new VrlError(`unable to parse mask: ${IP_SYNTAX}`);
      mask = parsed;
    }
    if (ip.version !== mask.version) {
      throw new VrlError(
        ip.version === 6
          ? 'attempting to mask an ipv6 address with an ipv4 mask'
          : 'attempting to mask an ipv4 address with an ipv6 mask',
      );
    }
    const masked = ipToBigInt(ip.bytes) & ipToBigInt(mask.bytes);
    return formatIp({ version: ip.version, bytes: bigIntToBytes(masked, ip.bytes.length) } as IpAddress);
  },
  examples: [
    {
      title: 'IPv4 subnet',
      source: 'ip_subnet!("192.168.10.32", "255.255.255.0")',
      result: '"192.168.10.0"',
    },
    { title: 'IPv6 subnet', source: 'ip_subnet!("2404:6800:4003:c02::64", "/32")', result: '"2404:6800::"' },
    { title: 'Subnet /1', source: 'ip_subnet!("192.168.0.1", "/1")', result: '"128.0.0.0"' },
  ],
});
