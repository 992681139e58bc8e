/**
 * Matano's `schema.fields` syntax: Iceberg schema JSON (https://iceberg.apache.org/spec/#schemas),
 * written in YAML, with `id` and `required` optional (Matano's RelaxedIcebergSchemaParser). Ids in
 * the input (`id`, `element-id`, `key-id`, `value-id`) are accepted and ignored: Lakewatch
 * assigns ids when it binds the schema to a table.
 */
import { z } from 'zod';
import type { PrimitiveType, UnboundField, UnboundType } from '../../lake/iceberg/types.js';
import { mergeUnboundFields } from './build-table-schema.js';

export const PRIMITIVE_TYPE_NAMES = [
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'string',
  'uuid',
  'binary',
] as const;

const PRIMITIVE_RE = new RegExp(
  `^(${PRIMITIVE_TYPE_NAMES.join('|')}|decimal\\(\\s*\\d+\\s*,\\s*\\d+\\s*\\)|fixed\\[\\s*\\d+\\s*\\])$`,
);

export interface IcebergStructJson {
  type: 'struct';
  fields: IcebergFieldJson[];
}
export interface IcebergListJson {
  type: 'list';
  'element-id'?: number | undefined;
  element: IcebergTypeJson;
  'element-required'?: boolean | undefined;
}
export interface IcebergMapJson {
  type: 'map';
  'key-id'?: number | undefined;
  key: IcebergTypeJson;
  'value-id'?: number | undefined;
  value: IcebergTypeJson;
  'value-required'?: boolean | undefined;
}
export type IcebergTypeJson = string | IcebergStructJson | IcebergListJson | IcebergMapJson;
export interface IcebergFieldJson {
  id?: number | undefined;
  name: string;
  type: IcebergTypeJson;
  required?: boolean | undefined;
  doc?: string | undefined;
}

export const primitiveTypeSchema = z
  .string()
  .regex(PRIMITIVE_RE, {
    message: 'not an Iceberg primitive type',
  })
  .describe(
    'An Iceberg primitive type: boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz, string, uuid, fixed[L], binary.',
  );

export const icebergTypeSchema: z.ZodType<IcebergTypeJson> = z
  .lazy(() =>
    z.union([
      primitiveTypeSchema,
      z.discriminatedUnion('type', [icebergStructSchema, icebergListSchema, icebergMapSchema]),
    ]),
  )
  .meta({
    id: 'IcebergType',
    description: 'An Iceberg type: a primitive type name, or a struct/list/map object.',
  });

export const icebergStructSchema = z
  .strictObject({
    type: z.literal('struct').describe('A struct (record) of named fields.'),
    fields: z.array(z.lazy(() => icebergFieldSchema)).describe('The struct’s fields, in order.'),
  })
  .meta({ id: 'IcebergStruct', description: 'Iceberg struct type: `{ type: struct, fields: [...] }`.' });

export const icebergListSchema = z
  .strictObject({
    type: z.literal('list').describe('A list of elements of one type.'),
    'element-id': z.number().int().optional().describe('Ignored: Lakewatch assigns field ids.'),
    element: z.lazy(() => icebergTypeSchema).describe('The element type.'),
    'element-required': z.boolean().optional().describe('Whether elements may not be null (default false).'),
  })
  .meta({ id: 'IcebergList', description: 'Iceberg list type: `{ type: list, element: <type> }`.' });

export const icebergMapSchema = z
  .strictObject({
    type: z.literal('map').describe('A map from keys to values.'),
    'key-id': z.number().int().optional().describe('Ignored: Lakewatch assigns field ids.'),
    key: z.lazy(() => icebergTypeSchema).describe('The key type (usually string).'),
    'value-id': z.number().int().optional().describe('Ignored: Lakewatch assigns field ids.'),
    value: z.lazy(() => icebergTypeSchema).describe('The value type.'),
    'value-required': z.boolean().optional().describe('Whether values may not be null (default false).'),
  })
  .meta({ id: 'IcebergMap', description: 'Iceberg map type: `{ type: map, key: <type>, value: <type> }`.' });

export const icebergFieldSchema: z.ZodType<IcebergFieldJson> = z
  .strictObject({
    id: z.number().int().optional().describe('Ignored: Lakewatch assigns field ids.'),
    name: z
      .string()
      .min(1)
      .regex(/^[^.]+$/, { message: 'field names cannot contain dots; nest a struct instead' })
      .describe('Column name (no dots: use a struct for nesting).'),
    type: z
      .lazy(() => icebergTypeSchema)
      .describe('Iceberg type: a primitive type name, or a struct/list/map object.'),
    required: z
      .boolean()
      .optional()
      .describe('Whether the field may not be null (default false; log data is sparse).'),
    doc: z.string().optional().describe('Column documentation.'),
  })
  .meta({
    id: 'IcebergField',
    description: 'A custom column in Iceberg schema JSON syntax (Matano `schema.fields`).',
  });

/** Canonical spelling of a primitive type (`decimal( 10 , 2 )` → `decimal(10, 2)`). */
function canonicalPrimitive(type: string): PrimitiveType {
  const dec = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(type);
  if (dec) return `decimal(${Number(dec[1])}, ${Number(dec[2])})`;
  const fixed = /^fixed\[\s*(\d+)\s*\]$/.exec(type);
  if (fixed) return `fixed[${Number(fixed[1])}]`;
  return type as PrimitiveType;
}

/** True if `type` is an Iceberg primitive type name as the spec writes it. */
export function isPrimitiveTypeName(type: string): boolean {
  return PRIMITIVE_RE.test(type);
}

export function icebergJsonToUnboundType(type: IcebergTypeJson): UnboundType {
  if (typeof type === 'string') return canonicalPrimitive(type);
  switch (type.type) {
    case 'struct':
      return { type: 'struct', fields: icebergJsonToUnboundFields(type.fields) };
    case 'list': {
      const out: UnboundType = { type: 'list', element: icebergJsonToUnboundType(type.element) };
      if (type['element-required']) out.elementRequired = true;
      return out;
    }
    case 'map': {
      const out: UnboundType = {
        type: 'map',
        key: icebergJsonToUnboundType(type.key),
        value: icebergJsonToUnboundType(type.value),
      };
      if (type['value-required']) out.valueRequired = true;
      return out;
    }
  }
}

/**
 * Validated `schema.fields` → unbound fields (ids dropped, `required` kept only when true).
 * A name repeated within one struct is merged into its first occurrence (Matano's
 * `fieldsToSchema` collapsed repeats too; real Matano log sources contain identical repeats).
 */
export function icebergJsonToUnboundFields(fields: IcebergFieldJson[]): UnboundField[] {
  const mapped = fields.map((f) => {
    const out: UnboundField = { name: f.name, type: icebergJsonToUnboundType(f.type) };
    if (f.required) out.required = true;
    if (f.doc !== undefined) out.doc = f.doc;
    return out;
  });
  const unique = new Set(mapped.map((f) => f.name));
  return unique.size === mapped.length ? mapped : mergeUnboundFields([], mapped);
}

/**
 * Parses Matano `schema.fields` (already-loaded YAML/JSON) into unbound fields; throws a
 * `z.ZodError` (with key paths) when the input is not valid Iceberg schema JSON.
 */
export function parseIcebergFields(input: unknown): UnboundField[] {
  return icebergJsonToUnboundFields(z.array(icebergFieldSchema).parse(input));
}
