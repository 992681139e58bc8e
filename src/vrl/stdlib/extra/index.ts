import type { FunctionDef } from '../function.js';
import { decrypt_ip } from './decrypt_ip.js';
import { encrypt_ip } from './encrypt_ip.js';
import { match_datadog_query } from './match_datadog_query.js';
import { validate_json_schema } from './validate_json_schema.js';

/** Less common functions: Datadog search queries, JSON Schema validation, IP address encryption. */
export const functions: readonly FunctionDef[] = [
  match_datadog_query,
  encrypt_ip,
  decrypt_ip,
  validate_json_schema,
];
