/**
 * O365 collector: the Office 365 Management Activity API.
 *
 * Auth: OAuth 2.0 client credentials against Microsoft Entra ID (`token_url`, default
 * `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`, scope `<base_url>/.default`);
 * `client_id` is a property, the secret comes from `LAKEWATCH_<SOURCE>_CLIENT_SECRET`.
 *
 * Per content type (`content_types`, default the four Audit.* types; add `DLP.All` if the app has
 * ActivityFeed.ReadDlp):
 *   1. `POST /api/v1.0/<tenant>/activity/feed/subscriptions/start?contentType=…` (an already
 *      enabled subscription, AF20024, is fine);
 *   2. `GET …/subscriptions/content?contentType=&startTime=&endTime=` over windows of at most
 *      24 h (`window`, default 1h), following the `NextPageUri` header;
 *   3. `GET <contentUri>` for each listed blob: a JSON array of audit records → one page of
 *      table `audit`.
 *
 * The listing filters on `contentCreated` (when the blob became available), start inclusive, end
 * exclusive; blobs can show up late, so each run re-lists an overlap (`overlap`, default
 * 10m) before the end of the last fully listed window and skips the blobs already fetched.
 *
 * Cursor (per content type): `done_until` (end of the last fully processed window), `seen`
 * (contentId → contentCreated of the blobs fetched since `done_until − overlap`) and `seen_records`
 * (record Id → contentCreated of their blob, same horizon, capped): a restart in the middle of
 * a window re-lists it and skips what was already fetched — no gaps, no duplicates.
 */
import {
  CollectorError,
  type Collector,
  type CollectorContext,
  type HttpResponse,
  type PulledPage,
} from '../types.js';
import { safePath } from '../http.js';
import { baseUrl, durationProp, requireSecret, sameOrigin, startTimeMs, stringProp } from '../common.js';

const TYPE = 'O365';
const TABLE = 'audit';
const DEFAULT_BASE_URL = 'https://manage.office.com';
const DEFAULT_CONTENT_TYPES = [
  'Audit.AzureActiveDirectory',
  'Audit.Exchange',
  'Audit.SharePoint',
  'Audit.General',
] as const;
const KNOWN_CONTENT_TYPES = new Set<string>([...DEFAULT_CONTENT_TYPES, 'DLP.All']);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The API lists content at most 7 days back; keep a margin so a slow run is not refused. */
const MAX_LOOKBACK_MS = 7 * 24 * HOUR - 10 * MINUTE;
/** Record ids kept per content type for the cross-blob dedupe (the newest are kept). */
const MAX_RECORD_IDS = 50_000;

/** Per content type state; times are ISO strings (UTC). */
interface ContentTypeState {
  done_until: string;
  /** contentId → contentCreated of the blobs fetched inside the overlap. */
  seen: Record<string, string>;
  /** Record Id → contentCreated of its blob (same horizon, capped). */
  seen_records: Record<string, string>;
}

export interface O365Cursor {
  v: 1;
  content_types: Record<string, ContentTypeState>;
}

interface ContentEntry {
  contentType?: string;
  contentId?: string;
  contentUri?: string;
  contentCreated?: string;
  contentExpiration?: string;
}

interface Settings {
  tenant: string;
  clientId: string;
  secret: string;
  secretVar: string;
  baseUrl: string;
  tokenUrl: string;
  scope: string;
  publisher: string;
  contentTypes: string[];
  windowMs: number;
  overlapMs: number;
  start: number;
}

export const o365Collector: Collector = {
  type: TYPE,
  requires: { properties: ['tenant_id', 'client_id'], secrets: ['CLIENT_SECRET'] },
  pull(cursor, ctx) {
    return pullO365(cursor, ctx);
  },
};

async function* pullO365(cursor: unknown, ctx: CollectorContext): AsyncGenerator<PulledPage> {
  const s = settings(ctx);
  const state = readCursor(cursor);
  const token = new TokenSource(s, ctx);
  const now = Math.floor(ctx.now() / 1000) * 1000;
  const oldest = now - MAX_LOOKBACK_MS;

  for (const contentType of s.contentTypes) {
    ctx.signal.throwIfAborted();
    await startSubscription(s, ctx, token, contentType);
    const st: ContentTypeState = state.content_types[contentType] ?? {
      done_until: new Date(Math.min(s.start, now)).toISOString(),
      seen: {},
      seen_records: {},
    };
    state.content_types[contentType] = st;
    let doneUntil = Date.parse(st.done_until);
    if (doneUntil < oldest) {
      ctx.log(
        `${TYPE}: ${contentType}: resuming from ${st.done_until}, but the API keeps content for 7 days only; starting at ${new Date(oldest).toISOString()} (older content is lost)`,
      );
      doneUntil = oldest;
      st.done_until = new Date(oldest).toISOString();
    }
    let lo = Math.floor(Math.max(doneUntil - s.overlapMs, oldest) / 1000) * 1000;
    while (lo < now) {
      const hi = Math.min(lo + s.windowMs, now);
      for await (const entries of listContent(s, ctx, token, contentType, lo, hi)) {
        for (const entry of entries) {
          const id = entry.contentId;
          if (typeof id !== 'string' || typeof entry.contentUri !== 'string') {
            throw new CollectorError(
              TYPE,
              `content listing entry without contentId/contentUri for ${contentType}`,
              {
                path: contentPath(s),
              },
            );
          }
          if (st.seen[id] !== undefined) continue;
          const created = isoOr(entry.contentCreated, new Date(lo).toISOString());
          const expires = Date.parse(isoOr(entry.contentExpiration, ''));
          const records: unknown[] = [];
          if (!Number.isNaN(expires) && expires <= now) {
            ctx.log(
              `${TYPE}: ${contentType}: content blob ${id} expired at ${entry.contentExpiration}; skipped`,
            );
          } else {
            for (const record of await fetchBlob(s, ctx, token, entry.contentUri)) {
              const rid = recordId(record);
              if (rid !== undefined) {
                if (st.seen_records[rid] !== undefined) continue;
                st.seen_records[rid] = created;
              }
              records.push(record);
            }
          }
          st.seen[id] = created;
          capRecords(st);
          yield { table: TABLE, records, cursor: snapshot(state) };
        }
      }
      // The window [lo, hi) is fully processed: move the mark and forget what the next overlap
      // cannot list again.
      if (hi > Date.parse(st.done_until)) st.done_until = new Date(hi).toISOString();
      prune(st, Date.parse(st.done_until) - s.overlapMs);
      yield { table: TABLE, records: [], cursor: snapshot(state) };
      lo = hi;
    }
  }
}

function settings(ctx: CollectorContext): Settings {
  const p = ctx.properties;
  const tenant = stringProp(ctx, TYPE, 'tenant_id') ?? stringProp(ctx, TYPE, 'tenant');
  if (!tenant)
    throw new CollectorError(
      TYPE,
      'managed.properties.tenant_id is required (the Microsoft Entra tenant ID)',
    );
  const clientId = stringProp(ctx, TYPE, 'client_id', true);
  const secret = requireSecret(ctx, TYPE, 'o365', 'CLIENT_SECRET', "the app registration's client secret");
  const base = baseUrl(ctx, TYPE, 'base_url', DEFAULT_BASE_URL);
  const tokenUrl = baseUrl(
    ctx,
    TYPE,
    'token_url',
    `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
  );
  const scope = stringProp(ctx, TYPE, 'scope') ?? `${new URL(base).origin}/.default`;
  const contentTypes = list(p.content_types) ?? [...DEFAULT_CONTENT_TYPES];
  for (const ct of contentTypes)
    if (!KNOWN_CONTENT_TYPES.has(ct))
      throw new CollectorError(
        TYPE,
        `unknown content type ${JSON.stringify(ct)} in managed.properties.content_types (known: ${[...KNOWN_CONTENT_TYPES].join(', ')})`,
      );
  const windowMs = durationProp(ctx, TYPE, 'window', HOUR);
  if (windowMs < MINUTE || windowMs > 24 * HOUR)
    throw new CollectorError(
      TYPE,
      'managed.properties.window must be between 1m and 24h (the API lists at most 24 h at once)',
    );
  return {
    tenant,
    clientId,
    secret: secret.value,
    secretVar: secret.name,
    baseUrl: base,
    tokenUrl,
    scope,
    publisher: stringProp(ctx, TYPE, 'publisher_id') ?? tenant,
    contentTypes,
    windowMs,
    overlapMs: durationProp(ctx, TYPE, 'overlap', 10 * MINUTE),
    start: startTimeMs(ctx, TYPE),
  };
}

/** OAuth client-credentials token, fetched once and refreshed before it expires or after a 401. */
class TokenSource {
  private token: string | undefined;
  private expiresAt = 0;
  constructor(
    private readonly s: Settings,
    private readonly ctx: CollectorContext,
  ) {}

  async get(force = false): Promise<string> {
    if (!force && this.token && this.ctx.now() < this.expiresAt - 60_000) return this.token;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.s.clientId,
      client_secret: this.s.secret,
      scope: this.s.scope,
    }).toString();
    const path = safePath(this.s.tokenUrl);
    const res = await this.ctx.http.request(this.s.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    });
    if (res.status !== 200) {
      const code = oauthError(res.text);
      throw new CollectorError(
        TYPE,
        `token request refused${code ? ` (${code})` : ''}: check managed.properties.tenant_id/client_id and ${this.s.secretVar}`,
        { method: 'POST', path, status: res.status, envVar: this.s.secretVar },
      );
    }
    const json = res.json<{ access_token?: unknown; expires_in?: unknown }>();
    if (typeof json.access_token !== 'string' || !json.access_token)
      throw new CollectorError(TYPE, 'token answer without access_token', {
        method: 'POST',
        path,
        status: 200,
      });
    this.token = json.access_token;
    const ttl = Number(json.expires_in);
    this.expiresAt = this.ctx.now() + (Number.isFinite(ttl) && ttl > 0 ? ttl * 1000 : 3600_000);
    return this.token;
  }
}

/** An API call with the bearer token; a 401 refreshes the token once, then 401/403 fail. */
async function api(
  s: Settings,
  ctx: CollectorContext,
  token: TokenSource,
  url: string,
  method: 'GET' | 'POST',
): Promise<HttpResponse> {
  let res: HttpResponse;
  for (let attempt = 0; ; attempt++) {
    const bearer = await token.get(attempt > 0);
    res = await ctx.http.request(url, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
      ...(method === 'POST' ? { body: '' } : {}),
    });
    if (res.status === 401 && attempt === 0) continue;
    break;
  }
  if (res.status === 401 || res.status === 403) {
    const code = apiError(res.text);
    throw new CollectorError(
      TYPE,
      `access denied${code ? ` (${code.code}: ${code.message})` : ''}: the app needs the Office 365 Management APIs permission ActivityFeed.Read (ActivityFeed.ReadDlp for DLP.All) with admin consent; check ${s.secretVar} and managed.properties.client_id`,
      { method, path: safePath(url), status: res.status, envVar: s.secretVar },
    );
  }
  return res;
}

async function startSubscription(
  s: Settings,
  ctx: CollectorContext,
  token: TokenSource,
  contentType: string,
): Promise<void> {
  const url = `${feedUrl(s)}/subscriptions/start?${new URLSearchParams({ contentType, PublisherIdentifier: s.publisher })}`;
  const res = await api(s, ctx, token, url, 'POST');
  if (res.status >= 200 && res.status < 300) return;
  const err = apiError(res.text);
  // AF20024: "The subscription is already enabled. No property change."
  if (res.status === 400 && err?.code === 'AF20024') return;
  throw new CollectorError(
    TYPE,
    `could not start the ${contentType} subscription${err ? ` (${err.code}: ${err.message})` : ''}`,
    { method: 'POST', path: safePath(url), status: res.status },
  );
}

/** The listing of [lo, hi), page by page (`NextPageUri`). */
async function* listContent(
  s: Settings,
  ctx: CollectorContext,
  token: TokenSource,
  contentType: string,
  lo: number,
  hi: number,
): AsyncGenerator<ContentEntry[]> {
  let url: string | undefined = `${contentPath(s, true)}?${new URLSearchParams({
    contentType,
    startTime: apiTime(lo),
    endTime: apiTime(hi),
    PublisherIdentifier: s.publisher,
  })}`;
  const seenPages = new Set<string>();
  while (url) {
    ctx.signal.throwIfAborted();
    if (seenPages.has(url))
      throw new CollectorError(TYPE, 'the content listing repeats a NextPageUri', { path: safePath(url) });
    seenPages.add(url);
    const res = await api(s, ctx, token, url, 'GET');
    if (res.status !== 200) {
      const err = apiError(res.text);
      throw new CollectorError(
        TYPE,
        `could not list ${contentType} content${err ? ` (${err.code}: ${err.message})` : ''}`,
        { path: safePath(url), status: res.status },
      );
    }
    const body = res.json<unknown>();
    if (!Array.isArray(body))
      throw new CollectorError(TYPE, 'the content listing is not a JSON array', {
        path: safePath(url),
        status: 200,
      });
    yield body as ContentEntry[];
    const next = res.headers.get('NextPageUri');
    url = next ? sameOrigin(TYPE, next, s.baseUrl) : undefined;
  }
}

async function fetchBlob(
  s: Settings,
  ctx: CollectorContext,
  token: TokenSource,
  contentUri: string,
): Promise<unknown[]> {
  // The blob is fetched with our bearer token: only from the API's own host.
  const u = new URL(sameOrigin(TYPE, contentUri, s.baseUrl));
  if (!u.searchParams.has('PublisherIdentifier')) u.searchParams.set('PublisherIdentifier', s.publisher);
  const url = u.toString();
  const res = await api(s, ctx, token, url, 'GET');
  if (res.status !== 200) {
    const err = apiError(res.text);
    throw new CollectorError(
      TYPE,
      `could not fetch a content blob${err ? ` (${err.code}: ${err.message})` : ''}`,
      {
        path: safePath(url),
        status: res.status,
      },
    );
  }
  const body = res.json<unknown>();
  if (!Array.isArray(body))
    throw new CollectorError(TYPE, 'the content blob is not a JSON array of audit records', {
      path: safePath(url),
      status: 200,
    });
  return body;
}

function feedUrl(s: Settings): string {
  return `${s.baseUrl}/api/v1.0/${encodeURIComponent(s.tenant)}/activity/feed`;
}

function contentPath(s: Settings, full = false): string {
  const url = `${feedUrl(s)}/subscriptions/content`;
  return full ? url : safePath(url);
}

/** `YYYY-MM-DDTHH:MM:SS` (UTC), a format the API documents for startTime/endTime. */
function apiTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function recordId(record: unknown): string | undefined {
  if (record && typeof record === 'object' && !Array.isArray(record)) {
    const id = (record as Record<string, unknown>).Id;
    if (typeof id === 'string' && id) return id;
  }
  return undefined;
}

function prune(st: ContentTypeState, horizon: number): void {
  for (const [id, created] of Object.entries(st.seen)) if (Date.parse(created) < horizon) delete st.seen[id];
  for (const [id, created] of Object.entries(st.seen_records))
    if (Date.parse(created) < horizon) delete st.seen_records[id];
}

function capRecords(st: ContentTypeState): void {
  const ids = Object.keys(st.seen_records);
  if (ids.length <= MAX_RECORD_IDS) return;
  // Keep the newest (insertion order is fetch order).
  for (const id of ids.slice(0, ids.length - MAX_RECORD_IDS)) delete st.seen_records[id];
}

function readCursor(cursor: unknown): O365Cursor {
  if (cursor === undefined || cursor === null) return { v: 1, content_types: {} };
  const c = cursor as Partial<O365Cursor>;
  if (typeof c !== 'object' || c.v !== 1 || typeof c.content_types !== 'object' || c.content_types === null)
    throw new CollectorError(TYPE, 'the stored cursor has an unexpected shape (reset it to start over)');
  const out: O365Cursor = { v: 1, content_types: {} };
  for (const [ct, st] of Object.entries(c.content_types)) {
    if (!st || typeof st.done_until !== 'string' || Number.isNaN(Date.parse(st.done_until)))
      throw new CollectorError(
        TYPE,
        `the stored cursor for ${ct} has no valid done_until (reset it to start over)`,
      );
    out.content_types[ct] = {
      done_until: st.done_until,
      seen: { ...st.seen },
      seen_records: { ...st.seen_records },
    };
  }
  return out;
}

function snapshot(state: O365Cursor): O365Cursor {
  return JSON.parse(JSON.stringify(state)) as O365Cursor;
}

function oauthError(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as { error?: unknown };
    return typeof j.error === 'string' ? j.error : undefined;
  } catch {
    return undefined;
  }
}

function apiError(text: string): { code: string; message: string } | undefined {
  try {
    const j = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (j.error && typeof j.error === 'object')
      return { code: String(j.error.code ?? ''), message: String(j.error.message ?? '').slice(0, 200) };
  } catch {
    /* not JSON */
  }
  return undefined;
}

function isoOr(value: unknown, fallback: string): string {
  if (typeof value === 'string') {
    const t = Date.parse(value.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return fallback;
}

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v))
    return v
      .map(String)
      .map((x) => x.trim())
      .filter(Boolean);
  if (typeof v === 'string' && v.trim())
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return undefined;
}
