/** Lake tables: list, schema, snapshots, stats. */
import { z } from 'zod';
import { NoSuchTableError, type Lake, type TableDescription } from '../../lake/index.js';
import type { IcebergType, NestedField } from '../../lake/iceberg/types.js';
import { quoteIdent } from '../../query/duckdb-types.js';
import { errorSchema } from '../api.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';
import { iso } from '../time.js';

const nameParam = z.object({ name: z.string().describe('Table name') });

const tableSummary = z.object({
  name: z.string(),
  logSource: z.string().nullable().describe('Log source of the table; null for Lakewatch system tables'),
  rows: z.number(),
  files: z.number(),
  bytes: z.number(),
  lastCommitAt: z.string().nullable(),
  snapshotCount: z.number(),
});

const field = z.object({
  id: z.number(),
  name: z.string(),
  path: z.string().describe('Dotted path from the top level (list elements add `[]`)'),
  type: z.string(),
  required: z.boolean(),
  doc: z.string().optional(),
});

const tableDetail = z.object({
  name: z.string(),
  logSource: z.string().nullable(),
  location: z.string(),
  currentSnapshotId: z.string().nullable(),
  schema: z.object({ schemaId: z.number(), fields: z.array(field) }),
  partitioning: z.array(z.object({ name: z.string(), source: z.string(), transform: z.string() })),
  properties: z.record(z.string(), z.string()),
});

const snapshot = z.object({
  snapshotId: z.string(),
  parentId: z.string().nullable(),
  sequenceNumber: z.string(),
  timestamp: z.string(),
  operation: z.string(),
  summary: z.record(z.string(), z.string()),
});

const stats = z.object({
  rows: z.number(),
  files: z.number(),
  bytes: z.number(),
  minTs: z.string().nullable(),
  maxTs: z.string().nullable(),
});

export async function describeOr404(lake: Lake, name: string): Promise<TableDescription> {
  try {
    return await lake.describeTable(name);
  } catch (err) {
    if (err instanceof NoSuchTableError) throw notFound('table', name);
    throw err;
  }
}

export function registerTableRoutes(ctx: ServerContext): void {
  const { api, deps } = ctx;
  const logSourceOf = (table: string) => deps.lakeDir.tables.find((t) => t.name === table)?.logSource ?? null;
  const notFoundResponse = { 404: { description: 'No such table', schema: errorSchema } };

  api.route(
    {
      method: 'get',
      path: '/api/tables',
      operationId: 'listTables',
      summary: 'Tables of the lake with their size and last commit',
      tag: 'tables',
      responses: { 200: { description: 'Tables', schema: z.object({ tables: z.array(tableSummary) }) } },
    },
    async (c) => {
      const tables = [];
      for (const name of (await deps.lake.listTables()).sort()) {
        const d = await deps.lake.describeTable(name);
        const current = d.snapshots.find((s) => s.snapshotId === d.currentSnapshotId);
        tables.push({
          name,
          logSource: logSourceOf(name),
          rows: d.rows,
          files: d.files,
          bytes: d.bytes,
          lastCommitAt: current ? iso(current.timestampMs) : null,
          snapshotCount: d.snapshots.length,
        });
      }
      return c.json({ tables });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/tables/:name',
      operationId: 'getTable',
      summary: 'Schema (nested fields flattened to dotted paths), partitioning and properties of a table',
      tag: 'tables',
      params: nameParam,
      responses: { 200: { description: 'The table', schema: tableDetail }, ...notFoundResponse },
    },
    async (c, { params }) => {
      const d = await describeOr404(deps.lake, params.name);
      const fields = flattenFields(d.schema.fields);
      const byId = new Map(fields.map((f) => [f.id, f.path]));
      return c.json({
        name: d.name,
        logSource: logSourceOf(d.name),
        location: d.location,
        currentSnapshotId: d.currentSnapshotId,
        schema: { schemaId: d.schema['schema-id'], fields },
        partitioning: d.spec.fields.map((f) => ({
          name: f.name,
          source: byId.get(f['source-id']) ?? `#${f['source-id']}`,
          transform: f.transform,
        })),
        properties: d.properties,
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/tables/:name/snapshots',
      operationId: 'listSnapshots',
      summary: 'Snapshots of a table, oldest first',
      tag: 'tables',
      params: nameParam,
      responses: {
        200: { description: 'Snapshots', schema: z.object({ snapshots: z.array(snapshot) }) },
        ...notFoundResponse,
      },
    },
    async (c, { params }) => {
      const d = await describeOr404(deps.lake, params.name);
      return c.json({
        snapshots: d.snapshots.map((s) => ({
          snapshotId: s.snapshotId,
          parentId: s.parentSnapshotId,
          sequenceNumber: s.sequenceNumber,
          timestamp: iso(s.timestampMs),
          operation: s.operation,
          summary: s.summary,
        })),
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/tables/:name/stats',
      operationId: 'tableStats',
      summary: 'Rows, files and bytes of the current snapshot, and the range of `ts`',
      tag: 'tables',
      params: nameParam,
      responses: { 200: { description: 'Stats', schema: stats }, ...notFoundResponse },
    },
    async (c, { params }) => {
      const d = await describeOr404(deps.lake, params.name);
      let minTs: string | null = null;
      let maxTs: string | null = null;
      if (d.rows > 0 && d.schema.fields.some((f) => f.name === 'ts')) {
        const res = await ctx.withSession((s) =>
          s.query(`SELECT min(ts), max(ts) FROM ${quoteIdent(d.name)}`, { timeoutMs: 30_000 }),
        );
        [minTs, maxTs] = (res.rows[0] ?? [null, null]) as [string | null, string | null];
      }
      return c.json({ rows: d.rows, files: d.files, bytes: d.bytes, minTs, maxTs });
    },
  );
}

export function typeText(type: IcebergType): string {
  if (typeof type === 'string') return type;
  if (type.type === 'struct') return 'struct';
  if (type.type === 'list') return `list<${typeText(type.element)}>`;
  return `map<${typeText(type.key)}, ${typeText(type.value)}>`;
}

/** Every field, nested ones included, with its dotted path (`[]` for list elements). */
export function flattenFields(fields: NestedField[], prefix = ''): z.infer<typeof field>[] {
  const out: z.infer<typeof field>[] = [];
  for (const f of fields) {
    const p = prefix + f.name;
    out.push({
      id: f.id,
      name: f.name,
      path: p,
      type: typeText(f.type),
      required: f.required,
      ...(f.doc ? { doc: f.doc } : {}),
    });
    let inner: IcebergType = f.type;
    let suffix = '';
    while (typeof inner === 'object' && inner.type === 'list') {
      inner = inner.element;
      suffix += '[]';
    }
    if (typeof inner === 'object' && inner.type === 'struct')
      out.push(...flattenFields(inner.fields, `${p}${suffix}.`));
  }
  return out;
}
