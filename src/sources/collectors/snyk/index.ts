/**
 * SNYK collector: the Snyk REST API (`Authorization: token <token>`, token from
 * `LAKEWATCH_<SOURCE>_API_TOKEN`; `base_url` default https://api.snyk.io, or a regional host).
 *
 * - table `audit`: `GET /rest/orgs/<org_id>/audit_logs/search?version=&from=&to=&size=&sort_order=ASC`
 *   (`from` inclusive, `to` exclusive, RFC 3339), following `links.next` (a `cursor` parameter).
 *   Audit log entries carry no id: an entry's identity is a hash of its canonical JSON.
 * - table `vulnerabilities`: `GET /rest/orgs/<org_id>/issues?version=&limit=&updated_after=&updated_before=`,
 *   following `links.next` (`starting_after`). Issues are updated in place: an issue updated
 *   again later is a new row (identity `id@updated_at`).
 *
 * Both re-read an overlap (`overlap`, default 5m) before the last mark and skip what was
 * already delivered (the identities seen since `done_until − overlap` are in the cursor). Audit
 * logs come oldest first, so their mark moves after every page; issues are not ordered by
 * update time, so a scan has fixed bounds (`scan_to` in the cursor) and its mark moves when it
 * completes — a restart in the middle re-runs the same scan and skips the issues already seen.
 * A long backfill of issues (`start_time` far back, e.g. `365d`) is scanned in windows of
 * `window` (default 1d) so the identities kept during a scan stay few.
 */
import { createHash } from 'node:crypto';
import {
  CollectorError,
  type Collector,
  type CollectorContext,
  type HttpResponse,
  type PulledPage,
} from '../types.js';
import { safePath } from '../http.js';
import { baseUrl, durationProp, requireSecret, sameOrigin, startTimeMs, stringProp } from '../common.js';

const TYPE = 'SNYK';
const DEFAULT_BASE_URL = 'https://api.snyk.io';
const DEFAULT_VERSION = '2024-10-15';
const TABLES = ['audit', 'vulnerabilities'] as const;
type Table = (typeof TABLES)[number];

interface TableState {
  /** Everything before this mark (minus the overlap) has been delivered. ISO, UTC. */
  done_until: string;
  /** Issues: the upper bound of the scan in progress. */
  scan_to?: string;
  /** Identity → its time (created / updated_at), for the overlap dedupe. */
  seen: Record<string, string>;
}

export interface SnykCursor {
  v: 1;
  audit?: TableState;
  vulnerabilities?: TableState;
}

interface Settings {
  baseUrl: string;
  orgId: string;
  token: string;
  tokenVar: string;
  version: string;
  pageSize: number;
  overlapMs: number;
  windowMs: number;
  start: number;
  tables: Table[];
}

export const snykCollector: Collector = {
  type: TYPE,
  requires: { properties: ['org_id'], secrets: ['API_TOKEN'] },
  pull(cursor, ctx) {
    return pullSnyk(cursor, ctx);
  },
};

async function* pullSnyk(cursor: unknown, ctx: CollectorContext): AsyncGenerator<PulledPage> {
  const s = settings(ctx);
  const state = readCursor(cursor);
  const now = Math.floor(ctx.now() / 1000) * 1000;
  if (s.tables.includes('audit')) yield* pullAudit(s, ctx, state, now);
  if (s.tables.includes('vulnerabilities')) yield* pullIssues(s, ctx, state, now);
}

async function* pullAudit(
  s: Settings,
  ctx: CollectorContext,
  state: SnykCursor,
  now: number,
): AsyncGenerator<PulledPage> {
  const st: TableState = state.audit ?? { done_until: iso(Math.min(s.start, now)), seen: {} };
  state.audit = st;
  const lo = Date.parse(st.done_until) - s.overlapMs;
  if (lo >= now) return;
  let url: string | undefined =
    `${s.baseUrl}/rest/orgs/${encodeURIComponent(s.orgId)}/audit_logs/search?${new URLSearchParams({
      version: s.version,
      from: iso(lo),
      to: iso(now),
      size: String(s.pageSize),
      sort_order: 'ASC',
    })}`;
  const pages = new Set<string>();
  while (url) {
    ctx.signal.throwIfAborted();
    const body = await getJson<{ data?: { items?: unknown }; links?: { next?: unknown } }>(
      s,
      ctx,
      url,
      pages,
    );
    const items = body.data?.items ?? [];
    if (!Array.isArray(items))
      throw new CollectorError(TYPE, 'audit log search answer without data.items', {
        path: safePath(url),
        status: 200,
      });
    const next = nextUrl(s, body.links?.next, url);
    const records: unknown[] = [];
    let mark = Date.parse(st.done_until);
    for (const item of items) {
      const created = timeOf((item as { created?: unknown })?.created);
      if (created === undefined)
        throw new CollectorError(TYPE, 'audit log entry without a valid created time', {
          path: safePath(url),
        });
      const id = auditIdentity(item);
      if (st.seen[id] !== undefined) continue;
      st.seen[id] = new Date(created).toISOString();
      records.push(item);
      // Oldest first: everything before this entry has been listed.
      if (created > mark) mark = created;
    }
    if (!next) mark = Math.max(mark, now);
    st.done_until = iso(mark);
    // The next query starts at done_until − overlap: what is older cannot be listed again.
    prune(st, Date.parse(st.done_until) - s.overlapMs);
    yield { table: 'audit', records, cursor: snapshot(state) };
    url = next;
  }
}

async function* pullIssues(
  s: Settings,
  ctx: CollectorContext,
  state: SnykCursor,
  now: number,
): AsyncGenerator<PulledPage> {
  const st: TableState = state.vulnerabilities ?? { done_until: iso(Math.min(s.start, now)), seen: {} };
  state.vulnerabilities = st;
  while (true) {
    // One scan per window of at most `window` (a long backfill is cut so `seen` stays small).
    if (!st.scan_to) {
      const from = Date.parse(st.done_until);
      if (from >= now) return;
      st.scan_to = iso(Math.min(now, from + s.windowMs));
    }
    yield* scanIssues(s, ctx, state, st);
  }
}

/** Pages through updated_at ∈ [done_until − overlap, scan_to); the last page moves the mark. */
async function* scanIssues(
  s: Settings,
  ctx: CollectorContext,
  state: SnykCursor,
  st: TableState,
): AsyncGenerator<PulledPage> {
  const scanTo = Date.parse(st.scan_to!);
  const lo = Date.parse(st.done_until) - s.overlapMs;
  let url: string | undefined =
    `${s.baseUrl}/rest/orgs/${encodeURIComponent(s.orgId)}/issues?${new URLSearchParams({
      version: s.version,
      limit: String(s.pageSize),
      updated_after: iso(lo),
      updated_before: iso(scanTo),
    })}`;
  const pages = new Set<string>();
  while (url) {
    ctx.signal.throwIfAborted();
    const body = await getJson<{ data?: unknown; links?: { next?: unknown } }>(s, ctx, url, pages);
    const data = body.data ?? [];
    if (!Array.isArray(data))
      throw new CollectorError(TYPE, 'issues answer without a data array', {
        path: safePath(url),
        status: 200,
      });
    const next = nextUrl(s, body.links?.next, url);
    const records: unknown[] = [];
    for (const issue of data) {
      const id = (issue as { id?: unknown })?.id;
      const attrs = (issue as { attributes?: { updated_at?: unknown; created_at?: unknown } })?.attributes;
      const updated = timeOf(attrs?.updated_at) ?? timeOf(attrs?.created_at);
      if (typeof id !== 'string' || updated === undefined)
        throw new CollectorError(TYPE, 'issue without id or attributes.updated_at', { path: safePath(url) });
      const at = new Date(updated).toISOString();
      const key = `${id}@${at}`;
      if (st.seen[key] !== undefined) continue;
      st.seen[key] = at;
      records.push(issue);
    }
    if (!next) {
      // The scan is complete: its upper bound becomes the mark.
      st.done_until = iso(Math.max(scanTo, Date.parse(st.done_until)));
      delete st.scan_to;
      prune(st, Date.parse(st.done_until) - s.overlapMs);
    }
    yield { table: 'vulnerabilities', records, cursor: snapshot(state) };
    url = next;
  }
}

async function getJson<T>(s: Settings, ctx: CollectorContext, url: string, pages: Set<string>): Promise<T> {
  const path = safePath(url);
  if (pages.has(url)) throw new CollectorError(TYPE, 'links.next repeats a page already read', { path });
  pages.add(url);
  const res: HttpResponse = await ctx.http.request(url, {
    headers: { Authorization: `token ${s.token}`, Accept: 'application/vnd.api+json' },
  });
  if (res.status === 401 || res.status === 403)
    throw new CollectorError(
      TYPE,
      `access denied${detail(res.text)}: check ${s.tokenVar} (a Snyk API token or service account token with access to org ${s.orgId})`,
      { path, status: res.status, envVar: s.tokenVar },
    );
  if (res.status !== 200)
    throw new CollectorError(TYPE, `request failed${detail(res.text)}`, { path, status: res.status });
  const body = res.json<T>();
  if (!body || typeof body !== 'object')
    throw new CollectorError(TYPE, 'the answer is not a JSON object', { path, status: 200 });
  return body;
}

/** `links.next` is a path relative to the REST root (`/orgs/…`), a `/rest/…` path or a full URL. */
function nextUrl(s: Settings, next: unknown, current: string): string | undefined {
  if (typeof next !== 'string' || !next) return undefined;
  // Sent with our token: only on the API's own host.
  if (/^https?:\/\//i.test(next)) return sameOrigin(TYPE, next, s.baseUrl);
  if (next.startsWith('/rest/')) return sameOrigin(TYPE, next, s.baseUrl);
  if (next.startsWith('/')) return `${s.baseUrl}/rest${next}`;
  return sameOrigin(TYPE, new URL(next, current).toString(), s.baseUrl);
}

/** Audit entries have no id: a hash of the entry with its keys sorted. */
function auditIdentity(item: unknown): string {
  return createHash('sha256').update(canonical(item)).digest('hex').slice(0, 32);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function detail(text: string): string {
  try {
    const j = JSON.parse(text) as { errors?: { title?: unknown; detail?: unknown }[] };
    const e = j.errors?.[0];
    if (e)
      return ` (${[e.title, e.detail]
        .filter((x) => typeof x === 'string' && x)
        .join(': ')
        .slice(0, 200)})`;
  } catch {
    /* not JSON */
  }
  return '';
}

function settings(ctx: CollectorContext): Settings {
  const p = ctx.properties;
  const orgId = stringProp(ctx, TYPE, 'org_id', true);
  const token = requireSecret(ctx, TYPE, 'snyk', 'API_TOKEN', 'Snyk API token');
  const tables = (list(p.tables) ?? [...TABLES]) as Table[];
  for (const t of tables)
    if (!TABLES.includes(t))
      throw new CollectorError(
        TYPE,
        `unknown table ${JSON.stringify(t)} in managed.properties.tables (known: ${TABLES.join(', ')})`,
      );
  const pageSize = Number(stringProp(ctx, TYPE, 'page_size') ?? 100) || 100;
  return {
    baseUrl: baseUrl(ctx, TYPE, 'base_url', DEFAULT_BASE_URL).replace(/\/rest$/, ''),
    orgId,
    token: token.value,
    tokenVar: token.name,
    version: stringProp(ctx, TYPE, 'api_version') ?? DEFAULT_VERSION,
    pageSize: Math.max(1, Math.min(100, Math.floor(pageSize))),
    overlapMs: durationProp(ctx, TYPE, 'overlap', 5 * 60_000),
    windowMs: Math.max(60_000, durationProp(ctx, TYPE, 'window', 86_400_000)),
    start: startTimeMs(ctx, TYPE),
    tables,
  };
}

function readCursor(cursor: unknown): SnykCursor {
  if (cursor === undefined || cursor === null) return { v: 1 };
  const c = cursor as Partial<SnykCursor>;
  if (typeof c !== 'object' || c.v !== 1)
    throw new CollectorError(TYPE, 'the stored cursor has an unexpected shape (reset it to start over)');
  const out: SnykCursor = { v: 1 };
  for (const t of TABLES) {
    const st = c[t];
    if (st === undefined) continue;
    if (!st || typeof st.done_until !== 'string' || Number.isNaN(Date.parse(st.done_until)))
      throw new CollectorError(
        TYPE,
        `the stored cursor for ${t} has no valid done_until (reset it to start over)`,
      );
    out[t] = {
      done_until: st.done_until,
      seen: { ...st.seen },
      ...(st.scan_to ? { scan_to: st.scan_to } : {}),
    };
  }
  return out;
}

function prune(st: TableState, horizon: number): void {
  for (const [k, t] of Object.entries(st.seen)) if (Date.parse(t) < horizon) delete st.seen[k];
}

function snapshot(state: SnykCursor): SnykCursor {
  return JSON.parse(JSON.stringify(state)) as SnykCursor;
}

/** RFC 3339, second precision (rounded down), UTC: the query parameters and marks. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function timeOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
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
