import { FunctionCompileError, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { isBytes, kindDisplay, kindOf, toText, VrlError, type Value } from '../../value/index.js';
import { cidrContains, IP_SYNTAX, parseCidr, parseIp, type Cidr } from './ip.js';

function invalidCidr(error: string): FunctionCompileError {
  return new FunctionCompileError(403, 'invalid argument "ip_cidr_contains"', 0, [`error: ${error}`]);
}

function staticCidrs(value: Value): Cidr[] {
  const items = Array.isArray(value) ? value : isBytes(value) ? [value] : null;
  if (!items) throw invalidCidr('"cidr" must be string or array of strings');
  return items.map((item) => {
    if (!isBytes(item)) throw invalidCidr('"cidr" must be string');
    const cidr = parseCidr(toText(item));
    if (typeof cidr === 'string') throw invalidCidr('"cidr" must be valid cidr');
    return cidr;
  });
}

function runtimeCidr(value: Value): Cidr {
  if (!isBytes(value)) throw new VrlError(`expected string, got ${kindDisplay(kindOf(value))}`);
  const cidr = parseCidr(toText(value));
  if (typeof cidr === 'string') throw new VrlError(`unable to parse CIDR: ${cidr}`);
  return cidr;
}

function parseAddress(value: Value | undefined) {
  const ip = parseIp(toText(value as string | Uint8Array));
  if (!ip) throw new VrlError(`unable to parse IP address: ${IP_SYNTAX}`);
  return ip;
}

export const ip_cidr_contains: FunctionDef = {
  name: 'ip_cidr_contains',
  parameters: [required('cidr', K.BYTES | K.ARRAY), required('value', K.BYTES)],
  compile(args) {
    const constant = args[0]?.constant;
    if (constant !== undefined) {
      const cidrs = staticCidrs(constant.value);
      return {
        kind: Kind.boolean(),
        fallible: true,
        pure: true,
        call: (_cidr, value) => {
          const ip = parseAddress(value);
          return cidrs.some((c) => cidrContains(c, ip));
        },
      };
    }
    return {
      kind: Kind.boolean(),
      fallible: true,
      pure: true,
      call: (cidr, value) => {
        const ip = parseAddress(value);
        if (Array.isArray(cidr)) {
          for (const item of cidr) if (cidrContains(runtimeCidr(item), ip)) return true;
          return false;
        }
        return cidrContains(runtimeCidr(cidr as Value), ip);
      },
    };
  },
  examples: [
    {
      title: 'IPv4 contains CIDR',
      source: 'ip_cidr_contains!("192.168.0.0/16", "192.168.10.32")',
      result: 'true',
    },
    {
      title: 'IPv4 is private',
      source: 'ip_cidr_contains!(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], "192.168.10.32")',
      result: 'true',
    },
    {
      title: 'IPv6 contains CIDR',
      source: 'ip_cidr_contains!("2001:4f8:4:ba::/64", "2001:4f8:4:ba:2e0:81ff:fe22:d1f1")',
      result: 'true',
    },
    {
      title: 'Not in range',
      source: 'ip_cidr_contains!("192.168.0.0/24", "192.168.10.32")',
      result: 'false',
    },
    {
      title: 'Invalid address',
      source: 'ip_cidr_contains!("192.168.0.0/24", "INVALID")',
      error:
        'function call error for "ip_cidr_contains" at (0:46): unable to parse IP address: invalid IP address syntax',
    },
  ],
};
