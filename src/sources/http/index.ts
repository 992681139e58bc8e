/**
 * `sources/http`: HTTP ingest for `lakewatch up`.
 *
 * `POST /ingest/:logSource` takes JSON lines, a JSON array, JSON objects, JSON text sequences
 * or text lines (by Content-Type), gzip- or zstd-compressed or not (by Content-Encoding), and
 * answers `{ accepted, requestId }` once `accept` made the data durable. Splunk HEC clients
 * (Vector, Fluent Bit, OpenTelemetry) post to `/services/collector/event` and `/raw`.
 * Limits: `maxBodyBytes` on the wire (413 from Content-Length alone, or as soon as a chunked
 * body passes it) and `maxDecodedBodyBytes` after decompression.
 */
export { ingestRoutes } from './routes.js';
export type { HttpIngestDeps } from './routes.js';
export type { BodyLimits } from './body.js';
export { HttpIngestError, HEC } from './errors.js';
export type { IngestOutcome } from './errors.js';
export { newRequestId } from './request-id.js';
