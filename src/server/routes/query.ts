/** SQL over the lake: JSON, CSV or Arrow; cancelled when the client goes away or by id. */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import {
  formatCsv,
  QueryCancelledError,
  QueryRejectedError,
  QueryTimeoutError,
  type QueryResult,
} from '../../query/index.js';
import { errorSchema } from '../api.js';
import { ARROW_STREAM_TYPE, resultToArrow } from '../arrow.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';

export const MAX_ROWS_LIMIT = 100_000;

const queryBody = z.object({
  sql: z.string().min(1).describe('Read-only SQL (DuckDB dialect); lake tables are views by name'),
  format: z.enum(['json', 'csv', 'arrow']).default('json'),
  maxRows: z.number().int().min(0).max(MAX_ROWS_LIMIT).default(1000),
  timeoutMs: z.number().int().min(1).max(3_600_000).default(30_000),
  queryId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional()
    .describe(
      'Id chosen by the client, to cancel the query with DELETE /api/query/{queryId}; default a UUID',
    ),
});

const queryResult = z.object({
  queryId: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  elapsedMs: z.number(),
});

/**
 * DuckDB errors caused by the SQL (parser, binder, catalog, conversion…), not by the lake; the
 * parser's message from query/safety.ts comes without its `Parser Error:` prefix.
 */
const USER_ERROR = /^(syntax error|(?!IO |Internal |FATAL |Out of Memory )[A-Za-z ]+ Error: )/;

export function registerQueryRoutes(ctx: ServerContext): void {
  const { api, deps } = ctx;
  api.route(
    {
      method: 'post',
      path: '/api/query',
      operationId: 'query',
      summary: 'Runs read-only SQL over the lake',
      description:
        'Cancelled when the client disconnects or by `DELETE /api/query/{queryId}` (answered 499). ' +
        'CSV and Arrow answers carry `X-Query-Id` and `X-Truncated` headers.',
      tag: 'query',
      body: queryBody,
      responses: {
        200: {
          description: 'The result',
          schema: queryResult,
          contentTypes: ['text/csv', ARROW_STREAM_TYPE],
        },
        400: { description: 'Bad SQL, or SQL that is not read-only', schema: errorSchema },
        408: { description: 'The query ran longer than timeoutMs', schema: errorSchema },
        409: { description: 'A query with this queryId is running', schema: errorSchema },
        499: { description: 'The query was cancelled', schema: errorSchema },
      },
    },
    async (c, { body }) => {
      const run = ctx.queries.start(body.queryId, c.req.raw.signal);
      if (!run) throw new HttpError(409, { message: `a query with id ${body.queryId} is running already` });
      const started = performance.now();
      const endTimer = deps.metrics.querySeconds.startTimer();
      let result: QueryResult;
      try {
        result = await ctx.withSession((session) =>
          session
            .query(body.sql, { maxRows: body.maxRows, timeoutMs: body.timeoutMs, signal: run.signal })
            .catch((err: unknown) => {
              throw asUserError(err);
            }),
        );
        deps.metrics.queries.inc({ outcome: 'ok' });
      } catch (err) {
        deps.metrics.queries.inc({ outcome: outcomeOf(err) });
        throw err;
      } finally {
        endTimer();
        ctx.queries.done(run.id);
      }
      const elapsedMs = Math.round(performance.now() - started);
      const headers = { 'X-Query-Id': run.id, 'X-Truncated': String(result.truncated) };
      if (body.format === 'csv')
        return c.body(formatCsv(result), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
      if (body.format === 'arrow') {
        const bytes = resultToArrow(result);
        return c.body(
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
          200,
          {
            ...headers,
            'Content-Type': ARROW_STREAM_TYPE,
          },
        );
      }
      return c.json(
        {
          queryId: run.id,
          columns: result.columns,
          rows: result.rows,
          truncated: result.truncated,
          elapsedMs,
        },
        200,
        headers,
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/query/:queryId',
      operationId: 'getQuery',
      summary: 'Whether a query is running, and since when',
      tag: 'query',
      params: z.object({ queryId: z.string() }),
      responses: {
        200: {
          description: 'The query is running',
          schema: z.object({ queryId: z.string(), startedAt: z.string(), elapsedMs: z.number() }),
        },
        404: { description: 'No query with this id is running', schema: errorSchema },
      },
    },
    (c, { params }) => {
      const startedAt = ctx.queries.startedAt(params.queryId);
      if (startedAt === undefined)
        throw new HttpError(404, { message: `no running query with id ${JSON.stringify(params.queryId)}` });
      return c.json({
        queryId: params.queryId,
        startedAt: new Date(startedAt).toISOString(),
        elapsedMs: Date.now() - startedAt,
      });
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/query/:queryId',
      operationId: 'cancelQuery',
      summary: 'Cancels a running query',
      tag: 'query',
      params: z.object({ queryId: z.string() }),
      responses: {
        204: { description: 'Cancelled (its request answers 499)' },
        404: { description: 'No query with this id is running', schema: errorSchema },
      },
    },
    (c, { params }) => {
      if (!ctx.queries.cancel(params.queryId))
        throw new HttpError(404, { message: `no running query with id ${JSON.stringify(params.queryId)}` });
      return c.body(null, 204);
    },
  );
}

function asUserError(err: unknown): unknown {
  if (
    err instanceof QueryRejectedError ||
    err instanceof QueryTimeoutError ||
    err instanceof QueryCancelledError
  )
    return err;
  if (err instanceof Error && USER_ERROR.test(err.message))
    return new HttpError(400, { message: err.message, cause: err });
  return err;
}

function outcomeOf(err: unknown): string {
  if (err instanceof QueryRejectedError) return 'rejected';
  if (err instanceof QueryTimeoutError) return 'timeout';
  if (err instanceof QueryCancelledError) return 'cancelled';
  if (err instanceof HttpError) return 'invalid';
  return 'error';
}
