/**
 * AWS_INSPECTOR collector: Amazon Inspector (inspector2) `ListFindings`.
 *
 *   POST <endpoint>/findings/list   (endpoint default https://inspector2.<region>.amazonaws.com)
 *   {"filterCriteria": {"updatedAt": [{"startInclusive": s, "endInclusive": e}], …},
 *    "maxResults": ≤100, "nextToken": "…"}
 *   → {"findings": [...], "nextToken": "…"}
 *
 * Signed with SigV4 (service `inspector2`, `region` property, else AWS_REGION /
 * AWS_DEFAULT_REGION); credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the optional
 * AWS_SESSION_TOKEN, or the source's own `LAKEWATCH_<SOURCE>_AWS_ACCESS_KEY_ID` /
 * `…_AWS_SECRET_ACCESS_KEY` / `…_AWS_SESSION_TOKEN` when that access key is set (one source per
 * account). Extra filters (e.g. `findingStatus`) can be given as the
 * `filter_criteria` property (Inspector's FilterCriteria JSON); `updatedAt` is the collector's.
 *
 * Findings are updated in place: a finding updated again later is a new row (identity
 * `findingArn@updatedAt`). ListFindings cannot sort on updatedAt, so a scan has fixed bounds
 * (`scan_to` in the cursor) and the mark (`done_until`) moves when the scan completes; each scan
 * re-reads an overlap (`overlap`, default 10m) before the mark and skips the identities
 * already delivered (kept in the cursor while they are inside the overlap). A restart in the
 * middle re-runs the same scan and skips what it already delivered — no gaps, no duplicates.
 * A long backfill (`start_time` far back) is scanned in windows of `window` (default 1d) so the
 * identities kept during a scan stay few.
 * All findings go to table `default`.
 */
import aws4 from 'aws4';
import {
  CollectorError,
  secretEnvName,
  type Collector,
  type CollectorContext,
  type HttpResponse,
  type PulledPage,
} from '../types.js';
import { baseUrl, durationProp, startTimeMs, stringProp } from '../common.js';

const TYPE = 'AWS_INSPECTOR';
const TABLE = 'default';
const PATH = '/findings/list';

export interface AwsInspectorCursor {
  v: 1;
  /** Every finding updated before this mark (minus the overlap) has been delivered. ISO, UTC. */
  done_until: string;
  /** The upper bound of the scan in progress. */
  scan_to?: string;
  /** `findingArn@updatedAt` → updatedAt (ISO) of the findings delivered inside the overlap. */
  seen: Record<string, string>;
}

interface Settings {
  url: URL;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Where the credentials came from, for error messages: `AWS_ACCESS_KEY_ID / …`. */
  envVars: string;
  keyVar: string;
  maxResults: number;
  overlapMs: number;
  windowMs: number;
  start: number;
  filterCriteria: Record<string, unknown>;
}

export const awsInspectorCollector: Collector = {
  type: TYPE,
  requires: { secrets: [] },
  pull(cursor, ctx) {
    return pullInspector(cursor, ctx);
  },
};

async function* pullInspector(cursor: unknown, ctx: CollectorContext): AsyncGenerator<PulledPage> {
  const s = settings(ctx);
  const now = Math.floor(ctx.now() / 1000) * 1000;
  const st = readCursor(cursor) ?? { v: 1 as const, done_until: iso(Math.min(s.start, now)), seen: {} };
  while (true) {
    // One scan per window of at most `window` (a long backfill is cut so `seen` stays small).
    if (!st.scan_to) {
      const from = Date.parse(st.done_until);
      if (from >= now) return;
      st.scan_to = iso(Math.min(now, from + s.windowMs));
    }
    yield* scan(s, ctx, st);
  }
}

/** Pages through updatedAt ∈ [done_until − overlap, scan_to]; the last page moves the mark. */
async function* scan(s: Settings, ctx: CollectorContext, st: AwsInspectorCursor): AsyncGenerator<PulledPage> {
  const scanTo = Date.parse(st.scan_to!);
  const lo = Math.floor((Date.parse(st.done_until) - s.overlapMs) / 1000) * 1000;
  let nextToken: string | undefined;
  const tokens = new Set<string>();
  do {
    ctx.signal.throwIfAborted();
    const body = JSON.stringify({
      filterCriteria: {
        ...s.filterCriteria,
        updatedAt: [{ startInclusive: lo / 1000, endInclusive: Math.floor(scanTo / 1000) }],
      },
      maxResults: s.maxResults,
      ...(nextToken ? { nextToken } : {}),
    });
    const answer = await listFindings(s, ctx, body);
    const findings = answer.findings ?? [];
    if (!Array.isArray(findings))
      throw new CollectorError(TYPE, 'ListFindings answer without a findings array', {
        method: 'POST',
        path: PATH,
        status: 200,
      });
    const records: unknown[] = [];
    for (const f of findings) {
      const arn = (f as { findingArn?: unknown })?.findingArn;
      const updated = epochMs((f as { updatedAt?: unknown })?.updatedAt);
      if (typeof arn !== 'string' || !arn || updated === undefined)
        throw new CollectorError(TYPE, 'finding without findingArn or updatedAt', {
          method: 'POST',
          path: PATH,
        });
      const at = new Date(updated).toISOString();
      const key = `${arn}@${at}`;
      if (st.seen[key] !== undefined) continue;
      st.seen[key] = at;
      records.push(f);
    }
    const next = typeof answer.nextToken === 'string' && answer.nextToken ? answer.nextToken : undefined;
    if (next !== undefined) {
      if (tokens.has(next))
        throw new CollectorError(TYPE, 'ListFindings repeats a nextToken', { method: 'POST', path: PATH });
      tokens.add(next);
    } else {
      // The scan is complete: its upper bound becomes the mark; what the next scan's overlap
      // cannot return again is forgotten.
      st.done_until = iso(Math.max(scanTo, Date.parse(st.done_until)));
      delete st.scan_to;
      const horizon = Date.parse(st.done_until) - s.overlapMs;
      for (const [k, t] of Object.entries(st.seen)) if (Date.parse(t) < horizon) delete st.seen[k];
    }
    yield { table: TABLE, records, cursor: JSON.parse(JSON.stringify(st)) as AwsInspectorCursor };
    nextToken = next;
  } while (nextToken);
}

async function listFindings(
  s: Settings,
  ctx: CollectorContext,
  body: string,
): Promise<{ findings?: unknown; nextToken?: unknown }> {
  let res: HttpResponse;
  for (let attempt = 0; ; attempt++) {
    res = await ctx.http.request(...signedRequest(s, ctx, body));
    // The HTTP client retries 429/5xx with the same headers; after long waits the signature's
    // X-Amz-Date may be older than AWS accepts (5 min): sign again with the current time, once.
    if (attempt === 0 && res.status === 403 && /signature expired/i.test(res.text)) {
      ctx.log(`${TYPE}: POST ${PATH}: signature expired after retries; signing again`);
      continue;
    }
    break;
  }
  if (res.status === 401 || res.status === 403) {
    const e = awsError(res);
    throw new CollectorError(
      TYPE,
      `access denied${e}: check ${s.envVars}, and that the identity may call inspector2:ListFindings in ${s.region}`,
      { method: 'POST', path: PATH, status: res.status, envVar: s.keyVar },
    );
  }
  if (res.status !== 200)
    throw new CollectorError(TYPE, `ListFindings failed${awsError(res)}`, {
      method: 'POST',
      path: PATH,
      status: res.status,
    });
  const json = res.json<{ findings?: unknown; nextToken?: unknown }>();
  if (!json || typeof json !== 'object')
    throw new CollectorError(TYPE, 'ListFindings answer is not a JSON object', {
      method: 'POST',
      path: PATH,
      status: 200,
    });
  return json;
}

/** The SigV4-signed request (aws4), dated `ctx.now()`. */
function signedRequest(
  s: Settings,
  ctx: CollectorContext,
  body: string,
): [string, { method: string; headers: Record<string, string>; body: string }] {
  const signed = aws4.sign(
    {
      host: s.url.host,
      path: s.url.pathname.replace(/\/+$/, '') + PATH,
      method: 'POST',
      service: 'inspector2',
      region: s.region,
      body,
      headers: { 'Content-Type': 'application/json', 'X-Amz-Date': amzDate(ctx.now()) },
    },
    s.credentials,
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers ?? {}))
    // fetch sets Host and Content-Length itself, to the values that were signed.
    if (!/^(host|content-length)$/i.test(k)) headers[k] = String(v);
  return [`${s.url.origin}${signed.path}`, { method: 'POST', headers, body }];
}

/** ` (ErrorType: message)` from the `x-amzn-ErrorType` header and the JSON body. */
function awsError(res: HttpResponse): string {
  const type = (res.headers.get('x-amzn-errortype') ?? '').split(':')[0];
  let message = '';
  try {
    const j = JSON.parse(res.text) as { message?: unknown; Message?: unknown; __type?: unknown };
    const m = j.message ?? j.Message;
    if (typeof m === 'string') message = m.slice(0, 200);
    if (!type && typeof j.__type === 'string')
      return ` (${j.__type.split('#').pop()}${message ? `: ${message}` : ''})`;
  } catch {
    /* not JSON */
  }
  const parts = [type, message].filter(Boolean);
  return parts.length ? ` (${parts.join(': ')})` : '';
}

function settings(ctx: CollectorContext): Settings {
  const p = ctx.properties;
  const region =
    stringProp(ctx, TYPE, 'region') ?? str(ctx.env.AWS_REGION) ?? str(ctx.env.AWS_DEFAULT_REGION);
  if (!region) throw new CollectorError(TYPE, 'set managed.properties.region (or AWS_REGION)');
  // The source's own credentials (LAKEWATCH_<SOURCE>_AWS_ACCESS_KEY_ID …, e.g. one source per
  // account) when its access key is set, else the process's standard AWS variables.
  const own = secretEnvName(ctx.logSource ?? 'aws_inspector', 'AWS_ACCESS_KEY_ID');
  const prefix = ctx.env[own] ? own.slice(0, -'AWS_ACCESS_KEY_ID'.length) : '';
  const keyVar = `${prefix}AWS_ACCESS_KEY_ID`;
  const secretVar = `${prefix}AWS_SECRET_ACCESS_KEY`;
  const tokenVar = `${prefix}AWS_SESSION_TOKEN`;
  const envVars = `${keyVar} / ${secretVar} (and ${tokenVar} for temporary credentials)`;
  const accessKeyId = ctx.env[keyVar]?.trim();
  const secretAccessKey = ctx.env[secretVar]?.trim();
  if (!accessKeyId || !secretAccessKey)
    throw new CollectorError(TYPE, `AWS credentials missing: set ${envVars}`, {
      envVar: accessKeyId ? secretVar : keyVar,
    });
  const sessionToken = ctx.env[tokenVar]?.trim() || undefined;
  const url = new URL(
    baseUrl(
      ctx,
      TYPE,
      'endpoint',
      stringProp(ctx, TYPE, 'base_url') ?? `https://inspector2.${region}.amazonaws.com`,
    ),
  );
  const filter = p.filter_criteria;
  if (filter !== undefined && (typeof filter !== 'object' || filter === null || Array.isArray(filter)))
    throw new CollectorError(
      TYPE,
      'managed.properties.filter_criteria must be an object (Inspector FilterCriteria)',
    );
  return {
    url,
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    envVars,
    keyVar,
    maxResults: Math.max(
      1,
      Math.min(100, Math.floor(Number(stringProp(ctx, TYPE, 'page_size') ?? 100) || 100)),
    ),
    overlapMs: durationProp(ctx, TYPE, 'overlap', 10 * 60_000),
    windowMs: Math.max(60_000, durationProp(ctx, TYPE, 'window', 86_400_000)),
    start: startTimeMs(ctx, TYPE),
    filterCriteria: { ...(filter as Record<string, unknown> | undefined) },
  };
}

function readCursor(cursor: unknown): AwsInspectorCursor | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const c = cursor as Partial<AwsInspectorCursor>;
  if (
    typeof c !== 'object' ||
    c.v !== 1 ||
    typeof c.done_until !== 'string' ||
    Number.isNaN(Date.parse(c.done_until)) ||
    (c.scan_to !== undefined && Number.isNaN(Date.parse(c.scan_to))) ||
    typeof c.seen !== 'object' ||
    c.seen === null
  )
    throw new CollectorError(TYPE, 'the stored cursor has an unexpected shape (reset it to start over)');
  return {
    v: 1,
    done_until: c.done_until,
    seen: { ...c.seen },
    ...(c.scan_to ? { scan_to: c.scan_to } : {}),
  };
}

/** Inspector timestamps: epoch seconds (JSON number, maybe fractional) or an ISO string. */
function epochMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
