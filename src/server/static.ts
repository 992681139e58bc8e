/** The web console: files of `webDir` at '/', and index.html for client-side routes. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './api.js';

const API_PREFIXES = ['/api/', '/ingest/', '/services/'];
const API_PATHS = ['/api', '/healthz', '/metrics'];

/** Paths the console owns (everything but the API, ingest and health endpoints). */
export function isConsolePath(p: string): boolean {
  return !API_PATHS.includes(p) && !API_PREFIXES.some((prefix) => p.startsWith(prefix));
}

export function serveConsole(app: Hono<AppEnv>, webDir: string): void {
  const root = path.resolve(webDir);
  const index = path.join(root, 'index.html');
  const files = serveStatic<AppEnv>({ root });
  const fallback = serveStatic<AppEnv>({ path: index });
  app.use('*', async (c, next) => {
    if (!['GET', 'HEAD'].includes(c.req.method) || !isConsolePath(c.req.path)) return next();
    return files(c, next);
  });
  app.get('*', async (c, next) => {
    // SPA fallback: a path without a file extension is a console route.
    if (!isConsolePath(c.req.path) || path.extname(c.req.path) !== '' || !existsSync(index)) return next();
    return fallback(c, next);
  });
}
