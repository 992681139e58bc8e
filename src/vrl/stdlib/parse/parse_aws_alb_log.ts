import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { textOf } from './args.js';
import { parseAlbLog } from './alb.js';

const b = (): Kind => Kind.bytes();
const KIND = Kind.object({
  actions_executed: b().orNull(),
  chosen_cert_arn: b().orNull(),
  classification_reason: b().orNull(),
  classification: b().orNull(),
  client_host: b(),
  domain_name: b().orNull(),
  elb_status_code: b(),
  elb: b(),
  error_reason: b().orNull(),
  matched_rule_priority: b().orNull(),
  received_bytes: Kind.integer(),
  redirect_url: b().orNull(),
  request_creation_time: b(),
  request_method: b(),
  request_processing_time: Kind.float(),
  request_protocol: b(),
  request_url: b(),
  response_processing_time: Kind.float(),
  sent_bytes: Kind.integer(),
  ssl_cipher: b().orNull(),
  ssl_protocol: b().orNull(),
  target_group_arn: b(),
  target_host: b().orNull(),
  target_port_list: b().orNull(),
  target_processing_time: Kind.float(),
  target_status_code_list: b().orNull(),
  target_status_code: b().orNull(),
  timestamp: b(),
  trace_id: b(),
  type: b(),
  user_agent: b(),
  traceability_id: b().orNull(),
});

const EXAMPLE_LINE =
  'http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366 \\"GET http://www.example.com:80/ HTTP/1.1\\" \\"curl/7.46.0\\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \\"Root=1-58337364-23a8c76965a2ef7629b185e3\\" \\"-\\" \\"-\\" 0 2018-11-30T22:22:48.364000Z \\"forward\\" \\"-\\" \\"-\\" \\"-\\" \\"-\\" \\"-\\" \\"-\\"';

const exampleResult = (traceability: string): string =>
  `{"actions_executed": "forward", "chosen_cert_arn": null, "classification": null, "classification_reason": null, "client_host": "192.168.131.39:2817", "domain_name": null, "elb": "app/my-loadbalancer/50dc6c495c0c9188", "elb_status_code": "200", "error_reason": null, "matched_rule_priority": "0", "received_bytes": 34, "redirect_url": null, "request_creation_time": "2018-11-30T22:22:48.364000Z", "request_method": "GET", "request_processing_time": 0.0, "request_protocol": "HTTP/1.1", "request_url": "http://www.example.com:80/", "response_processing_time": 0.0, "sent_bytes": 366, "ssl_cipher": null, "ssl_protocol": null, "target_group_arn": "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067", "target_host": null, "target_port_list": [], "target_processing_time": 0.001, "target_status_code": "200", "target_status_code_list": [], "timestamp": "2018-11-30T22:23:00.186641Z", "trace_id": "Root=1-58337364-23a8c76965a2ef7629b185e3", "traceability_id": ${traceability}, "type": "http", "user_agent": "curl/7.46.0"}`;

export const parse_aws_alb_log: FunctionDef = {
  name: 'parse_aws_alb_log',
  parameters: [required('value', K.BYTES), optional('strict_mode', K.BOOLEAN)],
  compile() {
    return {
      kind: KIND,
      fallible: true,
      pure: true,
      call: (value: Value | undefined, strict?: Value) => parseAlbLog(textOf(value), strict !== false),
    };
  },
  examples: [
    {
      title: 'Parse AWS ALB log',
      source: `parse_aws_alb_log!(\n  "${EXAMPLE_LINE}"\n)`,
      result: exampleResult('null'),
    },
    {
      title: 'Parse AWS ALB log with trailing fields (non-strict mode)',
      source: `parse_aws_alb_log!(\n  "${EXAMPLE_LINE} TID_12345 \\"-\\" \\"-\\" \\"-\\"",\n  strict_mode: false\n)`,
      result: exampleResult('"TID_12345"'),
    },
  ],
};
