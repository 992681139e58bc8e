/**
 * OKTA: the System Log API (`GET /api/v1/logs`), polled in ascending order.
 *
 * The first request is `since=<start>&sortOrder=ASCENDING&limit=<page_size>`; every answer carries
 * a `Link: <…>; rel="next"` header, also when the page is empty (a polling request): that link is
 * the cursor (persisted after each page, followed on the next run). A page with no events means
 * we are caught up. If the API gives no next link, the next run asks `since=<last published>`
 * again (the filter is inclusive), dropping the events already seen (by `uuid`, kept for the
 * events of the last `overlap`, default 1 minute).
 *
 * Properties: `base_url` (`https://<org>.okta.com`) or `domain` (`<org>.okta.com`), `page_size`
 * (default 1000), `start_time`, `overlap`. Secret: `LAKEWATCH_<SOURCE>_API_TOKEN` (an API token,
 * sent as `Authorization: SSWS <token>`).
 */
import { expectOk } from '../http.js';
import {
  baseUrl,
  deepCopy,
  durationProp,
  iso,
  nextLink,
  requireSecret,
  sameOrigin,
  startTimeMs,
  stringProp,
} from '../common.js';
import { CollectorError, type Collector, type CollectorContext, type PulledPage } from '../types.js';

const TYPE = 'OKTA';

export interface OktaCursor {
  /** Okta's next link of the last page (absolute URL on the org's origin). */
  next?: string;
  /** `published` of the newest event seen (ISO 8601), where a run without `next` resumes. */
  since: string;
  /** uuid → published (ms) of the events within `overlap` of `since`. */
  seen: Record<string, number>;
}

interface OktaEvent {
  uuid?: unknown;
  published?: unknown;
}

export const oktaCollector: Collector = {
  type: TYPE,
  requires: { properties: [['domain', 'base_url']], secrets: ['API_TOKEN'] },
  pull: (cursor, ctx) => pullOkta(cursor as OktaCursor | undefined, ctx),
};

async function* pullOkta(saved: OktaCursor | undefined, ctx: CollectorContext): AsyncGenerator<PulledPage> {
  const base = baseUrl(ctx, TYPE, 'base_url', stringProp(ctx, TYPE, 'domain'));
  const token = requireSecret(ctx, TYPE, 'okta', 'API_TOKEN', 'Okta API token');
  const limit = Math.min(1000, Math.max(1, Number(stringProp(ctx, TYPE, 'page_size') ?? 1000) || 1000));
  const overlapMs = durationProp(ctx, TYPE, 'overlap', 60_000);
  const cursor: OktaCursor = saved
    ? { next: saved.next, since: saved.since, seen: { ...saved.seen } }
    : { since: iso(startTimeMs(ctx, TYPE)), seen: {} };

  const sinceUrl = () => {
    const params = new URLSearchParams({ since: cursor.since, limit: String(limit), sortOrder: 'ASCENDING' });
    return `${base}/api/v1/logs?${params}`;
  };
  let url = sinceUrl();
  if (cursor.next) {
    if (new URL(cursor.next).origin === new URL(base).origin) url = cursor.next;
    else ctx.log(`${TYPE}: the saved next link is for another org URL; resuming with since=${cursor.since}`);
  }
  // A run stops at an empty page, or after this many pages (the next run goes on).
  const maxPages = Math.max(1, Number(stringProp(ctx, TYPE, 'max_pages_per_run') ?? 10_000) || 10_000);
  for (let pages = 0; pages < maxPages; pages++) {
    ctx.signal.throwIfAborted();
    const res = await ctx.http.request(url, {
      headers: { Authorization: `SSWS ${token.value}`, Accept: 'application/json' },
    });
    expectOk(res, TYPE, { envVar: token.name, what: 'the API token' });
    const body = res.json();
    if (!Array.isArray(body))
      throw new CollectorError(
        TYPE,
        `unexpected page shape: expected a JSON array of events, got ${shapeOf(body)}`,
        {
          method: 'GET',
          path: res.path,
          status: res.status,
        },
      );
    const records: unknown[] = [];
    let newest = Date.parse(cursor.since);
    for (const event of body as OktaEvent[]) {
      const uuid = typeof event?.uuid === 'string' ? event.uuid : undefined;
      const published = typeof event?.published === 'string' ? Date.parse(event.published) : NaN;
      if (uuid !== undefined && cursor.seen[uuid] !== undefined) continue;
      records.push(event);
      if (!Number.isNaN(published)) {
        if (uuid !== undefined) cursor.seen[uuid] = published;
        if (published > newest) newest = published;
      }
    }
    cursor.since = iso(newest);
    for (const [id, t] of Object.entries(cursor.seen)) if (t < newest - overlapMs) delete cursor.seen[id];
    const link = nextLink(res.headers.get('link'));
    const next = link ? sameOrigin(TYPE, link, base) : undefined;
    cursor.next = next;
    yield { table: 'system', records, cursor: deepCopy(cursor) };
    if (!next) {
      // No link (not Okta's documented behaviour, but be safe): a full page may have more after it.
      if (body.length < limit) return;
      if (records.length === 0) {
        ctx.log(
          `${TYPE}: ${body.length} events share published=${cursor.since} and no next link was given; the run stops there`,
        );
        return;
      }
      url = sinceUrl();
      continue;
    }
    // Caught up: an empty page, or a next link that asks the same again.
    if (body.length === 0 || next === url) return;
    url = next;
  }
}

function shapeOf(body: unknown): string {
  if (body === null) return 'null';
  if (typeof body === 'object') {
    const keys = Object.keys(body as object).slice(0, 5);
    return `an object${keys.length ? ` with keys ${keys.join(', ')}` : ''}`;
  }
  return typeof body;
}
