/**
 * MSFT: Microsoft Entra ID sign-ins and directory audits from Microsoft Graph,
 * `GET /v1.0/auditLogs/signIns?$filter=createdDateTime ge <from> and createdDateTime le <to>`
 * (table `aad_signinlogs`) and `GET /v1.0/auditLogs/directoryAudits?$filter=activityDateTime …`
 * (table `aad_auditlogs`), paged by `@odata.nextLink` (kept in the cursor, so a restart resumes
 * the window), authorized with the OAuth 2.0 client credentials grant
 * (`POST <token_url>/<tenant_id>/oauth2/v2.0/token`, scope `https://graph.microsoft.com/.default`;
 * the token is cached until a minute before it expires; a 401 gets one new token, then fails).
 *
 * Entra ID logs arrive minutes late: each run reads [previous end − `overlap`, now − `lag`] and
 * drops the records already delivered (by `id`, kept for the overlap).
 *
 * Properties: `tenant_id`, `client_id`, `tables` (default both), `lag` (default 2m), `overlap`
 * (default 10m), `page_size` (default 999), `start_time`, `base_url` (default
 * https://graph.microsoft.com), `token_url` (default https://login.microsoftonline.com), `scope`
 * (default https://graph.microsoft.com/.default; national clouds: e.g.
 * https://graph.microsoft.us/.default with the matching base_url and token_url).
 * Secret: `LAKEWATCH_<SOURCE>_CLIENT_SECRET` (the app registration's client secret; the app
 * needs the AuditLog.Read.All application permission, and sign-ins an Entra ID P1/P2 tenant).
 */
import { expectOk } from '../http.js';
import {
  baseUrl,
  deepCopy,
  durationProp,
  iso,
  pullWindows,
  requireSecret,
  sameOrigin,
  startTimeMs,
  stringProp,
  type WindowStream,
} from '../common.js';
import { CollectorError, type Collector, type CollectorContext, type PulledPage } from '../types.js';

const TYPE = 'MSFT';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const MSFT_TABLES = {
  aad_signinlogs: { path: '/v1.0/auditLogs/signIns', timeField: 'createdDateTime' },
  aad_auditlogs: { path: '/v1.0/auditLogs/directoryAudits', timeField: 'activityDateTime' },
} as const;
type MsftTable = keyof typeof MSFT_TABLES;

export const msftCollector: Collector = {
  type: TYPE,
  requires: { properties: ['tenant_id', 'client_id'], secrets: ['CLIENT_SECRET'] },
  pull: (cursor, ctx) => pullMsft(cursor as Record<string, unknown> | undefined, ctx),
};

class GraphToken {
  private token: { value: string; expiresAt: number } | undefined;
  constructor(
    private readonly ctx: CollectorContext,
    private readonly url: string,
    private readonly clientId: string,
    private readonly secret: { name: string; value: string },
    private readonly scope: string,
  ) {}

  async get(refresh = false): Promise<string> {
    const now = this.ctx.now();
    if (!refresh && this.token && now < this.token.expiresAt) return this.token.value;
    const res = await this.ctx.http.request(this.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        client_id: this.clientId,
        client_secret: this.secret.value,
        scope: this.scope,
        grant_type: 'client_credentials',
      }).toString(),
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      let why = `HTTP ${res.status}`;
      try {
        const body = JSON.parse(res.text) as { error?: string; error_description?: string };
        // the description's first line (AADSTS code and reason), without trace/correlation ids
        why = [body.error, body.error_description?.split(/\r?\n/)[0]].filter(Boolean).join(': ') || why;
      } catch {
        /* not JSON */
      }
      throw new CollectorError(
        TYPE,
        `the token request was refused (${why}); check managed.properties.tenant_id, client_id and the client secret in ${this.secret.name}`,
        { method: 'POST', path: res.path, status: res.status, envVar: this.secret.name },
      );
    }
    expectOk(res, TYPE);
    const body = res.json<{ access_token?: unknown; expires_in?: unknown }>();
    if (typeof body?.access_token !== 'string')
      throw new CollectorError(TYPE, 'the token answer has no access_token', {
        method: 'POST',
        path: res.path,
        status: res.status,
      });
    const expiresIn = Number(body.expires_in ?? 3599) || 3599;
    this.token = { value: body.access_token, expiresAt: now + Math.max(0, expiresIn - 60) * 1000 };
    return this.token.value;
  }
}

async function* pullMsft(
  saved: Record<string, unknown> | undefined,
  ctx: CollectorContext,
): AsyncGenerator<PulledPage> {
  const base = baseUrl(ctx, TYPE, 'base_url', 'https://graph.microsoft.com');
  const tokenBase = baseUrl(ctx, TYPE, 'token_url', 'https://login.microsoftonline.com');
  const tenant = stringProp(ctx, TYPE, 'tenant_id', true);
  const clientId = stringProp(ctx, TYPE, 'client_id', true);
  const secret = requireSecret(ctx, TYPE, 'msft', 'CLIENT_SECRET', 'client secret');
  const scope = stringProp(ctx, TYPE, 'scope') ?? GRAPH_SCOPE;
  const token = new GraphToken(
    ctx,
    `${tokenBase}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    clientId,
    secret,
    scope,
  );
  const pageSize = Math.min(999, Math.max(1, Number(stringProp(ctx, TYPE, 'page_size') ?? 999) || 999));
  const cursor: Record<string, unknown> = deepCopy(saved) ?? {};

  const getJson = async (url: string): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const res = await ctx.http.request(url, {
        headers: { Authorization: `Bearer ${await token.get(attempt > 0)}`, Accept: 'application/json' },
      });
      if (res.status === 401 && attempt === 0) {
        ctx.log(`${TYPE}: ${res.path}: HTTP 401, getting a new access token`);
        continue;
      }
      expectOk(res, TYPE, {
        envVar: secret.name,
        what: 'the app registration (AuditLog.Read.All application permission, admin consent) and its client secret',
      });
      return res.json();
    }
  };

  const streams: WindowStream[] = tablesOf(ctx).map((table) => {
    const { path, timeField } = MSFT_TABLES[table];
    return {
      key: table,
      table,
      async fetchPage(from, to, next) {
        let url: string;
        if (next) url = sameOrigin(TYPE, next, base);
        else {
          const params = new URLSearchParams({
            $filter: `${timeField} ge ${iso(from)} and ${timeField} le ${iso(to)}`,
            $top: String(pageSize),
          });
          url = `${base}${path}?${params.toString().replace(/\+/g, '%20')}`;
        }
        const body = (await getJson(url)) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
        if (!body || typeof body !== 'object' || !Array.isArray(body.value))
          throw new CollectorError(TYPE, 'unexpected answer: no `value` list', { path });
        const link = body['@odata.nextLink'];
        return { records: body.value, next: typeof link === 'string' && link !== '' ? link : undefined };
      },
      idOf: (r) => {
        const id = (r as { id?: unknown } | null)?.id;
        return typeof id === 'string' ? id : undefined;
      },
      timeOf: (r) => {
        const t = (r as Record<string, unknown> | null)?.[timeField];
        const ms = typeof t === 'string' ? Date.parse(t) : NaN;
        return Number.isNaN(ms) ? undefined : ms;
      },
    };
  });

  yield* pullWindows(streams, {
    collector: TYPE,
    cursor,
    ctx,
    lagMs: durationProp(ctx, TYPE, 'lag', 2 * 60_000),
    overlapMs: durationProp(ctx, TYPE, 'overlap', 10 * 60_000),
    startMs: startTimeMs(ctx, TYPE),
  });
}

function tablesOf(ctx: CollectorContext): MsftTable[] {
  const value = ctx.properties.tables;
  const all = Object.keys(MSFT_TABLES) as MsftTable[];
  if (value === undefined || value === null) return all;
  const list = (Array.isArray(value) ? value : String(value).split(','))
    .map((t) => String(t).trim())
    .filter(Boolean);
  for (const t of list)
    if (!(all as string[]).includes(t))
      throw new CollectorError(
        TYPE,
        `managed.properties.tables: unknown table "${t}" (tables: ${all.join(', ')})`,
      );
  return list as MsftTable[];
}
