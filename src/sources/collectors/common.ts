/**
 * Helpers shared by the collectors: secrets from the environment, properties, the start time of
 * a first run, and time windows with an overlap deduplicated by event id (`pullWindows`).
 */
import { parseDuration } from '../../util/duration.js';
import { CollectorError, secretEnvName, type CollectorContext, type PulledPage } from './types.js';

/** The log source name secrets are named after: the context's, else the type's default name. */
export function sourceName(ctx: CollectorContext, defaultName: string): string {
  return ctx.logSource ?? defaultName;
}

/** Reads `LAKEWATCH_<SOURCE>_<SECRET>`; a missing or empty one is a CollectorError naming the variable. */
export function requireSecret(
  ctx: CollectorContext,
  collector: string,
  defaultName: string,
  secret: string,
  what: string,
): { name: string; value: string } {
  const name = secretEnvName(sourceName(ctx, defaultName), secret);
  const value = ctx.env[name];
  if (value === undefined || value.trim() === '')
    throw new CollectorError(collector, `${what} missing: set the environment variable ${name}`, {
      envVar: name,
    });
  return { name, value: value.trim() };
}

/** A string property; `required` ones throw a CollectorError naming the property when absent. */
export function stringProp(ctx: CollectorContext, collector: string, key: string, required: true): string;
export function stringProp(
  ctx: CollectorContext,
  collector: string,
  key: string,
  required?: false,
): string | undefined;
export function stringProp(
  ctx: CollectorContext,
  collector: string,
  key: string,
  required = false,
): string | undefined {
  const value = ctx.properties[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw new CollectorError(collector, `managed.properties.${key} is required`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new CollectorError(collector, `managed.properties.${key} must be a string`);
  return String(value);
}

/** A duration property (`5m`, `2h`, or a number of ms), else the default. */
export function durationProp(
  ctx: CollectorContext,
  collector: string,
  key: string,
  fallbackMs: number,
): number {
  const value = ctx.properties[key];
  if (value === undefined || value === null || value === '') return fallbackMs;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    try {
      return parseDuration(value);
    } catch {
      /* below */
    }
  }
  throw new CollectorError(collector, `managed.properties.${key}: expected a duration like 5m, 2h, 1d`);
}

/**
 * Where a first run starts (ms): `properties.start_time` as an ISO 8601 time or a duration back
 * from now (`7d`), else 24 hours ago.
 */
export function startTimeMs(ctx: CollectorContext, collector: string): number {
  const value = ctx.properties.start_time;
  if (value === undefined || value === null || value === '') return ctx.now() - 86_400_000;
  if (typeof value === 'string') {
    if (/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)\s*$/i.test(value)) return ctx.now() - parseDuration(value);
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t;
  }
  if (value instanceof Date) return value.getTime();
  throw new CollectorError(
    collector,
    `managed.properties.start_time: expected an ISO 8601 time or a duration like 7d`,
  );
}

/** A base URL without trailing slash; `properties[key]` overrides the default (tests, other clouds). */
export function baseUrl(
  ctx: CollectorContext,
  collector: string,
  key: string,
  fallback: string | undefined,
): string {
  const value = stringProp(ctx, collector, key) ?? fallback;
  if (!value) throw new CollectorError(collector, `managed.properties.${key} is required`);
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `https://${value}`);
  } catch {
    throw new CollectorError(collector, `managed.properties.${key}: not a URL`);
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * Only follow a next-page link on the API's own origin: the link is sent with our credentials.
 */
export function sameOrigin(collector: string, link: string, base: string): string {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new CollectorError(collector, 'the next-page link is not a URL');
  }
  if (url.origin !== new URL(base).origin)
    throw new CollectorError(
      collector,
      `the next-page link points to another host (${url.host}); not followed`,
    );
  return url.toString();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `Link` header's rel="next" target, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^<([^>]*)>\s*;(.*)$/s.exec(part.trim());
    if (!m) continue;
    for (const param of m[2]!.split(';')) {
      const p = /^\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))\s*$/i.exec(param);
      const rels = (p?.[1] ?? p?.[2] ?? '').toLowerCase().split(/\s+/);
      if (rels.includes('next')) return m[1];
    }
  }
  return undefined;
}

export function deepCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

// ---------------------------------------------------------------------------------------------
// Time windows with an overlap.

/**
 * The state of one windowed stream: the next window starts at `from`; a window being paged
 * (`window`) resumes at its `next` page after a restart; `seen` keeps `id → time (ms)` of the
 * events inside the overlap, so re-reading it returns no duplicates.
 */
export interface WindowState {
  from: number;
  window?: { from: number; to: number; next?: string };
  seen: Record<string, number>;
}

export interface WindowStream {
  /** Key of this stream's state in the collector's cursor object. */
  key: string;
  table: string;
  /** Fetches one page of [from, to] (inclusive, ms); `next` is the page token/link of the previous page. */
  fetchPage(
    from: number,
    to: number,
    next: string | undefined,
  ): Promise<{ records: unknown[]; next?: string }>;
  /** The event's id for deduplication, and its time (ms); undefined time: not deduplicated. */
  idOf(record: unknown): string | undefined;
  timeOf(record: unknown): number | undefined;
}

export interface WindowOptions {
  collector: string;
  /** The whole cursor object (`{ [stream.key]: WindowState, … }`), mutated and copied into each page. */
  cursor: Record<string, unknown>;
  ctx: CollectorContext;
  /** Window end = now − lag (data the API may not have yet is left for the next run). */
  lagMs: number;
  /** Each window starts this much before the previous one ended. */
  overlapMs: number;
  /** First window's start (ms). */
  startMs: number;
  /** Longest window (a first run over days is cut into several); default 1 day. */
  maxWindowMs?: number;
}

/**
 * Pulls each stream window by window, page by page: yields one PulledPage per API page (the
 * records not seen before; possibly none, to move the cursor), with the whole cursor after it.
 */
export async function* pullWindows(streams: WindowStream[], opts: WindowOptions): AsyncGenerator<PulledPage> {
  const { cursor, ctx } = opts;
  const maxWindow = Math.max(opts.maxWindowMs ?? 86_400_000, 2 * opts.overlapMs, 1000);
  for (const stream of streams) {
    const state = ((cursor[stream.key] as WindowState | undefined) ??= { from: opts.startMs, seen: {} });
    state.seen ??= {};
    while (true) {
      ctx.signal.throwIfAborted();
      const end = ctx.now() - opts.lagMs;
      if (!state.window) {
        if (end <= state.from) break;
        state.window = { from: state.from, to: Math.min(end, state.from + maxWindow) };
      }
      const w = state.window;
      const page = await stream.fetchPage(w.from, w.to, w.next);
      const fresh: unknown[] = [];
      const tailFrom = w.to - opts.overlapMs;
      for (const record of page.records) {
        const id = stream.idOf(record);
        const time = stream.timeOf(record);
        if (id !== undefined) {
          if (state.seen[id] !== undefined) continue;
          if (time !== undefined && time >= tailFrom) state.seen[id] = time;
        }
        fresh.push(record);
      }
      if (page.next) w.next = page.next;
      else {
        delete state.window;
        state.from = Math.max(w.from, w.to - opts.overlapMs);
        for (const [id, t] of Object.entries(state.seen)) if (t < state.from) delete state.seen[id];
      }
      yield { table: stream.table, records: fresh, cursor: deepCopy(cursor) };
      if (!state.window && w.to >= end) break;
    }
  }
}
