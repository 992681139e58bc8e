/**
 * Google OAuth 2.0 for service accounts: a JWT signed RS256 with the account's private key
 * (`iss` = client_email, `scope`, `aud` = token URL, `sub` = the user to impersonate, one hour),
 * exchanged at the token URL (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`) for an
 * access token, cached until a minute before it expires. A 401 from the API refreshes the token
 * once; a second 401 is a CollectorError.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { expectOk } from '../http.js';
import { requireSecret } from '../common.js';
import { CollectorError, type CollectorContext, type HttpClient } from '../types.js';

export const REPORTS_SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';
export const ALERTS_SCOPE = 'https://www.googleapis.com/auth/apps.alerts';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface ServiceAccountKey {
  type?: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export interface ServiceAccount {
  key: ServiceAccountKey;
  privateKey: KeyObject;
  envVar: string;
}

/** The service account key from `LAKEWATCH_<SOURCE>_CREDENTIALS_JSON`; errors never show its content. */
export function readServiceAccount(ctx: CollectorContext, collector: string): ServiceAccount {
  const secret = requireSecret(ctx, collector, 'google_workspace', 'CREDENTIALS_JSON', 'service account key');
  let key: ServiceAccountKey;
  try {
    key = JSON.parse(secret.value) as ServiceAccountKey;
  } catch {
    throw new CollectorError(
      collector,
      `${secret.name} is not JSON (expected the service account key file's content)`,
      {
        envVar: secret.name,
      },
    );
  }
  if (!key || typeof key.client_email !== 'string' || typeof key.private_key !== 'string')
    throw new CollectorError(
      collector,
      `${secret.name}: the service account key must have client_email and private_key`,
      { envVar: secret.name },
    );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.private_key);
  } catch {
    throw new CollectorError(collector, `${secret.name}: private_key is not a PEM private key`, {
      envVar: secret.name,
    });
  }
  return { key, privateKey, envVar: secret.name };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The signed JWT assertion (RS256). */
export function serviceAccountJwt(
  account: ServiceAccount,
  claims: { scope: string; aud: string; sub?: string; nowMs: number },
): string {
  const iat = Math.floor(claims.nowMs / 1000);
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (account.key.private_key_id) header.kid = account.key.private_key_id;
  const payload: Record<string, unknown> = {
    iss: account.key.client_email,
    scope: claims.scope,
    aud: claims.aud,
    iat,
    exp: iat + 3600,
  };
  if (claims.sub) payload.sub = claims.sub;
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), account.privateKey);
  return `${input}.${b64url(signature)}`;
}

export class GoogleTokenSource {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly ctx: CollectorContext,
    private readonly collector: string,
    private readonly account: ServiceAccount,
    private readonly opts: { tokenUrl: string; subject?: string; scopes: string[] },
  ) {}

  async accessToken(refresh = false): Promise<string> {
    const now = this.ctx.now();
    if (!refresh && this.token && now < this.token.expiresAt) return this.token.value;
    const assertion = serviceAccountJwt(this.account, {
      scope: this.opts.scopes.join(' '),
      aud: this.opts.tokenUrl,
      sub: this.opts.subject,
      nowMs: now,
    });
    const res = await this.ctx.http.request(this.opts.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      // invalid_grant (bad signature, unknown key, clock), unauthorized_client (no domain-wide delegation)…
      const body = safeJson(res.text) as { error?: string; error_description?: string } | undefined;
      const why = [body?.error, body?.error_description].filter(Boolean).join(': ') || `HTTP ${res.status}`;
      throw new CollectorError(
        this.collector,
        `the token request was refused (${why}); check the service account key in ${this.account.envVar}, its domain-wide delegation and managed.properties.subject`,
        { method: 'POST', path: res.path, status: res.status, envVar: this.account.envVar },
      );
    }
    expectOk(res, this.collector);
    const body = res.json<{ access_token?: unknown; expires_in?: unknown }>();
    if (typeof body?.access_token !== 'string')
      throw new CollectorError(this.collector, 'the token answer has no access_token', {
        method: 'POST',
        path: res.path,
        status: res.status,
      });
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.token = { value: body.access_token, expiresAt: now + Math.max(0, expiresIn - 60) * 1000 };
    return this.token.value;
  }

  /** GET with the bearer token; a 401 refreshes the token once. Returns the parsed JSON. */
  async getJson(url: string, http: HttpClient): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const res = await http.request(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
      if (res.status === 401 && attempt === 0) {
        this.ctx.log(`${this.collector}: ${res.path}: HTTP 401, refreshing the access token`);
        continue;
      }
      expectOk(res, this.collector, {
        envVar: this.account.envVar,
        what: 'the service account key (and its domain-wide delegation, managed.properties.subject)',
      });
      return res.json();
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
