/**
 * The ingest routes: `POST /ingest/:logSource` and Splunk HEC (`/services/collector…`).
 * Authentication runs before these routes (server/). Each request is read in full within the
 * limits, checked in full, and only then handed to `accept`, once per log source; the answer
 * is 200 only after every `accept` resolved, i.e. the data is durable.
 */
import { Hono, type Context } from 'hono';
import type { LakeDirectory } from '../../config/index.js';
import type { LakewatchMetrics } from '../../telemetry/metrics.js';
import { ServiceUnavailableError, type AcceptFn, type AcceptMeta } from '../../service/types.js';
import { checkContentLength, parseContentEncoding, readBody, type BodyLimits } from './body.js';
import { HEC, HttpIngestError, type IngestOutcome } from './errors.js';
import { frameBody, framingFor, type SourceFormat } from './framing.js';
import { hecEvents, hecRaw, checkLogSourceParam, type HecRouting, type SourceLines } from './hec.js';
import { idempotentRequestId, newRequestId } from './request-id.js';

export interface HttpIngestDeps {
  lakeDir: LakeDirectory;
  limits: BodyLimits;
  accept: AcceptFn;
  metrics: LakewatchMetrics;
}

type Endpoint = AcceptMeta['endpoint'];

/** Label for requests that never reached a known log source (keeps label values bounded). */
const UNKNOWN_SOURCE = '(unknown)';

export function ingestRoutes(deps: HttpIngestDeps): Hono {
  const app = new Hono();
  const sources = new Map<string, SourceFormat>(
    deps.lakeDir.logSources.filter((s) => s.enabled).map((s) => [s.name, s.ingest.format ?? 'auto']),
  );
  const known = () => [...sources.keys()].join(', ') || '(none)';

  app.post('/ingest/:logSource', async (c) => {
    const logSource = c.req.param('logSource');
    const body = { read: false };
    let requestId = newRequestId();
    c.header('X-Request-Id', requestId);
    try {
      requestId = idempotentRequestId(c.req.header('idempotency-key')) ?? requestId;
      c.header('X-Request-Id', requestId);
      const format = sources.get(logSource);
      if (format === undefined)
        throw new HttpIngestError(
          404,
          'rejected',
          `log source ${JSON.stringify(logSource)} is not a log source of this lake; known log sources: ${known()}`,
        );
      const framing = framingFor(c.req.header('content-type'), format, logSource);
      const { body: bytes, rawBytes } = await receive(c, deps.limits, body);
      const framed = frameBody(bytes, framing);
      await deliver(
        deps,
        [{ logSource, lines: framed.lines, events: framed.events }],
        rawBytes,
        requestId,
        'ingest',
      );
      return c.json({ accepted: framed.events, requestId });
    } catch (e) {
      const err = asIngestError(e);
      count(deps, sources.has(logSource) ? logSource : UNKNOWN_SOURCE, 'ingest', err.outcome);
      if (!body.read) c.header('Connection', 'close');
      return c.json({ error: { message: err.message, status: err.status } }, err.status);
    }
  });

  const hec = (endpoint: 'hec-event' | 'hec-raw') => async (c: Context) => {
    let requestId = newRequestId();
    c.header('X-Request-Id', requestId);
    const routing: HecRouting = {
      sources,
      logSource: c.req.query('log_source'),
      sourcetype: c.req.query('sourcetype'),
    };
    const body = { read: false };
    try {
      requestId = idempotentRequestId(c.req.header('idempotency-key')) ?? requestId;
      c.header('X-Request-Id', requestId);
      checkLogSourceParam(routing);
      const { body: bytes, rawBytes } = await receive(c, deps.limits, body);
      const batches = endpoint === 'hec-raw' ? hecRaw(bytes, routing) : hecEvents(bytes, routing);
      await deliver(deps, batches, rawBytes, requestId, endpoint);
      return c.json(HEC.success);
    } catch (e) {
      const err = asIngestError(e);
      const label =
        routing.logSource !== undefined && sources.has(routing.logSource)
          ? routing.logSource
          : UNKNOWN_SOURCE;
      count(deps, label, endpoint, err.outcome);
      if (!body.read) c.header('Connection', 'close');
      if (err.status === 503) c.header('Retry-After', '5');
      const answer: Record<string, unknown> = { ...err.hec.status };
      if (err.hec.eventNumber !== undefined) answer['invalid-event-number'] = err.hec.eventNumber;
      answer.detail = err.message;
      return c.json(answer, err.status);
    }
  };
  for (const path of ['/services/collector', '/services/collector/event', '/services/collector/event/1.0'])
    app.post(path, hec('hec-event'));
  for (const path of ['/services/collector/raw', '/services/collector/raw/1.0'])
    app.post(path, hec('hec-raw'));
  for (const path of ['/services/collector/health', '/services/collector/health/1.0'])
    app.get(path, (c) => c.json(HEC.healthy));
  return app;
}

/**
 * Header checks first (no body read for a 413 by Content-Length), then the body within the
 * limits. `state.read` turns true once the body was read to its end: an answer before that
 * carries `Connection: close`, so Node closes the socket and the client stops sending.
 */
async function receive(c: Context, limits: BodyLimits, state: { read: boolean }) {
  const encoding = c.req.header('content-encoding');
  parseContentEncoding(encoding);
  checkContentLength(c.req.header('content-length'), limits);
  return readBody(c.req.raw.body, encoding, limits, () => {
    state.read = true;
  });
}

/**
 * Hands every log source's lines to `accept` in one call: the service keeps all of them or none,
 * and every batch was validated before, so no part of a bad request is ever accepted.
 */
async function deliver(
  deps: HttpIngestDeps,
  batches: SourceLines[],
  rawBytes: number,
  requestId: string,
  endpoint: Endpoint,
): Promise<void> {
  try {
    await deps.accept(batches, { requestId, endpoint });
  } catch (e) {
    if (e instanceof ServiceUnavailableError)
      throw new HttpIngestError(503, 'unavailable', `the service cannot take data now: ${e.message}`, {
        status: HEC.busy,
      });
    throw new HttpIngestError(
      500,
      'error',
      `accepting the data failed: ${(e as Error)?.message ?? String(e)}`,
      {
        status: HEC.internalError,
      },
    );
  }
  // Wire bytes are shared among the sources of one request in proportion to their lines.
  const totalLineBytes = batches.reduce((n, b) => n + b.lines.length, 0);
  let bytesLeft = rawBytes;
  for (const [i, b] of batches.entries()) {
    const share =
      i === batches.length - 1 ? bytesLeft : Math.round((rawBytes * b.lines.length) / totalLineBytes);
    bytesLeft -= share;
    const labels = { log_source: b.logSource, endpoint };
    count(deps, b.logSource, endpoint, 'accepted');
    deps.metrics.httpIngestBytes.inc(labels, share);
    deps.metrics.httpIngestEvents.inc(labels, b.events);
  }
}

function count(deps: HttpIngestDeps, logSource: string, endpoint: Endpoint, outcome: IngestOutcome): void {
  deps.metrics.httpIngestRequests.inc({ log_source: logSource, endpoint, outcome });
}

function asIngestError(e: unknown): HttpIngestError {
  if (e instanceof HttpIngestError) return e;
  return new HttpIngestError(500, 'error', `internal error: ${(e as Error)?.message ?? String(e)}`, {
    status: HEC.internalError,
  });
}
