/**
 * Log sources: volume over time from the lake's ingest history (records and data-file bytes of
 * every commit, kept after the snapshots expire, bucketed by commit time), dead letters counted
 * from the history of `lakewatch_dead_letters` and sampled from that table, the newest event,
 * and what the running service reports.
 */
import { z } from 'zod';
import type { LogSource } from '../../config/types.js';
import { tsRangeOf, type Lake } from '../../lake/index.js';
import { DEAD_LETTER_TABLE } from '../../pipeline/system-tables.js';
import { quoteIdent, quoteString } from '../../query/duckdb-types.js';
import { errorSchema } from '../api.js';
import type { ServerContext } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import { sendJson } from '../json.js';
import { iso, parseSince, parseStep } from '../time.js';

const DAY_MS = 86_400_000;
/** Raw bytes of a dead letter shown, at most. */
const RAW_SHOWN = 4096;

const sourceSummary = z.object({
  name: z.string(),
  tables: z.array(z.string()),
  format: z.string().nullable(),
  events24h: z.number().describe('Records appended in the last 24 h (ingest history)'),
  bytes24h: z.number().describe('Data file bytes appended in the last 24 h'),
  deadLetters24h: z.number(),
  lastEventAt: z.string().nullable().describe('Newest `ts` over the tables'),
  lastCommitAt: z.string().nullable(),
  lagMs: z
    .number()
    .nullable()
    .describe(
      'Last commit time minus the newest event time: how far behind the events the lake was at its last commit',
    ),
  spoolPending: z
    .number()
    .nullable()
    .describe('Spooled HTTP requests waiting for commit (null outside the service)'),
  dropFolder: z.string().nullable(),
});

const nameParam = z.object({ name: z.string().describe('Log source name') });

export function registerSourceRoutes(ctx: ServerContext): void {
  const { api, deps } = ctx;
  const find = (name: string): LogSource => {
    const s = deps.lakeDir.logSources.find((x) => x.name === name);
    if (!s) throw notFound('log source', name);
    return s;
  };

  /** The source's tables that exist in the lake. */
  const tablesOf = (source: LogSource, existing: Set<string>): string[] =>
    source.tables.map((t) => t.name).filter((t) => existing.has(t));

  api.route(
    {
      method: 'get',
      path: '/api/sources',
      operationId: 'listSources',
      summary: 'Log sources with their volume, dead letters and freshness',
      tag: 'sources',
      responses: {
        200: { description: 'Log sources', schema: z.object({ sources: z.array(sourceSummary) }) },
      },
    },
    async (c) => {
      const dayAgo = Math.floor(ctx.now() - DAY_MS);
      const status = deps.status?.();
      const existing = new Set(await deps.lake.listTables());
      const sources = [];
      for (const source of deps.lakeDir.logSources) {
        const tables = tablesOf(source, existing);
        const [day] = await deps.lake.ingestVolume({ sinceMs: dayAgo, tables });
        const [dead] = await deps.lake.ingestVolume({
          sinceMs: dayAgo,
          tables: [DEAD_LETTER_TABLE],
          logSource: source.name,
        });
        const lastCommit = await deps.lake.lastIngestMs(tables);
        const lastEvent = await newestEvent(ctx, deps.lake, tables);
        const service = status?.sources.find((s) => s.logSource === source.name);
        sources.push({
          name: source.name,
          tables: source.tables.map((t) => t.name),
          format: source.ingest.format ?? null,
          events24h: day?.records ?? 0,
          bytes24h: day?.bytes ?? 0,
          deadLetters24h: dead?.records ?? 0,
          lastEventAt: lastEvent === null ? null : iso(lastEvent),
          lastCommitAt: iso(lastCommit),
          lagMs: lastEvent === null || lastCommit === null ? null : Math.max(0, lastCommit - lastEvent),
          spoolPending: service ? service.spoolPending : null,
          dropFolder: service?.dropFolder ?? null,
        });
      }
      return sendJson(c, { sources });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/sources/:name/volume',
      operationId: 'sourceVolume',
      summary: 'Events and bytes appended per time bucket (by commit time)',
      tag: 'sources',
      params: nameParam,
      query: z.object({
        since: z.string().default('24h').describe('Duration back from now, or an ISO 8601 time'),
        step: z.string().default('5m').describe('Bucket size'),
      }),
      responses: {
        200: {
          description: 'One entry per bucket, oldest first (t: bucket start)',
          schema: z.object({
            series: z.array(z.object({ t: z.string(), events: z.number(), bytes: z.number() })),
          }),
        },
        404: { description: 'No such log source', schema: errorSchema },
      },
    },
    async (c, { params, query }) => {
      const source = find(params.name);
      const now = ctx.now();
      // Whole milliseconds: the lake buckets by integer division.
      const since = Math.floor(parseSince(query.since, now));
      const step = Math.round(parseStep(query.step));
      if ((now - since) / step > 10_000)
        throw new HttpError(400, {
          message: `step=${query.step}: more than 10,000 buckets since ${query.since}`,
        });
      const tables = tablesOf(source, new Set(await deps.lake.listTables()));
      const series: { t: string; events: number; bytes: number }[] = [];
      for (let t = since; t <= now; t += step) series.push({ t: iso(t), events: 0, bytes: 0 });
      const untilMs = Math.floor(now);
      for (const b of await deps.lake.ingestVolume({ sinceMs: since, untilMs, stepMs: step, tables })) {
        const bucket = series[Math.round((b.startMs - since) / step)];
        if (!bucket) continue;
        bucket.events += b.records;
        bucket.bytes += b.bytes;
      }
      return sendJson(c, { series });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/sources/:name/dead-letters',
      operationId: 'sourceDeadLetters',
      summary: 'Records of the source that could not be decoded or transformed (newest first)',
      tag: 'sources',
      params: nameParam,
      query: z.object({
        limit: z.coerce.number().int().min(0).max(1000).default(50),
        since: z
          .string()
          .optional()
          .describe('Only since this duration back or ISO 8601 time (default: all)'),
      }),
      responses: {
        200: {
          description: 'Count and samples',
          schema: z.object({
            total: z.number(),
            samples: z.array(
              z.object({
                ts: z.string(),
                table: z.string().nullable(),
                stage: z.string().nullable(),
                reason: z.string().nullable(),
                input: z.string().nullable(),
                line: z.number().nullable(),
                raw: z.string().nullable().describe('The raw record as text (at most 4 KiB)'),
              }),
            ),
          }),
        },
        404: { description: 'No such log source', schema: errorSchema },
      },
    },
    async (c, { params, query }) => {
      const source = find(params.name);
      if (!(await deps.lake.listTables()).includes(DEAD_LETTER_TABLE))
        return sendJson(c, { total: 0, samples: [] });
      let where = `log_source = ${quoteString(source.name)}`;
      if (query.since !== undefined)
        where += ` AND ts >= ${quoteString(iso(parseSince(query.since, ctx.now())))}::TIMESTAMPTZ`;
      const [count, rows] = await ctx.withSession(async (s) => [
        await s.query(`SELECT count(*) FROM ${DEAD_LETTER_TABLE} WHERE ${where}`, { timeoutMs: 30_000 }),
        await s.query(
          `SELECT ts, table_name, stage, reason, input, line, raw FROM ${DEAD_LETTER_TABLE}
           WHERE ${where} ORDER BY ts DESC, input, line LIMIT ${query.limit}`,
          { timeoutMs: 30_000, maxRows: query.limit },
        ),
      ]);
      return sendJson(c, {
        total: Number(count.rows[0]?.[0] ?? 0),
        samples: rows.rows.map((r) => ({
          ts: String(r[0]),
          table: (r[1] ?? null) as string | null,
          stage: (r[2] ?? null) as string | null,
          reason: (r[3] ?? null) as string | null,
          input: (r[4] ?? null) as string | null,
          line: r[5] === null || r[5] === undefined ? null : Number(r[5]),
          raw: rawText(r[6]),
        })),
      });
    },
  );
}

/**
 * Newest `ts` over the tables (epoch ms), null when they hold none: from the data files' column
 * metrics (no data read); a table whose files lack them is asked with SQL.
 */
async function newestEvent(ctx: ServerContext, lake: Lake, tables: string[]): Promise<number | null> {
  let newest: number | null = null;
  const unknown: string[] = [];
  for (const t of tables) {
    const range = tsRangeOf(await lake.planScan(t));
    if (range === undefined) unknown.push(t);
    else if (range !== null) newest = Math.max(newest ?? -Infinity, Math.floor(range.max / 1000));
  }
  if (unknown.length === 0) return newest;
  const sql = unknown.map((t) => `SELECT max(ts) AS ts FROM ${quoteIdent(t)}`).join(' UNION ALL ');
  const res = await ctx.withSession((s) => s.query(`SELECT max(ts) FROM (${sql})`, { timeoutMs: 30_000 }));
  const value = res.rows[0]?.[0];
  const queried = typeof value === 'string' ? Date.parse(value) : null;
  return queried === null ? newest : Math.max(newest ?? -Infinity, queried);
}

function rawText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text =
    value instanceof Uint8Array
      ? Buffer.from(value).toString('utf8')
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  return text.length > RAW_SHOWN ? text.slice(0, RAW_SHOWN) : text;
}
