/**
 * DUO: the Admin API's logs, signed with HMAC-SHA1 (see sign.ts).
 *
 * - `auth`: `GET /admin/v2/logs/authentication` — `mintime`/`maxtime` (ms), `limit` 1000,
 *   `sort=ts:asc`, paged by `metadata.next_offset` (`"<ms>,<txid>"`).
 * - `telephony`: `GET /admin/v2/logs/telephony` — the same, `response.items`.
 * - `admin`: `GET /admin/v1/logs/administrator`, `offline_enrollment`:
 *   `GET /admin/v1/logs/offline_enrollment` — `mintime` (seconds, inclusive), the earliest 1000
 *   events per call; the next call asks `mintime=<last timestamp>` and drops the events of that
 *   second already seen (no event id: a hash of the event).
 * - `summary`: `GET /admin/v1/info/summary` — one record per run (the account's counts), with
 *   `timestamp` (epoch seconds) added: when it was read.
 *
 * Duo asks clients to leave the last 2 minutes (events may still arrive): windows end at
 * now − `lag` (default and minimum 2 minutes). v2 windows are disjoint (`maxtime` inclusive, an
 * event on it deduplicated by txid / telephony_id).
 *
 * Properties: `api_hostname` (`api-xxxxxxxx.duosecurity.com`; `base_url` overrides it),
 * `integration_key` (ikey), `tables` (default all), `start_time`, `lag`. Secret:
 * `LAKEWATCH_<SOURCE>_SECRET_KEY` (the Admin API application's secret key).
 */
import { createHash } from 'node:crypto';
import { expectOk } from '../http.js';
import {
  baseUrl,
  deepCopy,
  durationProp,
  pullWindows,
  requireSecret,
  startTimeMs,
  stringProp,
} from '../common.js';
import { CollectorError, type Collector, type CollectorContext, type PulledPage } from '../types.js';
import { canonicalParams, duoAuthHeaders, rfc2822 } from './sign.js';

const TYPE = 'DUO';
export const DUO_TABLES = ['auth', 'telephony', 'admin', 'offline_enrollment', 'summary'] as const;
type DuoTable = (typeof DUO_TABLES)[number];
const MIN_LAG_MS = 120_000;
const V1_PAGE = 1000;

export const duoCollector: Collector = {
  type: TYPE,
  requires: { properties: [['api_hostname', 'base_url'], 'integration_key'], secrets: ['SECRET_KEY'] },
  // Duo answers 429 without Retry-After and asks for log requests no more than once a minute.
  http: { maxAttempts: 6, baseDelayMs: 10_000, maxDelayMs: 60_000 },
  pull: (cursor, ctx) => pullDuo(cursor as Record<string, unknown> | undefined, ctx),
};

interface Duo {
  base: string;
  host: string;
  ikey: string;
  skey: string;
  skeyVar: string;
  ctx: CollectorContext;
}

interface V1State {
  /** Seconds: the next call's mintime (inclusive). */
  mintime: number;
  /** Hash → timestamp (s) of the events of second `mintime` already delivered. */
  seen: Record<string, number>;
}

async function* pullDuo(
  saved: Record<string, unknown> | undefined,
  ctx: CollectorContext,
): AsyncGenerator<PulledPage> {
  const base = baseUrl(ctx, TYPE, 'base_url', stringProp(ctx, TYPE, 'api_hostname'));
  const ikey = stringProp(ctx, TYPE, 'integration_key', true);
  const skey = requireSecret(ctx, TYPE, 'duo', 'SECRET_KEY', 'Duo Admin API secret key');
  const duo: Duo = { base, host: new URL(base).host, ikey, skey: skey.value, skeyVar: skey.name, ctx };
  const lagMs = Math.max(MIN_LAG_MS, durationProp(ctx, TYPE, 'lag', MIN_LAG_MS));
  const tables = tablesOf(ctx);
  const cursor: Record<string, unknown> = deepCopy(saved) ?? {};
  const startMs = startTimeMs(ctx, TYPE);

  const v2 = (table: 'auth' | 'telephony', path: string, listKey: 'authlogs' | 'items', idKey: string) => ({
    key: table,
    table,
    fetchPage: async (from: number, to: number, next: string | undefined) => {
      const params: Record<string, string> = {
        mintime: String(from),
        maxtime: String(to),
        limit: '1000',
        sort: 'ts:asc',
      };
      if (next) params.next_offset = next;
      const response = (await duoGet(duo, path, params)) as Record<string, unknown> | null;
      const list = response?.[listKey];
      if (!Array.isArray(list))
        throw new CollectorError(TYPE, `unexpected answer: response.${listKey} is not a list`, { path });
      const offset = (response!.metadata as { next_offset?: unknown } | undefined)?.next_offset;
      const nextOffset = Array.isArray(offset)
        ? offset.map(String).join(',')
        : typeof offset === 'string' || typeof offset === 'number'
          ? String(offset)
          : undefined;
      return { records: list, next: list.length > 0 ? nextOffset : undefined };
    },
    idOf: (r: unknown) => {
      const id = (r as Record<string, unknown>)?.[idKey] ?? (r as Record<string, unknown>)?.txid;
      return typeof id === 'string' ? id : undefined;
    },
    timeOf: (r: unknown) => eventTimeMs(r),
  });

  const streams = [];
  if (tables.includes('auth')) streams.push(v2('auth', '/admin/v2/logs/authentication', 'authlogs', 'txid'));
  if (tables.includes('telephony'))
    streams.push(v2('telephony', '/admin/v2/logs/telephony', 'items', 'telephony_id'));
  yield* pullWindows(streams, { collector: TYPE, cursor, ctx, lagMs, overlapMs: 0, startMs });

  for (const [table, path] of [
    ['admin', '/admin/v1/logs/administrator'],
    ['offline_enrollment', '/admin/v1/logs/offline_enrollment'],
  ] as const) {
    if (!tables.includes(table)) continue;
    const state = ((cursor[table] as V1State | undefined) ??= {
      mintime: Math.floor(startMs / 1000),
      seen: {},
    });
    while (true) {
      ctx.signal.throwIfAborted();
      const list = await duoGet(duo, path, { mintime: String(state.mintime) });
      if (!Array.isArray(list))
        throw new CollectorError(TYPE, 'unexpected answer: response is not a list', { path });
      const limit = Math.floor((ctx.now() - lagMs) / 1000);
      const events = list
        .map((r) => ({ r, ts: Math.floor((eventTimeMs(r) ?? NaN) / 1000) }))
        .sort((a, b) => a.ts - b.ts);
      const fresh: unknown[] = [];
      let lagged = false;
      for (const { r, ts } of events) {
        if (Number.isNaN(ts)) {
          fresh.push(r); // no usable timestamp: delivered (the mapping dead-letters it)
          continue;
        }
        if (ts > limit) {
          lagged = true;
          break;
        }
        const h = hashOf(r);
        if (state.seen[h] !== undefined) continue;
        fresh.push(r);
        if (ts > state.mintime) {
          state.mintime = ts;
          state.seen = {};
        }
        if (ts === state.mintime) state.seen[h] = ts;
      }
      yield { table, records: fresh, cursor: deepCopy(cursor) };
      if (list.length < V1_PAGE || lagged || fresh.length === 0) break;
    }
  }

  if (tables.includes('summary')) {
    const response = await duoGet(duo, '/admin/v1/info/summary', {});
    if (response === null || typeof response !== 'object' || Array.isArray(response))
      throw new CollectorError(TYPE, 'unexpected answer: response is not an object', {
        path: '/admin/v1/info/summary',
      });
    const at = Math.floor(ctx.now() / 1000);
    cursor.summary = { last: at };
    yield { table: 'summary', records: [{ ...response, timestamp: at }], cursor: deepCopy(cursor) };
  }
}

function tablesOf(ctx: CollectorContext): DuoTable[] {
  const value = ctx.properties.tables;
  if (value === undefined || value === null) return [...DUO_TABLES];
  const list = Array.isArray(value) ? value : String(value).split(',');
  const tables = list.map((t) => String(t).trim()).filter(Boolean);
  for (const t of tables)
    if (!(DUO_TABLES as readonly string[]).includes(t))
      throw new CollectorError(
        TYPE,
        `managed.properties.tables: unknown table "${t}" (tables: ${DUO_TABLES.join(', ')})`,
      );
  return tables as DuoTable[];
}

/** An event's time (ms): `timestamp` (epoch seconds), else ISO 8601 `isotimestamp` or `ts`. */
function eventTimeMs(r: unknown): number | undefined {
  const o = r as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return undefined;
  if (typeof o.timestamp === 'number') return o.timestamp * 1000;
  for (const key of ['isotimestamp', 'ts']) {
    const v = o[key];
    if (typeof v === 'string') {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
  }
  return undefined;
}

function hashOf(r: unknown): string {
  return createHash('sha256').update(stableJson(r)).digest('base64url').slice(0, 22);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** A signed GET; returns Duo's `response` (after checking `stat`). */
async function duoGet(duo: Duo, path: string, params: Record<string, string>): Promise<unknown> {
  const query = canonicalParams(params);
  const headers = {
    ...duoAuthHeaders(duo.ikey, duo.skey, {
      date: rfc2822(duo.ctx.now()),
      method: 'GET',
      host: duo.host,
      path,
      params: query,
    }),
    Accept: 'application/json',
  };
  const res = await duo.ctx.http.request(`${duo.base}${path}${query ? `?${query}` : ''}`, { headers });
  expectOk(res, TYPE, { envVar: duo.skeyVar, what: 'managed.properties.integration_key and the secret key' });
  const body = res.json<{ stat?: unknown; response?: unknown; message?: unknown }>();
  if (body?.stat !== 'OK')
    throw new CollectorError(
      TYPE,
      `Duo answered stat=${String(body?.stat)}${typeof body?.message === 'string' ? `: ${body.message}` : ''}`,
      { path, status: res.status },
    );
  return body.response;
}
