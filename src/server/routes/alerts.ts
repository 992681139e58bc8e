/** Alerts: list with filters, one alert with its matches and deliveries, status changes. */
import { z } from 'zod';
import {
  ALERT_STATUSES,
  AlertStatusConflictError,
  SEVERITIES,
  type Alert,
  type AlertStatus,
  type AlertStore,
  type ListFilters,
  type Severity,
} from '../../alerts/index.js';
import { openDelivery } from '../../alerts/destinations/index.js';
import type Database from 'better-sqlite3';
import { errorSchema } from '../api.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { sendJson } from '../json.js';
import { iso, parseSince } from '../time.js';

/** Matches returned with one alert (the most recent ones). */
export const MATCHES_SHOWN = 1000;

const severity = z.enum(SEVERITIES as unknown as [Severity, ...Severity[]]);
const status = z.enum(ALERT_STATUSES);
/** `a,b` or a single value. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== '')
        : v,
    z.array(item),
  );

const listQuery = z.object({
  severity: listOf(severity).optional().describe('Only these severities (comma-separated)'),
  minSeverity: severity.optional().describe('At least this severity'),
  status: listOf(status).optional().describe('Only alerts with this current status (comma-separated)'),
  detection: listOf(z.string()).optional().describe('Only these detections (comma-separated)'),
  since: z.string().optional().describe('Matched within this duration (24h, 7d) or since this ISO 8601 time'),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  activated: z
    .enum(['true', 'false'])
    .optional()
    .describe('Only alerts that reached (or not) their threshold'),
});

const alertSummary = z.object({
  id: z.string(),
  title: z.string(),
  severity,
  detection: z.string(),
  status,
  dedupe: z.string(),
  matchCount: z.number(),
  threshold: z.number(),
  createdAt: z.string().describe('First match'),
  updatedAt: z.string().describe('Last match'),
  activated: z.boolean(),
  activatedAt: z.string().nullable(),
  destinations: z.array(z.string()),
});

const statusChange = z.object({ status, by: z.string(), at: z.string(), note: z.string().nullable() });

const alertDetail = alertSummary.extend({
  context: z.unknown().describe("The first match's alert_context()"),
  runbook: z.string().nullable(),
  reference: z.string().nullable(),
  description: z.string().nullable(),
  statusHistory: z.array(statusChange),
});

const match = z.object({
  id: z.string(),
  matchedAt: z.string(),
  table: z.string(),
  input: z.string(),
  recordPosition: z.number(),
  title: z.string(),
  context: z.unknown(),
  record: z.record(z.string(), z.unknown()),
});

const delivery = z.object({
  changeId: z.string(),
  kind: z.enum(['activated', 'updated']),
  destination: z.string(),
  destinationType: z.string().nullable(),
  state: z.enum(['sending', 'sent', 'failed']),
  gaveUp: z.boolean(),
  attempts: z.number(),
  error: z.string().nullable(),
  response: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});

const idParam = z.object({ id: z.string().describe('Alert id') });

export function registerAlertRoutes(ctx: ServerContext): void {
  const { api } = ctx;
  api.route(
    {
      method: 'get',
      path: '/api/alerts',
      operationId: 'listAlerts',
      summary: 'Alerts, most recently matched first',
      tag: 'alerts',
      query: listQuery,
      responses: { 200: { description: 'Alerts', schema: z.object({ alerts: z.array(alertSummary) }) } },
    },
    (c, { query }) => {
      const filters: ListFilters = { limit: query.limit };
      if (query.severity) filters.severity = query.severity;
      if (query.minSeverity) filters.minSeverity = query.minSeverity;
      if (query.status) filters.status = query.status;
      if (query.detection) filters.detection = query.detection;
      if (query.since !== undefined) filters.since = parseSince(query.since, ctx.now());
      if (query.activated !== undefined) filters.activated = query.activated === 'true';
      const alerts = ctx.withAlerts((store) => {
        const list = store.list(filters);
        const statuses = store.statuses(list.map((a) => a.id));
        return list.map((a) => summary(a, statuses.get(a.id) ?? 'open'));
      });
      return sendJson(c, { alerts });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/alerts/:id',
      operationId: 'getAlert',
      summary: 'One alert with its status history, rule matches (the latest 1000) and deliveries',
      tag: 'alerts',
      params: idParam,
      responses: {
        200: {
          description: 'The alert',
          schema: z.object({ alert: alertDetail, matches: z.array(match), deliveries: z.array(delivery) }),
        },
        404: { description: 'No such alert', schema: errorSchema },
      },
    },
    (c, { params }) =>
      sendJson(
        c,
        ctx.withAlerts((store, db) => {
          const alert = detail(store, params.id);
          const matches = store
            .matches(params.id)
            .slice(-MATCHES_SHOWN)
            .map((m) => ({
              id: m.id,
              matchedAt: iso(m.matchedAt),
              table: m.table,
              input: m.input,
              recordPosition: m.recordPosition,
              title: m.title,
              context: m.alertContext ?? null,
              record: m.event,
            }));
          return { alert, matches, deliveries: deliveries(db, store, params.id) };
        }),
      ),
  );

  api.route(
    {
      method: 'post',
      path: '/api/alerts/:id/status',
      operationId: 'setAlertStatus',
      summary: 'Acknowledges, resolves or reopens an alert (by: the token name, at: now)',
      tag: 'alerts',
      params: idParam,
      body: z.object({ status, note: z.string().max(2000).optional() }),
      responses: {
        200: { description: 'The alert after the change', schema: z.object({ alert: alertDetail }) },
        404: { description: 'No such alert', schema: errorSchema },
        409: { description: 'The alert has this status already', schema: errorSchema },
      },
    },
    (c, { params, body }) => {
      const by = c.get('token').name;
      const alert = ctx.withAlerts((store) => {
        detail(store, params.id); // 404 first
        try {
          store.setStatus(params.id, { status: body.status, by, at: ctx.now(), note: body.note ?? null });
        } catch (err) {
          if (err instanceof AlertStatusConflictError)
            throw new HttpError(409, { message: err.message, cause: err });
          throw err;
        }
        return detail(store, params.id);
      });
      ctx.log(`lakewatch: alert ${params.id} ${body.status} by ${by}`);
      return sendJson(c, { alert });
    },
  );
}

function summary(a: Alert, current: AlertStatus): z.infer<typeof alertSummary> {
  return {
    id: a.id,
    title: a.title,
    severity: a.severity,
    detection: a.detection,
    status: current,
    dedupe: a.dedupe,
    matchCount: a.matchCount,
    threshold: a.threshold,
    createdAt: iso(a.firstMatchedAt),
    updatedAt: iso(a.lastMatchedAt),
    activated: a.activated,
    activatedAt: iso(a.activatedAt),
    destinations: a.destinations,
  };
}

function detail(store: AlertStore, id: string): z.infer<typeof alertDetail> {
  const a = store.alert(id);
  if (!a) throw new HttpError(404, { message: `no alert with id ${JSON.stringify(id)}` });
  const first = store.matchesById([a.firstMatchId])[0];
  return {
    ...summary(a, store.statuses([id]).get(id) ?? 'open'),
    context: first?.alertContext ?? null,
    runbook: first?.runbook ?? null,
    reference: first?.reference ?? null,
    description: first?.description ?? null,
    statusHistory: store.statusHistory(id).map((h) => ({ ...h, at: iso(h.at) })),
  };
}

function deliveries(db: Database.Database, store: AlertStore, alertId: string): z.infer<typeof delivery>[] {
  return openDelivery({ db, store, destinations: [] })
    .deliveries(alertId)
    .map((d) => ({
      changeId: d.changeId,
      kind: d.kind,
      destination: d.destination,
      destinationType: d.destinationType ?? null,
      state: d.state,
      gaveUp: d.gaveUp,
      attempts: d.attempts,
      error: d.error ?? null,
      response: d.response ?? null,
      createdAt: iso(d.createdAt),
      updatedAt: iso(d.updatedAt),
      sentAt: iso(d.sentAt ?? null),
    }));
}
