/**
 * Avro schemas of the v2 manifest list and manifest, with the spec's field ids (`field-id`,
 * `element-id`; int-keyed maps are arrays of `k<key-id>_v<value-id>` records with logicalType map).
 */
import { decimalScale } from '../iceberg/conversions.js';
import type { BoundPartitionField } from '../iceberg/partitioning.js';
import type { PrimitiveType } from '../iceberg/types.js';

export type AvroSchema = string | { [key: string]: unknown } | AvroSchema[];

const opt = (type: AvroSchema): AvroSchema => ['null', type];

function field(
  name: string,
  id: number,
  type: AvroSchema,
  optional = false,
  doc?: string,
): Record<string, unknown> {
  const f: Record<string, unknown> = { name, type: optional ? opt(type) : type, 'field-id': id };
  if (optional) f.default = null;
  if (doc) f.doc = doc;
  return f;
}

function intMap(keyId: number, valueId: number, valueType: AvroSchema): AvroSchema {
  return {
    type: 'array',
    logicalType: 'map',
    items: {
      type: 'record',
      name: `k${keyId}_v${valueId}`,
      fields: [
        { name: 'key', type: 'int', 'field-id': keyId },
        { name: 'value', type: valueType, 'field-id': valueId },
      ],
    },
  };
}

/** Avro name rules: [A-Za-z_][A-Za-z0-9_]*, other characters become `_x<HEX>` (as Java/pyiceberg do). */
export function sanitizeAvroName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    const ok = /[A-Za-z_]/.test(ch) || (i > 0 && /[0-9]/.test(ch));
    if (ok) out += ch;
    else if (i === 0 && /[0-9]/.test(ch)) out += `_${ch}`;
    else out += `_x${ch.charCodeAt(0).toString(16).toUpperCase()}`;
  }
  return out;
}

function decimalBytes(precision: number): number {
  let n = 1;
  while (Math.pow(2, 8 * n - 1) < Math.pow(10, precision)) n++;
  return n;
}

/** Avro type of an Iceberg primitive (for partition tuples). */
export function avroPrimitive(type: PrimitiveType): AvroSchema {
  switch (type) {
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'string':
      return type;
    case 'binary':
      return 'bytes';
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'time':
      return { type: 'long', logicalType: 'time-micros' };
    case 'timestamp':
      return { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': false };
    case 'timestamptz':
      return { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true };
    case 'uuid':
      return { type: 'fixed', name: 'uuid_fixed', size: 16, logicalType: 'uuid' };
    default: {
      const fixed = /^fixed\[(\d+)\]$/.exec(type);
      if (fixed) return { type: 'fixed', name: `fixed_${fixed[1]}`, size: Number(fixed[1]) };
      const m = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(type);
      if (m && decimalScale(type) !== undefined) {
        const p = Number(m[1]);
        return {
          type: 'fixed',
          name: `decimal_${p}_${m[2]}`,
          size: decimalBytes(p),
          logicalType: 'decimal',
          precision: p,
          scale: Number(m[2]),
        };
      }
      throw new Error(`no Avro type for ${type}`);
    }
  }
}

export function partitionStruct(fields: BoundPartitionField[]): AvroSchema {
  return {
    type: 'record',
    name: 'r102',
    fields: fields.map((f) =>
      field(sanitizeAvroName(f.field.name), f.field['field-id'], avroPrimitive(f.resultType), true),
    ),
  };
}

export function dataFileSchema(partition: BoundPartitionField[]): AvroSchema {
  return {
    type: 'record',
    name: 'r2',
    fields: [
      field(
        'content',
        134,
        'int',
        false,
        'Contents of the file: 0=data, 1=position deletes, 2=equality deletes',
      ),
      field('file_path', 100, 'string', false, 'Location URI with FS scheme'),
      field('file_format', 101, 'string', false, 'File format name: avro, orc, or parquet'),
      field(
        'partition',
        102,
        partitionStruct(partition),
        false,
        'Partition data tuple, schema based on the partition spec',
      ),
      field('record_count', 103, 'long', false, 'Number of records in the file'),
      field('file_size_in_bytes', 104, 'long', false, 'Total file size in bytes'),
      field('column_sizes', 108, intMap(117, 118, 'long'), true, 'Map of column id to total size on disk'),
      field(
        'value_counts',
        109,
        intMap(119, 120, 'long'),
        true,
        'Map of column id to total count, including null and NaN',
      ),
      field('null_value_counts', 110, intMap(121, 122, 'long'), true, 'Map of column id to null value count'),
      field(
        'nan_value_counts',
        137,
        intMap(138, 139, 'long'),
        true,
        'Map of column id to number of NaN values in the column',
      ),
      field('lower_bounds', 125, intMap(126, 127, 'bytes'), true, 'Map of column id to lower bound'),
      field('upper_bounds', 128, intMap(129, 130, 'bytes'), true, 'Map of column id to upper bound'),
      field('key_metadata', 131, 'bytes', true, 'Encryption key metadata blob'),
      field(
        'split_offsets',
        132,
        { type: 'array', items: 'long', 'element-id': 133 },
        true,
        'Splittable offsets',
      ),
      field(
        'equality_ids',
        135,
        { type: 'array', items: 'int', 'element-id': 136 },
        true,
        'Equality comparison field IDs',
      ),
      field('sort_order_id', 140, 'int', true, 'Sort order ID'),
    ],
  };
}

export function manifestEntrySchema(partition: BoundPartitionField[]): AvroSchema {
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      field('status', 0, 'int'),
      field('snapshot_id', 1, 'long', true),
      field('sequence_number', 3, 'long', true),
      field('file_sequence_number', 4, 'long', true),
      field('data_file', 2, dataFileSchema(partition)),
    ],
  };
}

export const MANIFEST_LIST_SCHEMA: AvroSchema = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    field('manifest_path', 500, 'string', false, 'Location URI with FS scheme'),
    field('manifest_length', 501, 'long', false, 'Total file size in bytes'),
    field('partition_spec_id', 502, 'int', false, 'Spec ID used to write'),
    field('content', 517, 'int', false, 'Contents of the manifest: 0=data, 1=deletes'),
    field('sequence_number', 515, 'long', false, 'Sequence number when the manifest was added'),
    field('min_sequence_number', 516, 'long', false, 'Lowest sequence number in the manifest'),
    field('added_snapshot_id', 503, 'long', false, 'Snapshot ID that added the manifest'),
    field('added_files_count', 504, 'int', false, 'Added entry count'),
    field('existing_files_count', 505, 'int', false, 'Existing entry count'),
    field('deleted_files_count', 506, 'int', false, 'Deleted entry count'),
    field('added_rows_count', 512, 'long', false, 'Added rows count'),
    field('existing_rows_count', 513, 'long', false, 'Existing rows count'),
    field('deleted_rows_count', 514, 'long', false, 'Deleted rows count'),
    field(
      'partitions',
      507,
      {
        type: 'array',
        'element-id': 508,
        items: {
          type: 'record',
          name: 'r508',
          fields: [
            field('contains_null', 509, 'boolean', false, 'True if any file has a null partition value'),
            field('contains_nan', 518, 'boolean', true, 'True if any file has a nan partition value'),
            field('lower_bound', 510, 'bytes', true, 'Partition lower bound for all files'),
            field('upper_bound', 511, 'bytes', true, 'Partition upper bound for all files'),
          ],
        },
      },
      true,
      'Summary for each partition',
    ),
    field('key_metadata', 519, 'bytes', true, 'Encryption key metadata blob'),
  ],
};
