export {
  ecsCatalog,
  lookupEcsField,
  ecsFieldSetNames,
  ecsSelectableNames,
  isEcsSelectable,
  geoPointParent,
  suggestEcsNames,
  nearest,
  ecsTypeToIceberg,
  isEcsType,
  ECS_TO_ICEBERG,
  EcsFieldError,
  SchemaBuildError,
} from './ecs/index.js';
export type { EcsCatalog, EcsType, EcsField, UnknownEcsName } from './ecs/index.js';
export {
  buildTableSchema,
  mergeUnboundFields,
  selectEcsFields,
  describeType,
  parseIcebergFields,
  icebergJsonToUnboundFields,
  icebergJsonToUnboundType,
  isPrimitiveTypeName,
  icebergFieldSchema,
  icebergTypeSchema,
  PRIMITIVE_TYPE_NAMES,
} from './build/index.js';
export type { BuildTableSchemaInput, IcebergFieldJson, IcebergTypeJson } from './build/index.js';

export { createConformer } from './conform/index.js';
export type { Conformer, ConformResult, ConformWarning } from './conform/index.js';
