/**
 * ECS field types and their Iceberg representation.
 *
 * Mapping choices (ECS data type → Iceberg), applied by `ecsTypeToIceberg`:
 * - keyword, constant_keyword, wildcard, text, match_only_text, ip, version → `string`.
 *   IPs stay text: Iceberg has no IP type, and engines compare/CIDR-match strings fine.
 * - long, integer, short, byte, unsigned_long → `long` (unsigned_long above 2^63 cannot be
 *   represented; ECS uses it for counters that never get there in practice).
 * - float, half_float, scaled_float, double → `double`.
 * - boolean → `boolean`; binary → `binary`.
 * - date, date_nanos → `timestamptz` (microseconds; nanoseconds are truncated). `@timestamp` is
 *   stored as the `ts` column (required), like Matano.
 * - geo_point → `struct<lat: double, lon: double>`.
 * - object with sub-fields → `struct<…sub-fields…>`; with `normalize: [array]` → `list<struct<…>>`
 *   (e.g. `dns.answers`).
 * - nested with sub-fields → `list<struct<…>>` (e.g. `threat.enrichments`); nested without
 *   sub-fields (e.g. `gen_ai.request.stop_sequences`, documented as a list of strings) → `list<string>`.
 * - object with `object_type` and no sub-fields (e.g. `labels`, `container.labels`) →
 *   `map<string, object_type mapped>`.
 * - object without sub-fields or object_type (e.g. `entity.raw`, "usually flattened") and
 *   flattened (e.g. `log.syslog.structured_data`) → `string` holding the value as JSON text.
 *   Iceberg has no schemaless/JSON type in format v2 (`variant` arrives with v3), and a JSON
 *   string keeps every key queryable with `json_extract` in DuckDB, Athena and Trino.
 * - any other field with `normalize: [array]` → `list<mapped type>` (e.g. `event.category`).
 */
import type { UnboundField, UnboundType } from '../../lake/iceberg/types.js';

export type EcsType =
  | 'keyword'
  | 'constant_keyword'
  | 'wildcard'
  | 'text'
  | 'match_only_text'
  | 'ip'
  | 'version'
  | 'binary'
  | 'long'
  | 'integer'
  | 'short'
  | 'byte'
  | 'unsigned_long'
  | 'float'
  | 'half_float'
  | 'scaled_float'
  | 'double'
  | 'boolean'
  | 'date'
  | 'date_nanos'
  | 'geo_point'
  | 'object'
  | 'nested'
  | 'flattened';

/** One ECS field of the generated catalog. */
export interface EcsField {
  /** Dotted ECS name, e.g. `source.ip` (`@timestamp` keeps its ECS name here). */
  name: string;
  type: EcsType;
  /** `normalize` contains `array` in the ECS reference. */
  isArray: boolean;
  /** For `object` fields holding arbitrary keys, the type of their values (e.g. `labels`: keyword). */
  objectType?: EcsType;
  /**
   * A reusable field set placed at the top level (`geo.city_name`, `os.version`): not a
   * top-level field in ECS itself, offered because Matano's ECS schema had it.
   */
  reusable?: true;
}

interface MappingContext {
  objectType?: EcsType;
  /** Already mapped child fields (for object/nested fields that have sub-fields in ECS). */
  subFields?: UnboundField[];
}

type Mapping = (ctx: MappingContext) => UnboundType;

const str: Mapping = () => 'string';
const long: Mapping = () => 'long';
const double: Mapping = () => 'double';
const ts: Mapping = () => 'timestamptz';

/** Exhaustive ECS → Iceberg mapping: the compiler demands an entry for every `EcsType`. */
export const ECS_TO_ICEBERG: Record<EcsType, Mapping> = {
  keyword: str,
  constant_keyword: str,
  wildcard: str,
  text: str,
  match_only_text: str,
  ip: str,
  version: str,
  binary: () => 'binary',
  long,
  integer: long,
  short: long,
  byte: long,
  unsigned_long: long,
  float: double,
  half_float: double,
  scaled_float: double,
  double,
  boolean: () => 'boolean',
  date: ts,
  date_nanos: ts,
  geo_point: () => ({
    type: 'struct',
    fields: [
      { name: 'lat', type: 'double' },
      { name: 'lon', type: 'double' },
    ],
  }),
  object: ({ objectType, subFields }) => {
    if (subFields && subFields.length > 0) return { type: 'struct', fields: subFields };
    if (objectType) return { type: 'map', key: 'string', value: ecsTypeToIceberg(objectType) };
    return 'string';
  },
  nested: ({ subFields }) =>
    subFields && subFields.length > 0
      ? { type: 'list', element: { type: 'struct', fields: subFields } }
      : { type: 'list', element: 'string' },
  flattened: str,
};

/** True for every ECS type name this version of Lakewatch knows. */
export function isEcsType(value: string): value is EcsType {
  return Object.prototype.hasOwnProperty.call(ECS_TO_ICEBERG, value);
}

/**
 * The Iceberg type of an ECS field. `isArray` wraps the result in a list unless the mapping
 * already is one (`nested`). `subFields` are the field's mapped children, if any.
 */
export function ecsTypeToIceberg(
  ecsType: EcsType,
  opts: { isArray?: boolean; objectType?: EcsType; subFields?: UnboundField[] } = {},
): UnboundType {
  const ctx: MappingContext = {};
  if (opts.objectType !== undefined) ctx.objectType = opts.objectType;
  if (opts.subFields !== undefined) ctx.subFields = opts.subFields;
  const mapped = ECS_TO_ICEBERG[ecsType](ctx);
  if (opts.isArray && !(typeof mapped === 'object' && mapped.type === 'list')) {
    return { type: 'list', element: mapped };
  }
  return mapped;
}
