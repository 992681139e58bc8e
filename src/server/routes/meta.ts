/** Health, the OpenAPI document, the caller's token, service status and metrics. */
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { iso } from '../time.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../util/index.js';

const sourceStatus = z.object({
  logSource: z.string(),
  spoolPending: z.number(),
  spoolPendingBytes: z.number(),
  oldestPendingMs: z.number().nullable(),
  lastCommitAt: z.string().nullable(),
  lastCommitEvents: z.number(),
  lastError: z.string().nullable(),
  dropFolder: z.string().nullable(),
});

export const serviceStatusSchema = z.object({
  startedAt: z.string(),
  version: z.string(),
  state: z.enum(['running', 'stopping']),
  queueDepth: z.number(),
  sources: z.array(sourceStatus),
  schedules: z.array(
    z.object({
      job: z.string(),
      everyMs: z.number(),
      lastRunAt: z.string().nullable(),
      lastOutcome: z.string().nullable(),
      nextRunAt: z.string().nullable(),
    }),
  ),
});

let version: string | undefined;
function packageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version;
  return version;
}

export function registerMetaRoutes(ctx: ServerContext): void {
  const { api, deps } = ctx;
  api.route(
    {
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Liveness check',
      tag: 'service',
      public: true,
      responses: { 200: { description: 'The service is up', schema: z.object({ status: z.literal('ok') }) } },
    },
    (c) => c.json({ status: 'ok' as const }),
  );
  api.route(
    {
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openapi',
      summary: 'This document',
      tag: 'service',
      public: true,
      responses: { 200: { description: 'OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } },
    },
    (c) => c.json(api.document({ title: 'Lakewatch API', version: packageVersion() })),
  );
  api.route(
    {
      method: 'get',
      path: '/api/me',
      operationId: 'me',
      summary: 'The token the request was made with (a login check for the console)',
      tag: 'service',
      responses: {
        200: {
          description: 'The token',
          schema: z.object({ token: z.object({ name: z.string(), createdAt: z.string() }) }),
        },
      },
    },
    (c) => {
      const t = c.get('token');
      return c.json({ token: { name: t.name, createdAt: iso(t.createdAt) } });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/status',
      operationId: 'status',
      summary: 'Status of the running service: queue, spool, drop folders, schedules',
      tag: 'service',
      responses: {
        200: { description: 'Service status', schema: serviceStatusSchema },
        503: { description: 'Not running as a service (no status)' },
      },
    },
    (c) => {
      if (!deps.status)
        throw new HttpError(503, { message: 'no service status: the API runs outside `lakewatch up`' });
      return c.json(deps.status());
    },
  );
  api.route(
    {
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics (text exposition format)',
      tag: 'service',
      responses: { 200: { description: 'Metrics', contentTypes: ['text/plain; version=0.0.4'] } },
    },
    async (c) => {
      const { contentType, body } = await deps.metrics.expose();
      return c.body(body, 200, { 'Content-Type': contentType });
    },
  );
}
