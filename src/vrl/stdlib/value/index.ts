/** The value functions: type assertions and predicates, coercions, numbers, collections, misc. */
import type { FunctionDef } from '../function.js';
import { abs } from './abs.js';
import { append } from './append.js';
import { array } from './array.js';
import { assert } from './assert.js';
import { assertEq } from './assert_eq.js';
import { bitwiseAnd } from './bitwise_and.js';
import { bool } from './boolean.js';
import { ceil } from './ceil.js';
import { chunks } from './chunks.js';
import { compact } from './compact.js';
import { findEnrichmentTableRecords } from './find_enrichment_table_records.js';
import { flatten } from './flatten.js';
import { float } from './float.js';
import { floor } from './floor.js';
import { fromEntries } from './from_entries.js';
import { get } from './get.js';
import { getEnrichmentTableRecord } from './get_enrichment_table_record.js';
import { getEnvVar } from './get_env_var.js';
import { getHostname } from './get_hostname.js';
import { includes } from './includes.js';
import { int } from './integer.js';
import { isArray } from './is_array.js';
import { isBoolean } from './is_boolean.js';
import { isEmpty } from './is_empty.js';
import { isFloat } from './is_float.js';
import { isInteger } from './is_integer.js';
import { isNull } from './is_null.js';
import { isNullish } from './is_nullish.js';
import { isObject } from './is_object.js';
import { isRegex } from './is_regex.js';
import { isString } from './is_string.js';
import { isTimestamp } from './is_timestamp.js';
import { keys } from './keys.js';
import { length } from './length.js';
import { log } from './log.js';
import { merge } from './merge.js';
import { mod } from './mod.js';
import { object } from './object.js';
import { objectFromArray } from './object_from_array.js';
import { pop } from './pop.js';
import { push } from './push.js';
import { remove } from './remove.js';
import { round } from './round.js';
import { set } from './set.js';
import { string } from './string.js';
import { tagTypesExternally } from './tag_types_externally.js';
import { tally } from './tally.js';
import { tallyValue } from './tally_value.js';
import { timestamp } from './timestamp.js';
import { toBool } from './to_bool.js';
import { toEntries } from './to_entries.js';
import { toFloat } from './to_float.js';
import { toInt } from './to_int.js';
import { toRegex } from './to_regex.js';
import { toString } from './to_string.js';
import { toSyslogFacility } from './to_syslog_facility.js';
import { toSyslogFacilityCode } from './to_syslog_facility_code.js';
import { toSyslogLevel } from './to_syslog_level.js';
import { toSyslogSeverity } from './to_syslog_severity.js';
import { toTimestamp } from './to_timestamp.js';
import { unflatten } from './unflatten.js';
import { unique } from './unique.js';
import { values } from './values.js';
import { zip } from './zip.js';

export const functions: readonly FunctionDef[] = [
  abs,
  append,
  array,
  assert,
  assertEq,
  bitwiseAnd,
  bool,
  ceil,
  chunks,
  compact,
  findEnrichmentTableRecords,
  flatten,
  float,
  floor,
  fromEntries,
  get,
  getEnrichmentTableRecord,
  getEnvVar,
  getHostname,
  includes,
  int,
  isArray,
  isBoolean,
  isEmpty,
  isFloat,
  isInteger,
  isNull,
  isNullish,
  isObject,
  isRegex,
  isString,
  isTimestamp,
  keys,
  length,
  log,
  merge,
  mod,
  object,
  objectFromArray,
  pop,
  push,
  remove,
  round,
  set,
  string,
  tagTypesExternally,
  tally,
  tallyValue,
  timestamp,
  toBool,
  toEntries,
  toFloat,
  toInt,
  toRegex,
  toString,
  toSyslogFacility,
  toSyslogFacilityCode,
  toSyslogLevel,
  toSyslogSeverity,
  toTimestamp,
  unflatten,
  unique,
  values,
  zip,
];

export { setLogHook, type LogHook, type LogLevel } from './log.js';
