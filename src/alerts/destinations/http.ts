/** HTTP for senders: a timeout, status classification and Retry-After, nothing printed raw. */

/** A failed attempt. `retryable` false ends the current round at once. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Seconds or an HTTP date → milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const t = value.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * Sends one request. `label` describes it in errors (never the URL: it may embed a secret).
 * Non-2xx statuses throw a DeliveryError with the first bytes of the body.
 */
export async function httpRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; label: string },
): Promise<HttpResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(init.timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const why = timedOut ? `timed out after ${init.timeoutMs} ms` : (e.cause?.code ?? e.message);
    throw new DeliveryError(`${init.label}: ${why}`, true);
  }
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    throw new DeliveryError(
      `${init.label}: HTTP ${res.status}${snippet ? ` ${snippet}` : ''}`,
      isRetryableStatus(res.status),
      parseRetryAfter(res.headers.get('retry-after')),
    );
  }
  return { status: res.status, headers: res.headers, text };
}

/** The origin of a URL that is not itself secret, for error labels. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
