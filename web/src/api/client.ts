/**
 * Fetch wrapper for the Lakewatch API: adds the bearer token, turns `{ error: { message, status } }`
 * bodies into ApiError, and reports 401s so the shell can send the user back to the login page.
 */
import type {
  AlertResponse,
  AlertStatus,
  AlertSummary,
  DeadLetterSample,
  DetectionDetail,
  DetectionSummary,
  Me,
  QueryResult,
  SourceSummary,
  TableDetail,
  TableSummary,
  TestRun,
  VolumePoint,
} from './types';

const TOKEN_KEY = 'lakewatch.token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let token: string | null = readToken();
let onUnauthorized: () => void = () => {};

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value;
  try {
    if (value === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, value);
  } catch {
    // storage unavailable (private mode): the token lives for this page only
  }
}

export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Token to use instead of the stored one (login check). */
  token?: string;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = opts.token ?? token;
  if (auth) headers.authorization = `Bearer ${auth}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  if (!res.ok) {
    if (res.status === 401 && opts.token === undefined) onUnauthorized();
    throw new ApiError(await errorMessage(res), res.status, path);
  }
  return res;
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    if (typeof body.error === 'string') return body.error;
    if (body.error?.message) return body.error.message;
    if (body.message) return body.message;
  } catch {
    // not JSON
  }
  return text.trim() || `${res.status} ${res.statusText}`;
}

async function json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  return (await res.json()) as T;
}

const enc = encodeURIComponent;

/** A random query id (works outside secure contexts, unlike crypto.randomUUID). */
export function newQueryId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `q-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function qs(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const api = {
  me: (withToken?: string) => json<Me>('/api/me', withToken ? { token: withToken } : {}),
  tables: () => json<{ tables: TableSummary[] }>('/api/tables').then((r) => r.tables),
  table: (name: string) => json<TableDetail>(`/api/tables/${enc(name)}`),
  /** `queryId` (see newQueryId) lets `cancelQuery` stop it on the server as well. */
  query: (sql: string, opts: { queryId?: string; signal?: AbortSignal; maxRows?: number } = {}) =>
    json<QueryResult>('/api/query', {
      method: 'POST',
      body: {
        sql,
        format: 'json',
        maxRows: opts.maxRows ?? 10_000,
        ...(opts.queryId ? { queryId: opts.queryId } : {}),
      },
      signal: opts.signal,
    }),
  cancelQuery: (queryId: string) => send(`/api/query/${enc(queryId)}`, { method: 'DELETE' }).then(() => {}),
  alerts: (filters: Record<string, string | number | undefined> = {}) =>
    json<{ alerts: AlertSummary[] }>(`/api/alerts${qs(filters)}`).then((r) => r.alerts),
  alert: (id: string) => json<AlertResponse>(`/api/alerts/${enc(id)}`),
  setAlertStatus: (id: string, status: AlertStatus, note?: string) =>
    json<unknown>(`/api/alerts/${enc(id)}/status`, {
      method: 'POST',
      body: note ? { status, note } : { status },
    }),
  detections: () => json<{ detections: DetectionSummary[] }>('/api/detections').then((r) => r.detections),
  detection: (name: string) => json<DetectionDetail>(`/api/detections/${enc(name)}`),
  testDetection: (name: string) =>
    json<TestRun>(`/api/detections/${enc(name)}/test`, { method: 'POST', body: {} }),
  sources: () => json<{ sources: SourceSummary[] }>('/api/sources').then((r) => r.sources),
  volume: (name: string, since: string, step: string) =>
    json<{ series: VolumePoint[] }>(`/api/sources/${enc(name)}/volume${qs({ since, step })}`).then(
      (r) => r.series,
    ),
  deadLetters: (name: string, limit = 50) =>
    json<{ total: number; samples: DeadLetterSample[] }>(
      `/api/sources/${enc(name)}/dead-letters${qs({ limit })}`,
    ),
};
