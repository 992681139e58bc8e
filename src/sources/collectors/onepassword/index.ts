/**
 * ONEPASSWORD collector: the 1Password Events API (`base_url`, default
 * https://events.1password.com; events.1password.ca / .eu / ent.1password.com for other
 * regions), bearer token from `LAKEWATCH_<SOURCE>_API_TOKEN` (an Events Reporting token).
 *
 *   POST /api/v1/itemusages      → table item_usages
 *   POST /api/v1/signinattempts  → table signin_attempts
 *
 * The first request of an endpoint sends a reset cursor `{"limit": …, "start_time": …}`
 * (`start_time`, default 24 h back); every later one `{"cursor": "…"}` with the cursor of the
 * previous answer (`{cursor, has_more, items}`), until `has_more` is false. The API's cursor is
 * exactly the resume point, so the collector's cursor is that string per endpoint: the next run
 * (or a restart in the middle) continues from it — no gaps, no duplicates.
 */
import {
  CollectorError,
  type Collector,
  type CollectorContext,
  type HttpResponse,
  type PulledPage,
} from '../types.js';
import { baseUrl, requireSecret, startTimeMs, stringProp } from '../common.js';

const TYPE = 'ONEPASSWORD';
const DEFAULT_BASE_URL = 'https://events.1password.com';
const ENDPOINTS = {
  item_usages: '/api/v1/itemusages',
  signin_attempts: '/api/v1/signinattempts',
} as const;
type Table = keyof typeof ENDPOINTS;
const TABLES = Object.keys(ENDPOINTS) as Table[];
/** Pages per endpoint in one run, so one busy endpoint cannot starve the other forever. */
const DEFAULT_MAX_PAGES = 1000;

export interface OnePasswordCursor {
  v: 1;
  item_usages?: string;
  signin_attempts?: string;
}

interface EventsPage {
  cursor?: unknown;
  has_more?: unknown;
  items?: unknown;
}

export const onepasswordCollector: Collector = {
  type: TYPE,
  requires: { secrets: ['API_TOKEN'] },
  pull(cursor, ctx) {
    return pullOnePassword(cursor, ctx);
  },
};

async function* pullOnePassword(cursor: unknown, ctx: CollectorContext): AsyncGenerator<PulledPage> {
  const p = ctx.properties;
  const secret = requireSecret(
    ctx,
    TYPE,
    'onepassword',
    'API_TOKEN',
    '1Password Events Reporting bearer token',
  );
  const token = secret.value;
  const tokenVar = secret.name;
  const base = baseUrl(ctx, TYPE, 'base_url', DEFAULT_BASE_URL);
  const limit = Math.max(
    1,
    Math.min(1000, Math.floor(Number(stringProp(ctx, TYPE, 'page_size') ?? 1000) || 1000)),
  );
  const maxPages = Math.max(
    1,
    Math.floor(Number(stringProp(ctx, TYPE, 'max_pages_per_run') ?? DEFAULT_MAX_PAGES) || DEFAULT_MAX_PAGES),
  );
  const start = startTimeMs(ctx, TYPE);
  const tables = (list(p.tables) ?? TABLES) as Table[];
  for (const t of tables)
    if (!TABLES.includes(t))
      throw new CollectorError(
        TYPE,
        `unknown table ${JSON.stringify(t)} in managed.properties.tables (known: ${TABLES.join(', ')})`,
      );
  const state = readCursor(cursor);

  for (const table of tables) {
    const url = `${base}${ENDPOINTS[table]}`;
    const path = ENDPOINTS[table];
    for (let page = 0; page < maxPages; page++) {
      ctx.signal.throwIfAborted();
      const current = state[table];
      const body = current ? { cursor: current } : { limit, start_time: rfc3339(start) };
      const res: HttpResponse = await ctx.http.request(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
      });
      if (res.status === 401 || res.status === 403)
        throw new CollectorError(
          TYPE,
          `access denied${detail(res.text)}: check ${tokenVar} (an Events Reporting token with access to ${table === 'item_usages' ? 'item usage' : 'sign-in attempt'} events)`,
          { method: 'POST', path, status: res.status, envVar: tokenVar },
        );
      if (res.status !== 200)
        throw new CollectorError(TYPE, `request failed${detail(res.text)}`, {
          method: 'POST',
          path,
          status: res.status,
        });
      const answer = res.json<EventsPage>();
      if (
        !answer ||
        typeof answer !== 'object' ||
        typeof answer.cursor !== 'string' ||
        !answer.cursor ||
        !Array.isArray(answer.items)
      )
        throw new CollectorError(TYPE, 'unexpected answer: expected {cursor, has_more, items}', {
          method: 'POST',
          path,
          status: 200,
        });
      state[table] = answer.cursor;
      yield { table, records: answer.items, cursor: { ...state } };
      if (answer.has_more !== true) break;
      if (page + 1 === maxPages)
        ctx.log(`${TYPE}: ${table}: stopped after ${maxPages} pages; the next run continues`);
    }
  }
}

function readCursor(cursor: unknown): OnePasswordCursor {
  if (cursor === undefined || cursor === null) return { v: 1 };
  const c = cursor as Partial<OnePasswordCursor>;
  if (typeof c !== 'object' || c.v !== 1)
    throw new CollectorError(TYPE, 'the stored cursor has an unexpected shape (reset it to start over)');
  const out: OnePasswordCursor = { v: 1 };
  for (const t of TABLES) {
    const v = c[t];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !v)
      throw new CollectorError(TYPE, `the stored cursor for ${t} is not a string (reset it to start over)`);
    out[t] = v;
  }
  return out;
}

function detail(text: string): string {
  try {
    const j = JSON.parse(text) as { Error?: { Message?: unknown }; message?: unknown };
    const m = j.Error?.Message ?? j.message;
    if (typeof m === 'string' && m) return ` (${m.slice(0, 200)})`;
  } catch {
    /* not JSON */
  }
  return '';
}

/** RFC 3339 UTC, second precision (what the API documents for start_time). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string' && v.trim())
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return undefined;
}
