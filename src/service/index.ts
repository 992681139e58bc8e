/** The always-on service behind `lakewatch up`. */
export { startService } from './service.js';
export type { ServiceOptions, RunningService } from './service.js';
export { Spool, spoolIdentity } from './spool.js';
export type { SpoolEntry } from './spool.js';
export { Batcher } from './batcher.js';
export type { BatcherOptions } from './batcher.js';
export { SerialIngestQueue } from './queue.js';
export { batchRequestId, ServiceUnavailableError } from './types.js';
export type {
  AcceptBatch,
  AcceptFn,
  AcceptMeta,
  IngestOrigin,
  IngestQueue,
  ServiceStatus,
  SourceStatus,
} from './types.js';
