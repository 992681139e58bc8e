/**
 * Contracts between the parts `lakewatch up` wires together: HTTP ingest (sources/http) hands
 * accepted bodies to the spool; drop folders (sources/file) and the spool's batcher hand inputs
 * to the one ingest queue; the API (server/) reads the service's status.
 */
import type { InputFile, IngestSummary } from '../pipeline/index.js';

export type IngestOrigin = 'http' | 'drop';

/**
 * Every ingest of the service goes through one queue, one batch at a time: commits, realtime
 * detections and maintenance never race each other on the catalog.
 */
export interface IngestQueue {
  ingest(logSource: string, inputs: InputFile[], origin: IngestOrigin): Promise<IngestSummary>;
  /** Runs `job` between ingests (maintenance). */
  exclusive<T>(name: string, job: () => Promise<T>): Promise<T>;
}

export interface AcceptMeta {
  /** Unique id of the request (also its ledger identity). */
  requestId: string;
  endpoint: 'ingest' | 'hec-event' | 'hec-raw';
}

/**
 * Takes a request body already decoded into lines (NDJSON for JSON sources, text lines for
 * text sources; `events` of them) and resolves once it is durable: fsynced to the spool
 * (`service.ingest.ack: spool`) or committed (`commit`). Rejects with ServiceUnavailableError
 * when the service is shutting down.
 */
export type AcceptFn = (logSource: string, lines: Buffer, events: number, meta: AcceptMeta) => Promise<void>;

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
