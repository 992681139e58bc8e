export {
  ecsCatalog,
  lookupEcsField,
  ecsFieldSetNames,
  ecsSelectableNames,
  isEcsSelectable,
  geoPointParent,
  suggestEcsNames,
  nearest,
} from './catalog.js';
export type { EcsCatalog } from './catalog.js';
export { ecsTypeToIceberg, isEcsType, ECS_TO_ICEBERG } from './types.js';
export type { EcsType, EcsField } from './types.js';
export { EcsFieldError, SchemaBuildError } from './errors.js';
export type { UnknownEcsName } from './errors.js';
