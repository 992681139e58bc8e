/**
 * IP addresses as Rust's `std::net` reads and prints them: IPv4 as exactly four decimal octets without
 * leading zeros, IPv6 as eight groups with one optional `::` and an optional trailing dotted IPv4, no zone.
 * Printing IPv6 follows Rust (RFC 5952; `::ffff:a.b.c.d` for IPv4-mapped addresses).
 */

export type IpAddress =
  { readonly version: 4; readonly bytes: Uint8Array } | { readonly version: 6; readonly bytes: Uint8Array };

/** Rust's `AddrParseError` texts. */
export const IPV4_SYNTAX = 'invalid IPv4 address syntax';
export const IPV6_SYNTAX = 'invalid IPv6 address syntax';
export const IP_SYNTAX = 'invalid IP address syntax';

/** `Ipv4Addr::from_str`, or `null`. */
export function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    if (part.length > 1 && part[0] === '0') return null;
    const n = Number(part);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

/** `Ipv6Addr::from_str`, or `null`. */
export function parseIpv6(text: string): Uint8Array | null {
  const groups: number[] = [];
  let tail: number[] = [];
  let compressed = false;
  const readGroups = (part: string, into: number[], allowV4: boolean): boolean => {
    if (part === '') return true;
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (allowV4 && i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (!v4) return false;
        into.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return false;
      into.push(parseInt(item, 16));
    }
    return true;
  };
  const at = text.indexOf('::');
  if (at >= 0) {
    if (text.indexOf('::', at + 1) >= 0) return null;
    compressed = true;
    const head = text.slice(0, at);
    const rest = text.slice(at + 2);
    if (!readGroups(head, groups, false) || !readGroups(rest, tail, true)) return null;
    if (groups.length + tail.length > 7) return null;
  } else {
    if (!readGroups(text, groups, true)) return null;
    if (groups.length !== 8) return null;
    tail = [];
  }
  const all = compressed
    ? [...groups, ...new Array<number>(8 - groups.length - tail.length).fill(0), ...tail]
    : groups;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** `IpAddr::from_str`, or `null`. */
export function parseIp(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIpv6(text);
  if (v6) return { version: 6, bytes: v6 };
  return null;
}

export function formatIpv4(bytes: Uint8Array): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/** Rust's `Display` for `Ipv6Addr`. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(bytes.subarray(12))}`;
  }
  // Longest run of zero groups (first one on ties), compressed only when longer than one group.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestLen > 1) {
    return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
  }
  return hex(groups);
}

export function formatIp(ip: IpAddress): string {
  return ip.version === 4 ? formatIpv4(ip.bytes) : formatIpv6(ip.bytes);
}

/** The address as an unsigned integer (32 or 128 bits). */
export function ipToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

export interface Cidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly length: number;
}

/**
 * The `cidr` crate's `IpCidr::from_str`: `address/length` with the host bits zero, or a bare address (a
 * host network). Returns the network or the crate's error text.
 */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  const addrText = slash >= 0 ? text.slice(0, slash) : text;
  const ip = parseIp(addrText);
  if (!ip) return `couldn't parse address in network: ${IP_SYNTAX}`;
  const bits = ip.version === 4 ? 32 : 128;
  let length = bits;
  if (slash >= 0) {
    const lenText = text.slice(slash + 1);
    const parsed = parseU8(lenText);
    if (typeof parsed === 'string') return `couldn't parse length in network: ${parsed}`;
    if (parsed > bits) {
      return `invalid length for network: Network length ${parsed} is too long for Ipv${ip.version} (maximum: ${bits})`;
    }
    length = parsed;
  }
  const value = ipToBigInt(ip.bytes);
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  if ((value & hostMask) !== 0n) return 'host part of address was not zero';
  return { version: ip.version, network: value, length };
}

function parseU8(text: string): number | string {
  if (text === '') return 'cannot parse integer from empty string';
  const digits = text[0] === '+' ? text.slice(1) : text;
  if (digits === '' || !/^[0-9]+$/.test(digits)) return 'invalid digit found in string';
  const n = Number(digits);
  if (n > 255) return 'number too large to fit in target type';
  return n;
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.version !== ip.version) return false;
  const bits = ip.version === 4 ? 32 : 128;
  const shift = BigInt(bits - cidr.length);
  return ipToBigInt(ip.bytes) >> shift === cidr.network >> shift;
}
