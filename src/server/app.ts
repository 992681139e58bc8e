/**
 * The service's HTTP app: the JSON API under `/api`, `/healthz`, `/metrics`, HTTP ingest and HEC
 * routes (mounted from sources/http), and the web console's static files.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { matchedRoutes } from 'hono/route';
import { QueryCancelledError, QueryRejectedError, QueryTimeoutError } from '../query/index.js';
import { Api, type AppEnv } from './api.js';
import { isHecHealthPath, requireToken } from './auth.js';
import { serverContext, type AppDeps } from './context.js';
import { errorBody, HttpError } from './errors.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerDetectionRoutes } from './routes/detections.js';
import { describeIngestRoutes } from './routes/ingest-docs.js';
import { registerMetaRoutes } from './routes/meta.js';
import { registerQueryRoutes } from './routes/query.js';
import { registerSourceRoutes } from './routes/sources.js';
import { registerTableRoutes } from './routes/tables.js';
import { isConsolePath, serveConsole } from './static.js';

export type { AppDeps } from './context.js';

export function createApp(deps: AppDeps): Hono {
  const app = new Hono<AppEnv>();
  const api = new Api(app);
  const ctx = serverContext(deps, api);

  app.use('*', async (c, next) => {
    const end = deps.metrics.httpRequestSeconds.startTimer();
    await next();
    // the first route with a path of its own (middleware and console files have '*')
    const route =
      matchedRoutes(c).find((r) => r.path !== '*' && r.path !== '/*')?.path ??
      (c.res.status === 404 ? 'unmatched' : 'static');
    end({ method: c.req.method, route, status: String(c.res.status) });
  });
  app.use(
    '*',
    requireToken({
      tokens: deps.tokens,
      isPublic: (method, path) =>
        api.isPublic(method, path) ||
        (method === 'GET' && isHecHealthPath(path)) ||
        (deps.webDir !== undefined && (method === 'GET' || method === 'HEAD') && isConsolePath(path)),
    }),
  );

  registerMetaRoutes(ctx);
  registerTableRoutes(ctx);
  registerQueryRoutes(ctx);
  registerAlertRoutes(ctx);
  registerDetectionRoutes(ctx);
  registerSourceRoutes(ctx);
  if (deps.ingestRoutes) {
    describeIngestRoutes(api);
    app.route('/', deps.ingestRoutes);
  }
  if (deps.webDir) serveConsole(app, deps.webDir);

  app.notFound((c) => c.json(errorBody(404, `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    const known = toHttpError(err);
    if (known) return c.json(known.body(), known.status);
    ctx.log(`lakewatch: ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`);
    return c.json(errorBody(500, 'internal error (see the service log)'), 500);
  });
  return app as unknown as Hono;
}

/** nginx's status for a request the client gave up on (not in Hono's list of codes). */
const CLIENT_CLOSED_REQUEST = 499 as ContentfulStatusCode;

/** Errors the client caused, as HttpErrors; undefined for the rest (500). */
function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof QueryRejectedError) return new HttpError(400, { message: err.message, cause: err });
  if (err instanceof QueryTimeoutError) return new HttpError(408, { message: err.message, cause: err });
  if (err instanceof QueryCancelledError)
    return new HttpError(CLIENT_CLOSED_REQUEST, { message: err.message, cause: err });
  return undefined;
}
