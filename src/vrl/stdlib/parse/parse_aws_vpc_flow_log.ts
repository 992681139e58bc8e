import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import { hasField, setField } from '../../value/object.js';
import type { Value, ValueObject } from '../../value/value.js';
import { textOf } from './args.js';

const INTEGER_FIELDS = [
  'bytes',
  'dstport',
  'encryption_status',
  'end',
  'packets',
  'protocol',
  'srcport',
  'start',
  'tcp_flags',
  'traffic_path',
  'version',
];
const STRING_FIELDS = [
  'account_id',
  'action',
  'asg_tag',
  'asg_tag_2',
  'az_id',
  'dstaddr',
  'ecs_cluster_arn',
  'ecs_cluster_name',
  'ecs_container_id',
  'ecs_container_instance_arn',
  'ecs_container_instance_id',
  'ecs_second_container_id',
  'ecs_service_name',
  'ecs_task_arn',
  'ecs_task_definition_arn',
  'ecs_task_id',
  'flow_direction',
  'instance_id',
  'instance_tag',
  'instance_tag_2',
  'interface_id',
  'interface_tag',
  'interface_tag_2',
  'interface_type',
  'log_status',
  'next_hop_az_id',
  'next_hop_interface_id',
  'next_hop_interface_type',
  'next_hop_subnet_id',
  'next_hop_vpc_id',
  'pkt_dstaddr',
  'pkt_dst_aws_service',
  'pkt_srcaddr',
  'pkt_src_aws_service',
  'region',
  'reject_reason',
  'resource_id',
  'srcaddr',
  'sublocation_id',
  'sublocation_type',
  'subnet_id',
  'type',
  'vpc_id',
];
const INTEGERS = new Set(INTEGER_FIELDS);
const STRINGS = new Set(STRING_FIELDS);

const DEFAULT_FORMAT =
  'version account_id interface_id srcaddr dstaddr srcport dstport protocol packets bytes start end action log_status';

const I64_MAX = 2n ** 63n - 1n;

function parseI64(key: string, text: string): bigint {
  if (/^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n <= I64_MAX && n >= -I64_MAX - 1n) return n;
  }
  throw new VrlError(`failed to parse value as i64 (key: \`${key}\`): \`${text}\``);
}

/** Space-separated values named by the space-separated `format` fields; `-` is null. */
export function parseVpcFlowLog(input: string, format: string): ValueObject {
  const keys = format.split(' ');
  const values = input.split(' ');
  const out: ValueObject = {};
  for (let i = 0; ; i++) {
    const key = keys[i];
    const text = values[i];
    if (key === undefined && text === undefined) return out;
    if (key === undefined) throw new VrlError(`no key for value: \`${text}\``);
    if (text === undefined) throw new VrlError(`no item for key: \`${key}\``);
    let value: Value;
    if (INTEGERS.has(key)) value = text === '-' ? null : parseI64(key, text);
    else if (STRINGS.has(key)) value = text === '-' ? null : text;
    else throw new VrlError(`unknown key: \`${key}\``);
    if (hasField(out, key)) throw new VrlError(`value already exists for key: \`${key}\``);
    setField(out, key, value);
  }
}

const KIND = Kind.object(
  Object.fromEntries([
    ...INTEGER_FIELDS.map((f) => [f, Kind.integer().orNull()]),
    ...STRING_FIELDS.map((f) => [f, Kind.bytes().orNull()]),
  ]) as Record<string, Kind>,
);

export const parse_aws_vpc_flow_log: FunctionDef = {
  name: 'parse_aws_vpc_flow_log',
  parameters: [required('value', K.BYTES), optional('format', K.BYTES)],
  compile() {
    return {
      kind: KIND,
      fallible: true,
      pure: true,
      call: (value: Value | undefined, format?: Value) =>
        parseVpcFlowLog(textOf(value), format === undefined ? DEFAULT_FORMAT : textOf(format)),
    };
  },
  examples: [
    {
      title: 'Parse AWS VPC Flow log (default format)',
      source:
        'parse_aws_vpc_flow_log!("2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA")',
      result:
        '{"version": 2, "account_id": "123456789010", "interface_id": "eni-1235b8ca123456789", "srcaddr": null, "dstaddr": null, "srcport": null, "dstport": null, "protocol": null, "packets": null, "bytes": null, "start": 1431280876, "end": 1431280934, "action": null, "log_status":"NODATA"}',
    },
    {
      title: 'Parse AWS VPC Flow log (custom format)',
      source:
        'parse_aws_vpc_flow_log!(\n  "- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5",\n  "instance_id interface_id srcaddr dstaddr pkt_srcaddr pkt_dstaddr"\n)',
      result:
        '{"instance_id": null, "interface_id": "eni-1235b8ca123456789", "srcaddr": "10.0.1.5", "dstaddr": "10.0.0.220", "pkt_srcaddr": "10.0.1.5", "pkt_dstaddr": "203.0.113.5"}',
    },
    {
      title: 'Parse AWS VPC Flow log including v5 fields',
      source:
        'parse_aws_vpc_flow_log!(\n  "5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK",\n  format: "version srcaddr dstaddr srcport dstport protocol start end type packets bytes account_id vpc_id subnet_id instance_id interface_id region az_id sublocation_type sublocation_id action tcp_flags pkt_srcaddr pkt_dstaddr pkt_src_aws_service pkt_dst_aws_service traffic_path flow_direction log_status"\n)',
      result:
        '{"account_id": "123456789012", "action": "ACCEPT", "az_id": "apse2-az3", "bytes": 15044, "dstaddr": "10.0.0.71", "dstport": 34210, "end": 1616729349, "flow_direction": "ingress", "instance_id": "i-0c50d5961bcb2d47b", "interface_id": "eni-1235b8ca123456789", "log_status": "OK", "packets": 14, "pkt_dst_aws_service": null, "pkt_dstaddr": "10.0.0.71", "pkt_src_aws_service": "S3", "pkt_srcaddr": "52.95.128.179", "protocol": 6, "region": "ap-southeast-2", "srcaddr": "52.95.128.179", "srcport": 80, "start": 1616729292, "sublocation_id": null, "sublocation_type": null, "subnet_id": "subnet-aaaaaaaa012345678", "tcp_flags": 19, "traffic_path": null, "type": "IPv4", "version": 5, "vpc_id": "vpc-abcdefab012345678"}',
    },
    {
      title: 'Parse AWS VPC Flow log including v11 fields',
      source:
        'parse_aws_vpc_flow_log!(\n  "11 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 REJECT OK BPA nat-0c50d5961bcb2d47b 1 nat_gateway",\n  format: "version srcaddr dstaddr srcport dstport protocol start end action log_status reject_reason resource_id encryption_status interface_type"\n)',
      result:
        '{"action": "REJECT", "dstaddr": "52.95.128.179", "dstport": 80, "encryption_status": 1, "end": 1616729349, "interface_type": "nat_gateway", "log_status": "OK", "protocol": 6, "reject_reason": "BPA", "resource_id": "nat-0c50d5961bcb2d47b", "srcaddr": "10.0.0.71", "srcport": 34210, "start": 1616729292, "version": 11}',
    },
  ],
};
