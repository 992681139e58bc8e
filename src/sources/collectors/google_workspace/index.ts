/**
 * GOOGLE_WORKSPACE: the Admin SDK Reports API's activities,
 * `GET /admin/reports/v1/activity/users/all/applications/<app>?startTime=&endTime=&maxResults=1000&pageToken=`,
 * for the apps `admin`, `login`, `drive`, `saml`, `token` (table = app name), authorized with a
 * service account's OAuth 2.0 JWT bearer grant (see oauth.ts) impersonating an admin
 * (domain-wide delegation, scope `admin.reports.audit.readonly`). Table `alert` on request
 * (`applications: [..., alert]`): the Alert Center API, `GET /v1beta1/alerts?filter=createTime
 * >= "…" AND createTime <= "…"&orderBy=createTime asc` (scope `apps.alerts`, its own token;
 * `alert_base_url` default https://alertcenter.googleapis.com), deduplicated by `alertId`.
 *
 * Reports data arrives late (minutes to hours, depending on the app) and in no useful order
 * (newest first): each run reads the window [previous end − `overlap`, now − `lag`] page by page
 * (the page token is in the cursor, so a restart resumes the window) and drops the activities
 * already delivered (by `id.time` + `id.uniqueQualifier`, kept for the overlap).
 *
 * Properties: `subject` (the admin to impersonate, e.g. `admin@example.com`; also
 * `admin_email`), `applications` (default the five Reports apps; add `alert` for the Alert Center), `page_size` (default 1000), `lag` (default 3m), `overlap` (default
 * 10m), `start_time`, `customer_id` (optional), `base_url` (default https://admin.googleapis.com),
 * `token_url` (default: the key's `token_uri`, else https://oauth2.googleapis.com/token).
 * Secret: `LAKEWATCH_<SOURCE>_CREDENTIALS_JSON` — the service account key file's JSON.
 */
import {
  baseUrl,
  deepCopy,
  durationProp,
  iso,
  pullWindows,
  startTimeMs,
  stringProp,
  type WindowStream,
} from '../common.js';
import { CollectorError, type Collector, type CollectorContext, type PulledPage } from '../types.js';
import { ALERTS_SCOPE, GoogleTokenSource, readServiceAccount, REPORTS_SCOPE } from './oauth.js';

const TYPE = 'GOOGLE_WORKSPACE';
export const GOOGLE_WORKSPACE_APPS = ['admin', 'login', 'drive', 'saml', 'token'] as const;
/** Tables on request only (`applications`): `alert` needs its own scope in the domain-wide delegation. */
export const GOOGLE_WORKSPACE_OPTIONAL = ['alert'] as const;

export const googleWorkspaceCollector: Collector = {
  type: TYPE,
  requires: { properties: [['subject', 'admin_email']], secrets: ['CREDENTIALS_JSON'] },
  pull: (cursor, ctx) => pullGoogle(cursor as Record<string, unknown> | undefined, ctx),
};

interface Activity {
  id?: { time?: unknown; uniqueQualifier?: unknown };
}

async function* pullGoogle(
  saved: Record<string, unknown> | undefined,
  ctx: CollectorContext,
): AsyncGenerator<PulledPage> {
  const base = baseUrl(ctx, TYPE, 'base_url', 'https://admin.googleapis.com');
  const subject = stringProp(ctx, TYPE, 'subject') ?? stringProp(ctx, TYPE, 'admin_email');
  if (!subject)
    throw new CollectorError(
      TYPE,
      'managed.properties.subject is required: the admin the service account acts as',
    );
  const account = readServiceAccount(ctx, TYPE);
  const tokenUrl = baseUrl(
    ctx,
    TYPE,
    'token_url',
    account.key.token_uri ?? 'https://oauth2.googleapis.com/token',
  );
  const tokens = new GoogleTokenSource(ctx, TYPE, account, { tokenUrl, subject, scopes: [REPORTS_SCOPE] });
  const alertTokens = new GoogleTokenSource(ctx, TYPE, account, {
    tokenUrl,
    subject,
    scopes: [ALERTS_SCOPE],
  });
  const alertBase = baseUrl(ctx, TYPE, 'alert_base_url', 'https://alertcenter.googleapis.com');
  const customerId = stringProp(ctx, TYPE, 'customer_id');
  const apps = appsOf(ctx);
  const pageSize = Math.min(1000, Math.max(1, Number(stringProp(ctx, TYPE, 'page_size') ?? 1000) || 1000));
  const cursor: Record<string, unknown> = deepCopy(saved) ?? {};

  const streams: WindowStream[] = apps
    .filter((app) => app !== 'alert')
    .map((app) => ({
      key: app,
      table: app,
      async fetchPage(from, to, next) {
        const params = new URLSearchParams({
          startTime: iso(from),
          endTime: iso(to),
          maxResults: String(pageSize),
        });
        if (next) params.set('pageToken', next);
        if (customerId) params.set('customerId', customerId);
        const url = `${base}/admin/reports/v1/activity/users/all/applications/${app}?${params}`;
        const body = await tokens.getJson(url, ctx.http);
        if (body === null || typeof body !== 'object' || Array.isArray(body))
          throw new CollectorError(TYPE, 'unexpected answer: not an activities object', {
            path: new URL(url).pathname,
          });
        const { items, nextPageToken } = body as { items?: unknown; nextPageToken?: unknown };
        if (items !== undefined && !Array.isArray(items))
          throw new CollectorError(TYPE, 'unexpected answer: items is not a list', {
            path: new URL(url).pathname,
          });
        return {
          records: (items as unknown[] | undefined) ?? [],
          next: typeof nextPageToken === 'string' && nextPageToken !== '' ? nextPageToken : undefined,
        };
      },
      idOf(r) {
        const id = (r as Activity | null)?.id;
        return id && (typeof id.time === 'string' || typeof id.uniqueQualifier === 'string')
          ? `${String(id.time)}|${String(id.uniqueQualifier)}`
          : undefined;
      },
      timeOf(r) {
        const t = (r as Activity | null)?.id?.time;
        const ms = typeof t === 'string' ? Date.parse(t) : NaN;
        return Number.isNaN(ms) ? undefined : ms;
      },
    }));

  if (apps.includes('alert'))
    streams.push({
      key: 'alert',
      table: 'alert',
      async fetchPage(from, to, next) {
        const params = new URLSearchParams({
          filter: `createTime >= "${iso(from)}" AND createTime <= "${iso(to)}"`,
          orderBy: 'createTime asc',
          pageSize: String(pageSize),
        });
        if (next) params.set('pageToken', next);
        if (customerId) params.set('customerId', customerId);
        const url = `${alertBase}/v1beta1/alerts?${params.toString().replace(/\+/g, '%20')}`;
        const body = await alertTokens.getJson(url, ctx.http);
        const { alerts, nextPageToken } = (body ?? {}) as { alerts?: unknown; nextPageToken?: unknown };
        if (body === null || typeof body !== 'object' || (alerts !== undefined && !Array.isArray(alerts)))
          throw new CollectorError(TYPE, 'unexpected answer: alerts is not a list', {
            path: '/v1beta1/alerts',
          });
        return {
          records: (alerts as unknown[] | undefined) ?? [],
          next: typeof nextPageToken === 'string' && nextPageToken !== '' ? nextPageToken : undefined,
        };
      },
      idOf: (r) => {
        const id = (r as { alertId?: unknown } | null)?.alertId;
        return typeof id === 'string' ? id : undefined;
      },
      timeOf: (r) => {
        const t = (r as { createTime?: unknown } | null)?.createTime;
        const ms = typeof t === 'string' ? Date.parse(t) : NaN;
        return Number.isNaN(ms) ? undefined : ms;
      },
    });

  yield* pullWindows(streams, {
    collector: TYPE,
    cursor,
    ctx,
    lagMs: durationProp(ctx, TYPE, 'lag', 3 * 60_000),
    overlapMs: durationProp(ctx, TYPE, 'overlap', 10 * 60_000),
    startMs: startTimeMs(ctx, TYPE),
  });
}

function appsOf(ctx: CollectorContext): string[] {
  const value = ctx.properties.applications ?? ctx.properties.tables;
  if (value === undefined || value === null) return [...GOOGLE_WORKSPACE_APPS];
  const list = (Array.isArray(value) ? value : String(value).split(','))
    .map((t) => String(t).trim())
    .filter(Boolean);
  const known: readonly string[] = [...GOOGLE_WORKSPACE_APPS, ...GOOGLE_WORKSPACE_OPTIONAL];
  for (const app of list)
    if (!known.includes(app))
      throw new CollectorError(
        TYPE,
        `managed.properties.applications: unknown application "${app}" (applications: ${known.join(', ')})`,
      );
  return list;
}
