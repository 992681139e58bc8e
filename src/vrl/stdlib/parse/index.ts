import type { FunctionDef } from '../function.js';
import { parse_apache_log } from './parse_apache_log.js';
import { parse_aws_alb_log } from './parse_aws_alb_log.js';
import { parse_aws_cloudwatch_log_subscription_message } from './parse_aws_cloudwatch_log_subscription_message.js';
import { parse_aws_vpc_flow_log } from './parse_aws_vpc_flow_log.js';
import { parse_cef } from './parse_cef.js';
import { parse_common_log } from './parse_common_log.js';
import { parse_csv } from './parse_csv.js';
import { parse_glog } from './parse_glog.js';
import { parse_grok } from './parse_grok.js';
import { parse_groks } from './parse_groks.js';
import { parse_influxdb } from './parse_influxdb.js';
import { parse_key_value } from './parse_key_value.js';
import { parse_klog } from './parse_klog.js';
import { parse_linux_authorization } from './parse_linux_authorization.js';
import { parse_logfmt } from './parse_logfmt.js';
import { parse_nginx_log } from './parse_nginx_log.js';
import { parse_regex } from './parse_regex.js';
import { parse_regex_all } from './parse_regex_all.js';
import { parse_ruby_hash } from './parse_ruby_hash.js';
import { parse_syslog } from './parse_syslog.js';
import { parse_tokens } from './parse_tokens.js';

/**
 * The parse functions: log and record formats into VRL objects. One file per function; shared parsers
 * live in their own files (`syslog.ts`, `key-value.ts`, `cef.ts`, `access-log.ts` on the linear-time
 * `pike.ts` engine, …). `testing.ts` holds the test helpers and the oracle runner.
 */
export const functions: readonly FunctionDef[] = [
  parse_syslog,
  parse_key_value,
  parse_logfmt,
  parse_csv,
  parse_grok,
  parse_groks,
  parse_regex,
  parse_regex_all,
  parse_cef,
  parse_common_log,
  parse_apache_log,
  parse_nginx_log,
  parse_aws_vpc_flow_log,
  parse_aws_alb_log,
  parse_aws_cloudwatch_log_subscription_message,
  parse_linux_authorization,
  parse_klog,
  parse_glog,
  parse_tokens,
  parse_ruby_hash,
  parse_influxdb,
];
