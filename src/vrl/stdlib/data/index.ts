import type { FunctionDef } from '../function.js';
import { community_id } from './community_id.js';
import { format_timestamp } from './format_timestamp.js';
import { from_unix_timestamp } from './from_unix_timestamp.js';
import { get_timezone_name } from './get_timezone_name.js';
import { haversine } from './haversine.js';
import { ip_aton } from './ip_aton.js';
import { ip_cidr_contains } from './ip_cidr_contains.js';
import { ip_ntoa } from './ip_ntoa.js';
import { ip_ntop } from './ip_ntop.js';
import { ip_pton } from './ip_pton.js';
import { ip_subnet } from './ip_subnet.js';
import { ip_to_ipv6 } from './ip_to_ipv6.js';
import { ipv6_to_ipv4 } from './ipv6_to_ipv4.js';
import { is_ipv4 } from './is_ipv4.js';
import { is_ipv6 } from './is_ipv6.js';
import { is_json } from './is_json.js';
import { now } from './now.js';
import { parse_bytes } from './parse_bytes.js';
import { parse_cbor } from './parse_cbor.js';
import { parse_duration } from './parse_duration.js';
import { parse_etld } from './parse_etld.js';
import { parse_float } from './parse_float.js';
import { parse_int } from './parse_int.js';
import { parse_json } from './parse_json.js';
import { parse_query_string } from './parse_query_string.js';
import { parse_timestamp } from './parse_timestamp.js';
import { parse_url } from './parse_url.js';
import { parse_yaml } from './parse_yaml.js';
import { parse_user_agent } from './parse_user_agent.js';
import { parse_xml } from './parse_xml.js';
import { to_unix_timestamp } from './to_unix_timestamp.js';

/** The data functions: data formats, time, numbers from text, IP and network functions. */
export const functions: readonly FunctionDef[] = [
  parse_json,
  is_json,
  parse_yaml,
  parse_xml,
  parse_cbor,
  parse_url,
  parse_query_string,
  parse_user_agent,
  parse_etld,
  parse_duration,
  parse_bytes,
  parse_int,
  parse_float,
  parse_timestamp,
  format_timestamp,
  from_unix_timestamp,
  to_unix_timestamp,
  now,
  get_timezone_name,
  ip_aton,
  ip_ntoa,
  ip_ntop,
  ip_pton,
  ip_cidr_contains,
  ip_subnet,
  ip_to_ipv6,
  ipv6_to_ipv4,
  is_ipv4,
  is_ipv6,
  community_id,
  haversine,
];
