import { createHash } from 'node:crypto';
import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError, type Value } from '../../value/index.js';
import { IP_SYNTAX, ipToBigInt, parseIp, type IpAddress } from './ip.js';

const ICMP = 1;
const ICMP6 = 58;
const PORT_PROTOCOLS = new Set([ICMP, 6, 17, 132, ICMP6]);

/** ICMP request/reply types that pair up (Community ID spec v1); others are one-way. */
const ICMP_PAIRS = new Map<number, number>([
  [8, 0],
  [0, 8],
  [13, 14],
  [14, 13],
  [15, 16],
  [16, 15],
  [10, 9],
  [9, 10],
  [17, 18],
  [18, 17],
]);
const ICMP6_PAIRS = new Map<number, number>([
  [128, 129],
  [129, 128],
  [130, 131],
  [131, 130],
  [133, 134],
  [134, 133],
  [135, 136],
  [136, 135],
  [139, 140],
  [140, 139],
  [144, 145],
  [145, 144],
]);

/** Community ID flow hash, version 1, base64 form. */
export function communityId(
  seed: number,
  src: IpAddress,
  dst: IpAddress,
  protocol: number,
  srcPort: number | undefined,
  dstPort: number | undefined,
): string {
  if (src.version !== dst.version) throw new VrlError('src ip and dst ip should be same version!');
  let ports: [number, number] | undefined;
  let oneWay = false;
  if (PORT_PROTOCOLS.has(protocol) && (srcPort === undefined || dstPort === undefined)) {
    throw new VrlError('src port and dst port should be set when protocol is icmp/icmp6/tcp/udp/sctp');
  }
  if (srcPort !== undefined && dstPort !== undefined) {
    // Ports go into the hash whenever both are given, whatever the protocol.
    ports = [srcPort, dstPort];
    if (protocol === ICMP || protocol === ICMP6) {
      const pairs = protocol === ICMP ? ICMP_PAIRS : ICMP6_PAIRS;
      const peer = pairs.get(srcPort);
      if (peer === undefined) oneWay = true;
      else ports = [srcPort, peer];
    }
  }
  let a = src;
  let b = dst;
  if (!oneWay) {
    const x = ipToBigInt(src.bytes);
    const y = ipToBigInt(dst.bytes);
    const ordered = x < y || (x === y && (ports === undefined || ports[0] < ports[1]));
    if (!ordered) {
      a = dst;
      b = src;
      if (ports) ports = [ports[1], ports[0]];
    }
  }
  const size = 2 + a.bytes.length * 2 + 2 + (ports ? 4 : 0);
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  view.setUint16(0, seed);
  buf.set(a.bytes, 2);
  buf.set(b.bytes, 2 + a.bytes.length);
  let at = 2 + a.bytes.length * 2;
  buf[at] = protocol;
  buf[at + 1] = 0;
  at += 2;
  if (ports) {
    view.setUint16(at, ports[0]);
    view.setUint16(at + 2, ports[1]);
  }
  return `1:${createHash('sha1').update(buf).digest('base64')}`;
}

function rangeError(keyword: string, max: number, index: number): FunctionCompileError {
  return new FunctionCompileError(403, `invalid argument "${keyword}"`, index, [
    `error: "${keyword}" must be between 0 and ${max}`,
  ]);
}

/** Rust's `TryFromIntError` text. */
const OUT_OF_RANGE = 'out of range integral type conversion attempted';

function checked(value: Value | undefined, max: number, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = value as bigint;
  if (n < 0n || n > BigInt(max)) throw new VrlError(`${what} must be between 0 and ${max}: ${OUT_OF_RANGE}`);
  return Number(n);
}

export const community_id: FunctionDef = {
  name: 'community_id',
  parameters: [
    required('source_ip', K.BYTES),
    required('destination_ip', K.BYTES),
    required('protocol', K.INTEGER),
    optional('source_port', K.INTEGER),
    optional('destination_port', K.INTEGER),
    optional('seed', K.INTEGER),
  ],
  compile(args) {
    const limits: [number, string, number][] = [
      [2, 'protocol', 255],
      [3, 'source_port', 65535],
      [4, 'destination_port', 65535],
      [5, 'seed', 65535],
    ];
    for (const [index, keyword, max] of limits) {
      const value = args[index]?.constant?.value;
      if (typeof value === 'bigint' && (value < 0n || value > BigInt(max)))
        throw rangeError(keyword, max, index);
    }
    return {
      kind: Kind.bytes(),
      fallible: true,
      pure: true,
      call(srcIp, dstIp, protocol, srcPort, dstPort, seed) {
        const src = parseIp(toText(srcIp as string | Uint8Array));
        if (!src) throw new VrlError(`unable to parse source IP address: ${IP_SYNTAX}`);
        const dst = parseIp(toText(dstIp as string | Uint8Array));
        if (!dst) throw new VrlError(`unable to parse destination IP address: ${IP_SYNTAX}`);
        const proto = checked(protocol, 255, 'protocol')!;
        const sp = checked(srcPort, 65535, 'source port');
        const dp = checked(dstPort, 65535, 'destination port');
        const s = checked(seed, 65535, 'seed') ?? 0;
        return communityId(s, src, dst, proto, sp, dp);
      },
    };
  },
  examples: [
    {
      title: 'Generate Community ID for TCP',
      source:
        'community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", source_port: 1122, destination_port: 3344, protocol: 6)',
      result: '"1:wCb3OG7yAFWelaUydu0D+125CLM="',
    },
    {
      title: 'Generate Community ID for UDP',
      source:
        'community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", source_port: 1122, destination_port: 3344, protocol: 17)',
      result: '"1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg="',
    },
    {
      title: 'Generate Community ID for ICMP',
      source:
        'community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", source_port: 8, destination_port: 0, protocol: 1)',
      result: '"1:crodRHL2FEsHjbv3UkRrfbs4bZ0="',
    },
    {
      title: 'Generate Community ID for RSVP',
      source: 'community_id!(source_ip: "1.2.3.4", destination_ip: "5.6.7.8", protocol: 46)',
      result: '"1:ikv3kmf89luf73WPz1jOs49S768="',
    },
  ],
};
