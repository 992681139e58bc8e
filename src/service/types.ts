/**
 * Contracts between the parts `lakewatch up` wires together: HTTP ingest (sources/http) hands
 * accepted bodies to the spool; drop folders (sources/file) and the spool's batcher hand inputs
 * to the one ingest queue; the API (server/) reads the service's status.
 */
import type { InputFile, IngestSummary } from '../pipeline/index.js';

export type IngestOrigin = 'http' | 'drop' | 'collector';

/**
 * Every ingest of the service goes through one queue, one batch at a time: commits, realtime
 * detections and maintenance never race each other on the catalog.
 */
export interface IngestQueue {
  /** `table` pins every record to one table of the source (a pull collector's page). */
  ingest(
    logSource: string,
    inputs: InputFile[],
    origin: IngestOrigin,
    table?: string,
  ): Promise<IngestSummary>;
  /** Runs `job` between ingests (maintenance). */
  exclusive<T>(name: string, job: () => Promise<T>): Promise<T>;
}

export interface AcceptMeta {
  /** Unique id of the request (also its ledger identity). */
  requestId: string;
  endpoint: 'ingest' | 'hec-event' | 'hec-raw';
}

/** One log source's part of a request: lines already framed and validated. */
export interface AcceptBatch {
  logSource: string;
  /** NDJSON for JSON sources, text lines for text sources. */
  lines: Buffer;
  events: number;
}

/**
 * Takes a request body already decoded into per-log-source lines (one batch, or several for a
 * HEC request whose events name several sourcetypes) and resolves once all of it is durable:
 * fsynced to the spool (`service.ingest.ack: spool`) or committed (`commit`). All or nothing:
 * when one batch cannot be spooled, none is kept. Rejects with ServiceUnavailableError when the
 * service is shutting down.
 */
export type AcceptFn = (batches: AcceptBatch[], meta: AcceptMeta) => Promise<void>;

/** The spool id of batch `index` of `count` of a request: the request id, suffixed when split. */
export function batchRequestId(requestId: string, index: number, count: number): string {
  return count === 1 ? requestId : `${requestId}-${index + 1}`;
}

export interface SourceStatus {
  logSource: string;
  /** Spooled requests and bytes waiting to be committed. */
  spoolPending: number;
  spoolPendingBytes: number;
  /** Age of the oldest waiting request, ms; null when none waits. */
  oldestPendingMs: number | null;
  /** Last commit by this service (ISO 8601), and its event count. */
  lastCommitAt: string | null;
  lastCommitEvents: number;
  lastError: string | null;
  /** Drop folder of the source (absolute), when drop folders are on. */
  dropFolder: string | null;
}

export interface ServiceStatus {
  startedAt: string;
  version: string;
  /** `running`, or `stopping` once SIGTERM/SIGINT arrived. */
  state: 'running' | 'stopping';
  queueDepth: number;
  sources: SourceStatus[];
  schedules: {
    job: string;
    everyMs: number;
    lastRunAt: string | null;
    lastOutcome: string | null;
    nextRunAt: string | null;
  }[];
}

export class ServiceUnavailableError extends Error {
  constructor(message = 'the service is shutting down') {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}
