/** Results and load errors of the detection pools (Python and TypeScript/JavaScript alike). */
import type { Severity } from '../../config/types.js';

/** A record a detection matched, with the alert fields resolved by Matano's rules. */
export interface DetectionMatch {
  kind: 'match';
  detection: string;
  table: string;
  /** Index of the record in the `recordsJson` array given to `run`. */
  recordIndex: number;
  /** `title()`, else the detection's display_name, else its name. */
  title: string;
  /** `dedupe()`, else the title. */
  dedupe: string;
  /** `severity()` when it returns a known severity, else `alert.severity` from the YAML. */
  severity: Severity;
  /** `description()`, else the YAML description. */
  description?: string;
  /** `runbook()`, else the YAML runbook. */
  runbook?: string;
  /** `reference()`, else the first YAML reference. */
  reference?: string;
  /** `destinations()`, else `alert.destinations`. */
  destinations: string[];
  /** `alert_context()`, parsed; integers beyond 2^53 are `bigint`. */
  alertContext?: unknown;
  /** `alert_context()` as the JSON text the worker wrote (exact). */
  alertContextJson?: string;
  /** Problems that did not stop the match, e.g. an unknown severity. */
  warnings?: string[];
}

export interface DetectionErrorInfo {
  /**
   * Python exception type or JavaScript error name, or `DetectionTimeout`, `WorkerExited`,
   * `InvalidRecord`.
   */
  type: string;
  message: string;
  traceback: string;
  /** The detection function that raised (`detect`, `title`, …), when known. */
  function?: string;
}

/** A detection that failed on a record (raised, timed out, or its worker died). */
export interface DetectionError {
  kind: 'error';
  detection: string;
  table: string;
  recordIndex: number;
  error: DetectionErrorInfo;
}

export type DetectionResult = DetectionMatch | DetectionError;

/** A detection file that could not be built or imported (syntax error, import error, no detect()). */
export interface DetectionLoadError {
  detection: string;
  file: string;
  line?: number;
  type: string;
  message: string;
  traceback: string;
}
