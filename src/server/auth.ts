/**
 * Token check for every route but the public ones. Clients send `Authorization: Bearer <token>`;
 * HEC clients send `Authorization: Splunk <token>` (both are accepted everywhere). HEC paths
 * (`/services/collector*`) answer a missing or wrong token in HEC's JSON shape.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './api.js';
import { errorBody } from './errors.js';
import type { TokenStore } from './tokens.js';

export interface AuthOptions {
  tokens: TokenStore;
  /** Requests that need no token (health checks, the OpenAPI document, console files). */
  isPublic: (method: string, path: string) => boolean;
}

const SCHEME = /^(Bearer|Splunk)\s+(\S+)\s*$/i;

/** The token of an `Authorization` header, `undefined` when there is none in a known scheme. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return SCHEME.exec(header.trim())?.[2];
}

export function isHecPath(path: string): boolean {
  return path === '/services/collector' || path.startsWith('/services/collector/');
}

/** HEC's health check (`/services/collector/health`, `/services/collector/health/1.0`): no token. */
export function isHecHealthPath(path: string): boolean {
  return path === '/services/collector/health' || path === '/services/collector/health/1.0';
}

export function requireToken(opts: AuthOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (opts.isPublic(c.req.method, c.req.path)) return next();
    const token = tokenFromHeader(c.req.header('authorization'));
    const found = token === undefined ? null : opts.tokens.verify(token);
    if (!found) {
      const missing = token === undefined;
      // the body (maybe a large upload) is never read: do not keep the connection for it
      c.header('Connection', 'close');
      if (isHecPath(c.req.path))
        return c.json(
          missing ? { text: 'Token is required', code: 2 } : { text: 'Invalid token', code: 4 },
          401,
        );
      c.header('WWW-Authenticate', 'Bearer realm="lakewatch"');
      return c.json(
        errorBody(
          401,
          missing
            ? 'a token is required: send Authorization: Bearer <token> (create one with `lakewatch token create <name>`)'
            : 'invalid or revoked token',
        ),
        401,
      );
    }
    c.set('token', found);
    return next();
  };
}
