/** Messages between the script pool (main thread) and its worker threads. */
import type { Severity } from '../../config/types.js';
import type { DetectionLoadError } from '../pool/types.js';
import type { WireResult } from '../pool/wire.js';

// a chunk's results have the same shape as the Python worker's (../pool/wire.ts)
export type { WireMatch, WireResult } from '../pool/wire.js';

export interface WorkerDetection {
  name: string;
  /** The detect.ts / detect.js file (errors and stack traces name it). */
  file: string;
  /** The bundled ESM module and its source map (paths relative to `dir`). */
  code: string;
  map: string;
  dir: string;
  displayName: string | null;
  severity: Severity;
}

export interface WorkerInit {
  detections: WorkerDetection[];
  remoteCacheSqlite: string | null;
  enrichment: Record<string, Record<string, unknown>> | null;
}

/** A batch: run `detections`, in order, over the records (JSON texts). */
export interface BatchMessage {
  t: 'batch';
  id: number;
  detections: string[];
  records: string[];
}

export type ToWorker = BatchMessage | { t: 'close' };

export type FromWorker =
  | { t: 'loading'; d: string }
  | { t: 'ready'; errors: DetectionLoadError[] }
  | { t: 'chunk'; id: number; d: string; r: WireResult[] }
  | { t: 'fatal'; message: string };
