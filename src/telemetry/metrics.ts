/**
 * The service's Prometheus metrics, on one registry per service (tests start several).
 * Names follow Prometheus conventions: `lakewatch_<what>_<unit>_total` for counters,
 * `_seconds` histograms. Every module that counts receives this object; only `server/`
 * exposes it (`GET /metrics`).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class LakewatchMetrics {
  readonly registry = new Registry();

  /** Requests and bytes received by HTTP ingest and HEC, by log source and outcome (`accepted`, `rejected`). */
  readonly httpIngestRequests = this.counter('lakewatch_http_ingest_requests_total', 'HTTP ingest requests', [
    'log_source',
    'endpoint',
    'outcome',
  ]);
  readonly httpIngestBytes = this.counter(
    'lakewatch_http_ingest_bytes_total',
    'Request body bytes accepted (as received, before decompression)',
    ['log_source', 'endpoint'],
  );
  readonly httpIngestEvents = this.counter(
    'lakewatch_http_ingest_events_total',
    'Events accepted over HTTP',
    ['log_source', 'endpoint'],
  );
  /** Events and inputs through the pipeline (any origin: HTTP spool, drop folder). */
  readonly ingestEvents = this.counter('lakewatch_ingest_events_total', 'Events read by the pipeline', [
    'log_source',
    'outcome',
  ]);
  readonly ingestInputs = this.counter(
    'lakewatch_ingest_inputs_total',
    'Inputs (files, spooled requests) ingested',
    ['log_source', 'origin'],
  );
  readonly ingestBatchSeconds = this.histogram(
    'lakewatch_ingest_batch_seconds',
    'Time to ingest and commit one batch (including realtime detection)',
    ['log_source'],
  );
  readonly commits = this.counter('lakewatch_commits_total', 'Iceberg snapshots committed', ['table']);
  readonly spoolPending = this.gauge(
    'lakewatch_spool_pending_inputs',
    'Spooled requests waiting for commit',
    ['log_source'],
  );
  readonly spoolPendingBytes = this.gauge(
    'lakewatch_spool_pending_bytes',
    'Spooled bytes waiting for commit',
    ['log_source'],
  );
  readonly dropFiles = this.counter('lakewatch_drop_files_total', 'Files taken from drop folders', [
    'log_source',
    'outcome',
  ]);
  readonly detectionRecords = this.counter(
    'lakewatch_detection_records_total',
    'Records run through realtime detections',
    [],
  );
  readonly detectionSeconds = this.histogram(
    'lakewatch_detection_seconds',
    'Realtime detection time per ingested batch (read-back, detections, alert store)',
    [],
  );
  readonly deliverySeconds = this.histogram(
    'lakewatch_delivery_seconds',
    'Time delivering alert changes to destinations per ingested batch',
    [],
  );
  readonly detectionMatches = this.counter('lakewatch_detection_matches_total', 'Rule matches', [
    'detection',
  ]);
  readonly detectionErrors = this.counter('lakewatch_detection_errors_total', 'Detection errors', [
    'detection',
  ]);
  readonly alertsChanged = this.counter('lakewatch_alerts_total', 'Alert changes', ['change']);
  readonly deliveries = this.counter('lakewatch_deliveries_total', 'Notifications to destinations', [
    'outcome',
  ]);
  readonly queries = this.counter('lakewatch_queries_total', 'SQL queries through the API', ['outcome']);
  readonly querySeconds = this.histogram('lakewatch_query_seconds', 'SQL query time through the API', []);
  readonly maintenanceRuns = this.counter('lakewatch_maintenance_runs_total', 'Scheduled maintenance jobs', [
    'job',
    'outcome',
  ]);
  readonly httpRequestSeconds = this.histogram('lakewatch_http_request_seconds', 'API request time', [
    'method',
    'route',
    'status',
  ]);

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'lakewatch_process_' });
  }

  /** The text exposition format, for `GET /metrics`. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  }
}
