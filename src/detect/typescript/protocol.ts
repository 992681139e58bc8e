/** Messages between the script pool (main thread) and its worker threads. */
import type { Severity } from '../../config/types.js';
import type { DetectionErrorInfo, DetectionLoadError } from '../python/pool.js';

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

/** A match, with the alert fields resolved as the Python worker does. */
export interface WireMatch {
  title: string;
  dedupe: string;
  severity: Severity;
  description?: string;
  runbook?: string;
  reference?: string;
  destinations?: string[];
  /** JSON text; integers beyond 2^53 exact. */
  alert_context?: string;
  warnings?: string[];
}

export type WireResult = [number, { m?: WireMatch; e?: DetectionErrorInfo }];

export type FromWorker =
  | { t: 'loading'; d: string }
  | { t: 'ready'; errors: DetectionLoadError[] }
  | { t: 'chunk'; id: number; d: string; r: WireResult[] }
  | { t: 'fatal'; message: string };
