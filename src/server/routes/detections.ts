/** Detections: list with match and error counts, detail with matches over time, test runs. */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { DetectionConfig } from '../../config/types.js';
import { ConfigErrors } from '../../config/index.js';
import { DETECTION_ERRORS_TABLE } from '../../detect/errors-table.js';
import { loadTests, runDetectionTests } from '../../detect/testing/index.js';
import { quoteString } from '../../query/duckdb-types.js';
import { errorSchema } from '../api.js';
import type { ServerContext } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import { sendJson } from '../json.js';
import { iso, parseSince, parseStep } from '../time.js';

const DAY_MS = 86_400_000;
const RECENT_ERRORS = 20;

const detectionSummary = z.object({
  name: z.string(),
  displayName: z.string().nullable(),
  description: z.string().nullable(),
  language: z.enum(['python', 'typescript', 'javascript']),
  tables: z.array(z.string()),
  severity: z.string(),
  enabled: z.boolean(),
  loaded: z.boolean().describe('Enabled and its code file exists'),
  loadError: z.string().optional(),
  matches24h: z.number(),
  errors24h: z
    .number()
    .describe(
      'Rows of lakewatch_detection_errors in the last 24 h (at most 20 per detection per chunk are kept)',
    ),
  tests: z.number().describe('Test cases (detections/<dir>/tests/*.yml)'),
});

const detectionDetail = detectionSummary.extend({
  file: z.string(),
  threshold: z.number(),
  deduplicationWindowMs: z.number(),
  destinations: z.array(z.string()),
  runbook: z.string().nullable(),
  references: z.array(z.string()),
  tags: z.array(z.string()),
  matchesOverTime: z.array(z.object({ t: z.string(), count: z.number() })),
  recentErrors: z.array(
    z.object({
      ts: z.string(),
      table: z.string().nullable(),
      type: z.string().nullable(),
      function: z.string().nullable(),
      message: z.string().nullable(),
      record: z.string().nullable(),
    }),
  ),
});

const testResult = z.object({
  passed: z.number(),
  failed: z.number(),
  cases: z.array(
    z.object({
      name: z.string(),
      ok: z.boolean(),
      file: z.string(),
      line: z.number(),
      diff: z.string().optional().describe('What differed, one failure per line'),
    }),
  ),
  loadErrors: z.array(z.string()),
});

const nameParam = z.object({ name: z.string().describe('Detection name') });

export function registerDetectionRoutes(ctx: ServerContext): void {
  const { api, deps } = ctx;
  const find = (name: string): DetectionConfig => {
    const d = deps.lakeDir.detections.find((x) => x.name === name);
    if (!d) throw notFound('detection', name);
    return d;
  };

  /** Error rows per detection since `since` (empty when the table does not exist yet). */
  const errorCounts = async (since: number): Promise<Map<string, number>> => {
    if (!(await deps.lake.listTables()).includes(DETECTION_ERRORS_TABLE)) return new Map();
    const res = await ctx.withSession((s) =>
      s.query(
        `SELECT detection, count(*) FROM ${DETECTION_ERRORS_TABLE} WHERE ts >= ${quoteString(iso(since))}::TIMESTAMPTZ GROUP BY detection`,
        { timeoutMs: 30_000 },
      ),
    );
    return new Map(res.rows.map((r) => [String(r[0]), Number(r[1])]));
  };

  const summary = (d: DetectionConfig, matches: Map<string, number>, errors: Map<string, number>) => {
    const codeExists = existsSync(d.code.path);
    let tests = 0;
    try {
      tests = loadTests(deps.lakeDir, [d]).get(d.name)?.length ?? 0;
    } catch {
      tests = 0; // broken test files show up when the tests run
    }
    return {
      name: d.name,
      displayName: d.displayName ?? null,
      description: d.description ?? null,
      language: d.code.language,
      tables: d.tables,
      severity: d.alert.severity,
      enabled: d.enabled,
      loaded: d.enabled && codeExists,
      ...(codeExists ? {} : { loadError: `code file ${d.code.path} does not exist` }),
      matches24h: matches.get(d.name) ?? 0,
      errors24h: errors.get(d.name) ?? 0,
      tests,
    };
  };

  api.route(
    {
      method: 'get',
      path: '/api/detections',
      operationId: 'listDetections',
      summary: 'Detections with their matches and errors of the last 24 hours',
      tag: 'detections',
      responses: {
        200: { description: 'Detections', schema: z.object({ detections: z.array(detectionSummary) }) },
      },
    },
    async (c) => {
      const since = ctx.now() - DAY_MS;
      const matches = ctx.withAlerts((store) => {
        const m = new Map<string, number>();
        for (const r of store.matchCounts({ since })) m.set(r.detection, (m.get(r.detection) ?? 0) + r.count);
        return m;
      });
      const errors = await errorCounts(since);
      return sendJson(c, { detections: deps.lakeDir.detections.map((d) => summary(d, matches, errors)) });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/detections/:name',
      operationId: 'getDetection',
      summary: 'One detection: settings, matches over time (from the alert store), recent errors',
      tag: 'detections',
      params: nameParam,
      query: z.object({
        since: z.string().default('24h').describe('Duration back from now, or an ISO 8601 time'),
        step: z.string().default('1h').describe('Bucket size of matchesOverTime'),
      }),
      responses: {
        200: { description: 'The detection', schema: detectionDetail },
        404: { description: 'No such detection', schema: errorSchema },
      },
    },
    async (c, { params, query }) => {
      const d = find(params.name);
      const now = ctx.now();
      const since = parseSince(query.since, now);
      const stepMs = parseStep(query.step);
      if ((now - since) / stepMs > 10_000)
        throw new HttpError(400, {
          message: `step=${query.step}: more than 10,000 buckets since ${query.since}`,
        });
      const { counts, last24h } = ctx.withAlerts((store) => ({
        counts: store.matchCounts({ since, stepMs, detection: d.name }),
        last24h: store.matchCounts({ since: now - DAY_MS, detection: d.name }),
      }));
      const byBucket = new Map(counts.map((r) => [r.t, r.count]));
      const matchesOverTime = [];
      for (let t = since; t <= now; t += stepMs)
        matchesOverTime.push({ t: iso(t), count: byBucket.get(t) ?? 0 });
      const errors = await errorCounts(now - DAY_MS);
      const recentErrors = await recentErrorsOf(ctx, d.name);
      return sendJson(c, {
        ...summary(d, new Map([[d.name, last24h.reduce((n, r) => n + r.count, 0)]]), errors),
        file: d.file,
        threshold: d.alert.threshold,
        deduplicationWindowMs: d.alert.deduplicationWindowMs,
        destinations: d.alert.destinations,
        runbook: d.runbook ?? null,
        references: d.references,
        tags: d.tags,
        matchesOverTime,
        recentErrors,
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/detections/:name/test',
      operationId: 'testDetection',
      summary: "Runs the detection's tests (detections/<dir>/tests/*.yml)",
      tag: 'detections',
      params: nameParam,
      responses: {
        200: { description: 'Test results', schema: testResult },
        400: { description: 'Invalid test files', schema: errorSchema },
        404: { description: 'No such detection', schema: errorSchema },
      },
    },
    async (c, { params }) => {
      const d = find(params.name);
      let report;
      try {
        report = await runDetectionTests({ lakeDir: deps.lakeDir, only: [d.name] });
      } catch (err) {
        if (err instanceof ConfigErrors) throw new HttpError(400, { message: err.message, cause: err });
        throw err;
      }
      const cases = report.detections.flatMap((t) =>
        t.cases.map((r) => ({
          name: r.name,
          ok: r.passed,
          file: r.file,
          line: r.line,
          ...(r.failures.length ? { diff: r.failures.map((f) => f.message).join('\n') } : {}),
        })),
      );
      return sendJson(c, {
        passed: report.passed,
        failed: report.failed,
        cases,
        loadErrors: report.loadErrors.map((e) => `${e.detection}: ${e.message}`),
      });
    },
  );
}

async function recentErrorsOf(ctx: ServerContext, detection: string) {
  if (!(await ctx.deps.lake.listTables()).includes(DETECTION_ERRORS_TABLE)) return [];
  const res = await ctx.withSession((s) =>
    s.query(
      `SELECT ts, table_name, type, "function", message, record FROM ${DETECTION_ERRORS_TABLE}
       WHERE detection = ${quoteString(detection)} ORDER BY ts DESC LIMIT ${RECENT_ERRORS}`,
      { timeoutMs: 30_000 },
    ),
  );
  return res.rows.map((r) => ({
    ts: String(r[0]),
    table: (r[1] ?? null) as string | null,
    type: (r[2] ?? null) as string | null,
    function: (r[3] ?? null) as string | null,
    message: (r[4] ?? null) as string | null,
    record: (r[5] ?? null) as string | null,
  }));
}
