/**
 * OpenAPI entries for the HTTP ingest and Splunk HEC routes, which src/sources/http serves
 * (mounted at '/'); only documented here.
 */
import { z } from 'zod';
import { errorSchema, type Api, type RouteDef } from '../api.js';

const hecAnswer = z.object({ text: z.string(), code: z.number() }).catchall(z.unknown());
const hecQuery = z.object({
  log_source: z.string().optional().describe('Log source for events without `index`/`sourcetype` routing'),
  sourcetype: z.string().optional(),
});
const HEC_ERRORS = {
  400: { description: 'Invalid data (HEC shape)', schema: hecAnswer },
  401: { description: 'Token missing (code 2) or invalid (code 4)', schema: hecAnswer },
  413: { description: 'Body too large', schema: hecAnswer },
  503: { description: 'Shutting down; retry', schema: hecAnswer },
};

export function describeIngestRoutes(api: Api): void {
  api.describe({
    method: 'post',
    path: '/ingest/:logSource',
    operationId: 'ingest',
    summary: 'Sends events to a log source (NDJSON for JSON sources, lines of text for text sources)',
    description: 'Answers 200 once the events are durable (spooled or committed, per `service.ingest.ack`).',
    tag: 'ingest',
    params: z.object({ logSource: z.string() }),
    bodyContentTypes: ['application/x-ndjson', 'application/json', 'text/plain', 'text/csv'],
    responses: {
      200: {
        description: 'Accepted',
        schema: z.object({ accepted: z.number().describe('Events'), requestId: z.string() }),
      },
      404: { description: 'No such log source', schema: errorSchema },
      413: { description: 'Body too large', schema: errorSchema },
      503: { description: 'Shutting down; retry', schema: errorSchema },
    },
  });
  const hec = (path: string, raw: boolean): RouteDef => ({
    method: 'post',
    path,
    operationId: `hec${raw ? 'Raw' : 'Event'}${path.endsWith('1.0') ? 'V1' : path === '/services/collector' ? 'Root' : ''}`,
    summary: raw
      ? 'Splunk HEC raw endpoint (lines of text)'
      : 'Splunk HEC event endpoint (concatenated JSON events)',
    tag: 'ingest',
    query: hecQuery,
    bodyContentTypes: raw ? ['text/plain'] : ['application/json'],
    responses: { 200: { description: 'Success (code 0)', schema: hecAnswer }, ...HEC_ERRORS },
  });
  for (const path of ['/services/collector', '/services/collector/event', '/services/collector/event/1.0'])
    api.describe(hec(path, false));
  for (const path of ['/services/collector/raw', '/services/collector/raw/1.0'])
    api.describe(hec(path, true));
  for (const path of ['/services/collector/health', '/services/collector/health/1.0'])
    api.describe({
      method: 'get',
      path,
      operationId: path.endsWith('1.0') ? 'hecHealthV1' : 'hecHealth',
      summary: 'Splunk HEC health check',
      tag: 'ingest',
      public: true,
      responses: { 200: { description: 'Healthy (code 17)', schema: hecAnswer } },
    });
}
