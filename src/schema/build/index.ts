export { buildTableSchema, mergeUnboundFields, selectEcsFields, describeType } from './build-table-schema.js';
export type { BuildTableSchemaInput } from './build-table-schema.js';
export {
  parseIcebergFields,
  icebergJsonToUnboundFields,
  icebergJsonToUnboundType,
  isPrimitiveTypeName,
  icebergFieldSchema,
  icebergTypeSchema,
  primitiveTypeSchema,
  PRIMITIVE_TYPE_NAMES,
} from './iceberg-json.js';
export type {
  IcebergFieldJson,
  IcebergTypeJson,
  IcebergStructJson,
  IcebergListJson,
  IcebergMapJson,
} from './iceberg-json.js';
