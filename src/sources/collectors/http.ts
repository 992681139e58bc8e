/**
 * The collectors' HTTP client: `fetch` with retries. 429 waits `Retry-After` (seconds or an HTTP
 * date; Okta's `X-Rate-Limit-Reset` epoch seconds when there is none), 5xx and network errors
 * back off exponentially with full jitter (a random wait in [0, min(cap, base·2^n)]; a 5xx with
 * `Retry-After` waits that instead), each attempt has a timeout, and after `maxAttempts` the
 * request fails with a CollectorError naming the URL path and the last status. Other answers (2xx, 3xx, 4xx including 401/403) are returned as is:
 * the collector decides (auth failures are not retried). Aborting `signal` stops at once, also
 * during a wait. Errors never include the query string or headers (where secrets live).
 */
import { CollectorError, type HttpClient, type HttpRequestInit, type HttpResponse } from './types.js';

export interface HttpClientOptions {
  /** Names the collector in errors, e.g. 'OKTA'. */
  collector: string;
  signal?: AbortSignal;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff base (default 1 s) and cap (default 60 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured (default 10 min); a longer one fails the request at once. */
  maxRetryAfterMs?: number;
  /** Timeout of one attempt (default 60 s); a timeout counts as a network error. */
  timeoutMs?: number;
  /** For tests: wait (default: a timer that the signal cancels), random in [0, 1), clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** Sent unless the request sets it. */
  userAgent?: string;
}

export const DEFAULT_USER_AGENT = 'lakewatch-collector/0.1';

/** A timer that rejects with the signal's reason when it is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined if absent/invalid. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function retryDelayFor429(headers: Headers, now: number): number | undefined {
  const after = parseRetryAfter(headers.get('retry-after'), now);
  if (after !== undefined) return after;
  const reset = headers.get('x-rate-limit-reset');
  if (reset && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/** The URL's path only: the query may carry tokens, and never goes into an error or a log. */
export function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid URL)';
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599 && status !== 501);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const collector = options.collector;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 600_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const signal = options.signal;

  const backoff = (attempt: number) =>
    Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));

  return {
    async request(url: string, init: HttpRequestInit = {}): Promise<HttpResponse> {
      const method = (init.method ?? 'GET').toUpperCase();
      const path = safePath(url);
      const headers: Record<string, string> = { ...init.headers };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent'))
        headers['User-Agent'] = options.userAgent ?? DEFAULT_USER_AGENT;
      let lastProblem = '';
      let lastStatus: number | undefined;
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        signal?.throwIfAborted();
        const timeout = AbortSignal.timeout(timeoutMs);
        const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
        let waitMs: number;
        try {
          const res = await doFetch(url, { method, headers, body: init.body, signal: attemptSignal });
          const text = await res.text();
          if (!isRetryableStatus(res.status)) return makeResponse(collector, method, path, res, text);
          lastStatus = res.status;
          if (res.status === 429) {
            const after = retryDelayFor429(res.headers, now());
            if (after !== undefined && after > maxRetryAfterMs)
              throw new CollectorError(
                collector,
                `rate limited; the API asks to retry after ${Math.ceil(after / 1000)} s, longer than the ${Math.ceil(maxRetryAfterMs / 1000)} s allowed`,
                { method, path, status: 429 },
              );
            waitMs = after ?? backoff(attempt);
            lastProblem = 'rate limited';
          } else {
            // a 503 may say when to come back (Graph does); otherwise back off
            const after = parseRetryAfter(res.headers.get('retry-after'), now());
            waitMs = after !== undefined && after <= maxRetryAfterMs ? after : backoff(attempt);
            lastProblem = `server error`;
          }
        } catch (err) {
          if (err instanceof CollectorError) throw err;
          if (signal?.aborted) throw signal.reason;
          lastStatus = undefined;
          lastProblem = timeout.aborted
            ? `no answer within ${timeoutMs} ms`
            : `network error: ${describeNetworkError(err)}`;
          waitMs = backoff(attempt);
        }
        if (attempt + 1 < maxAttempts) {
          log(
            `${collector}: ${method} ${path}: ${lastProblem}${lastStatus ? ` (HTTP ${lastStatus})` : ''}; retry ${attempt + 1}/${maxAttempts - 1} in ${waitMs} ms`,
          );
          await sleep(waitMs, signal);
        }
      }
      throw new CollectorError(collector, `${lastProblem}; gave up after ${maxAttempts} attempts`, {
        method,
        path,
        status: lastStatus,
      });
    },
  };
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  // fetch's TypeError('fetch failed') hides the reason in `cause` (ECONNREFUSED, ECONNRESET…).
  if (cause && (cause.code || cause.message)) return cause.code ?? cause.message ?? err.message;
  return err.message;
}

function makeResponse(
  collector: string,
  method: string,
  path: string,
  res: Response,
  text: string,
): HttpResponse {
  return {
    status: res.status,
    method,
    path,
    headers: res.headers,
    text,
    json<T = unknown>(): T {
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new CollectorError(collector, 'the answer is not JSON', {
          method,
          path,
          status: res.status,
          cause,
        });
      }
    },
  };
}

/**
 * Throws unless the answer is 2xx: 401/403 as an auth failure naming the env var to set (never
 * retried), anything else as an unexpected answer with the vendor's message (trimmed).
 */
export function expectOk(
  res: HttpResponse,
  collector: string,
  auth: { envVar?: string; what?: string } = {},
): void {
  if (res.status >= 200 && res.status < 300) return;
  const details = { method: res.method, path: res.path, status: res.status, envVar: auth.envVar };
  const vendor = res.text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (res.status === 401 || res.status === 403) {
    const fix = auth.envVar ? `; check ${auth.what ?? 'the credentials'} in ${auth.envVar}` : '';
    throw new CollectorError(
      collector,
      `${res.status === 401 ? 'authentication failed' : 'access denied'}${fix}${vendor ? ` — ${vendor}` : ''}`,
      details,
    );
  }
  throw new CollectorError(collector, `unexpected answer${vendor ? `: ${vendor}` : ''}`, details);
}
