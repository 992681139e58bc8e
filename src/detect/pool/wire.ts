/** Results as both workers (worker.py, the script worker) send them in a chunk. */
import type { Severity } from '../../config/types.js';
import type { DetectionErrorInfo } from './types.js';

/**
 * A match as both workers send it, alert fields resolved; the pool fills in what the function
 * did not give from the YAML.
 */
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

/** One record's result in a chunk: its index in the batch, and a match or an error. */
export type WireResult = [number, { m?: WireMatch; e?: DetectionErrorInfo }];
