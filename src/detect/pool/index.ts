export {
  PoolCore,
  PoolWorker,
  type Job,
  type PoolCoreOptions,
  type PoolLabels,
  type RunState,
} from './core.js';
export type * from './types.js';
export type { WireMatch, WireResult } from './wire.js';
