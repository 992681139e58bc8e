/**
 * Shared types of the pull collectors: a collector pulls a vendor's API page by page, each page
 * carrying the cursor to persist once its records are committed (see runner.ts).
 */

/** What a collector needs; secrets only from `env` (never from config files). */
export interface CollectorContext {
  /** The log source's `managed.properties` (non-secret settings: base_url, domain, ids…). */
  properties: Record<string, unknown>;
  /** Environment: secrets named `LAKEWATCH_<LOG_SOURCE_NAME_UPPER>_<SECRET>`, e.g. LAKEWATCH_OKTA_API_TOKEN. */
  env: NodeJS.ProcessEnv;
  /** HTTP with 429/Retry-After and 5xx/network backoff (full jitter, capped), honouring signal. */
  http: HttpClient;
  /** Milliseconds since the epoch (tests pin it). */
  now(): number;
  signal: AbortSignal;
  log(message: string): void;
  /**
   * The log source's name (e.g. `okta`, `corp_okta`): secrets are read from
   * `LAKEWATCH_<NAME_UPPER>_<SECRET>` (see `secretEnvName`). Optional for tests; collectors fall
   * back to their managed type's default name.
   */
  logSource?: string;
}

export interface HttpResponse {
  status: number;
  /** Method and URL path (no query) of the request, for error messages. */
  method?: string;
  path?: string;
  headers: Headers;
  text: string;
  /** Parses `text`; a body that is not JSON throws a CollectorError naming the URL path. */
  json<T = unknown>(): T;
}

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpClient {
  /**
   * Sends the request, retrying 429 (after `Retry-After`), 5xx and network errors with capped,
   * fully jittered exponential backoff; gives up after a bounded number of attempts with a
   * CollectorError. Any other status (2xx, 3xx, 4xx including 401/403) is returned as is.
   */
  request(url: string, init?: HttpRequestInit): Promise<HttpResponse>;
}

/** One page of records for one table, and the cursor state to persist once it is committed. */
export interface PulledPage {
  /** Short table name of the managed source, e.g. 'system', 'auth'. */
  table: string;
  /** Raw vendor records (JSON objects) — the VRL mapping normalizes them. */
  records: unknown[];
  /** JSON-serializable state after this page. */
  cursor: unknown;
}

export interface Collector {
  /** Managed type, e.g. 'OKTA'. */
  type: string;
  /** Pulls everything after `cursor` (undefined: first run; start `properties.start_time` or 24h ago). */
  pull(cursor: unknown | undefined, ctx: CollectorContext): AsyncIterable<PulledPage>;
  /**
   * Retry settings the vendor needs (e.g. Duo: 429 without Retry-After and a once-a-minute
   * recommendation, so longer waits); `collectorContext` passes them to the HTTP client.
   */
  http?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /**
   * What the collector needs, for `lakewatch validate` / startup checks (see `checkPullSources`):
   * `properties` lists required `managed.properties` keys (an inner list: one of them);
   * `secrets` the secret names read from `LAKEWATCH_<SOURCE>_<SECRET>`.
   */
  requires?: { properties?: (string | string[])[]; secrets?: string[] };
}

export interface CollectorErrorDetails {
  /** URL path (never the query string or credentials) of the request that failed. */
  path?: string;
  method?: string;
  /** HTTP status, when the failure is an HTTP answer. */
  status?: number;
  /** The env var to set or fix (auth failures). */
  envVar?: string;
  cause?: unknown;
}

/**
 * A collector run failed: names the collector, the URL path (no query, no secrets) and the
 * status. Message: `OKTA: <what> (GET /api/v1/logs, HTTP 401)`.
 */
export class CollectorError extends Error {
  readonly collector: string;
  readonly path: string | undefined;
  readonly method: string | undefined;
  readonly status: number | undefined;
  readonly envVar: string | undefined;

  constructor(collector: string, message: string, details: CollectorErrorDetails = {}) {
    const where = [
      details.path !== undefined ? `${details.method ?? 'GET'} ${details.path}` : undefined,
      details.status !== undefined ? `HTTP ${details.status}` : undefined,
    ].filter((s) => s !== undefined);
    super(`${collector}: ${message}${where.length ? ` (${where.join(', ')})` : ''}`, {
      cause: details.cause,
    });
    this.name = 'CollectorError';
    this.collector = collector;
    this.path = details.path;
    this.method = details.method;
    this.status = details.status;
    this.envVar = details.envVar;
  }
}

/** `LAKEWATCH_<LOG_SOURCE_NAME_UPPER>_<SECRET>`; non-alphanumerics in the name become `_`. */
export function secretEnvName(logSource: string, secret: string): string {
  return `LAKEWATCH_${logSource.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${secret}`;
}
