/**
 * One error type for every way an ingest request fails before anything is accepted. Routes
 * turn it into `{ error: { message, status } }` (`/ingest`) or HEC's `{ text, code }` shape.
 */

/** The `outcome` label of `lakewatch_http_ingest_requests_total`. */
export type IngestOutcome = 'accepted' | 'rejected' | 'aborted' | 'too_large' | 'unavailable' | 'error';

/** Splunk HEC status codes used here (Splunk's "Troubleshoot HTTP Event Collector" table). */
export const HEC = {
  success: { text: 'Success', code: 0 },
  /** For server/'s token check on HEC paths. */
  tokenRequired: { text: 'Token is required', code: 2 },
  invalidAuthorization: { text: 'Invalid authorization', code: 3 },
  invalidToken: { text: 'Invalid token', code: 4 },
  noData: { text: 'No data', code: 5 },
  invalidDataFormat: { text: 'Invalid data format', code: 6 },
  incorrectIndex: { text: 'Incorrect index', code: 7 },
  internalError: { text: 'Internal server error', code: 8 },
  busy: { text: 'Server is busy', code: 9 },
  eventRequired: { text: 'Event field is required', code: 12 },
  eventBlank: { text: 'Event field cannot be blank', code: 13 },
  healthy: { text: 'HEC is healthy', code: 17 },
} as const;

export type HecStatus = (typeof HEC)[keyof typeof HEC];

export class HttpIngestError extends Error {
  constructor(
    readonly status: 400 | 404 | 413 | 415 | 500 | 503,
    readonly outcome: IngestOutcome,
    message: string,
    /** For HEC answers: the code to send and the (0-based) event it is about. */
    readonly hec: { status: HecStatus; eventNumber?: number } = { status: HEC.invalidDataFormat },
  ) {
    super(message);
    this.name = 'HttpIngestError';
  }
}

export const badBody = (
  message: string,
  hec?: { status: HecStatus; eventNumber?: number },
): HttpIngestError => new HttpIngestError(400, 'rejected', message, hec);

export const noData = (message: string): HttpIngestError =>
  new HttpIngestError(400, 'rejected', message, { status: HEC.noData });
