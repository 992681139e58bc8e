/**
 * Compaction: within each partition, bin-pack files smaller than the target into target-sized
 * files (only partitions with more than one small file), write them with DuckDB, and commit all
 * rewrites in ONE `replace` snapshot. Rows are unchanged; metrics are merged from the inputs.
 * Files are only merged with files written under the same schema (Parquet `iceberg.schema`).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { currentSnapshot, currentSchema, specById } from '../iceberg/metadata.js';
import { partitionFieldTypes, partitionPath } from '../iceberg/partitioning.js';
import { indexById } from '../iceberg/schema.js';
import { isPrimitive, type DataFile, type PrimitiveType, type Schema } from '../iceberg/types.js';
import { fieldIdsLiteral, quoteString } from '../parquet/duckdb-types.js';
import { mergeMetrics } from '../parquet/metrics.js';
import { DEFAULT_TARGET_FILE_SIZE } from '../parquet/writer.js';
import { commitSnapshots } from '../table/commit.js';
import { liveEntries } from '../table/manifests.js';
import { SnapshotProducer } from '../table/snapshot-producer.js';
import type { MaintenanceContext } from './context.js';

export interface CompactResult {
  snapshotId: string | null;
  rewrittenFiles: number;
  addedFiles: number;
  partitions: number;
}

export async function compact(
  ctx: MaintenanceContext,
  opts: { targetFileSizeBytes?: number } = {},
): Promise<CompactResult> {
  const target = opts.targetFileSizeBytes ?? DEFAULT_TARGET_FILE_SIZE;
  const table = await ctx.catalog.loadTable(ctx.id);
  const meta = table.metadata;
  const snap = currentSnapshot(meta);
  const none: CompactResult = { snapshotId: null, rewrittenFiles: 0, addedFiles: 0, partitions: 0 };
  if (!snap) return none;

  const groups = new Map<string, DataFile[]>();
  for (const { entry } of await liveEntries(ctx.store, meta, snap)) {
    const f = entry.dataFile;
    if (f.fileSizeInBytes >= target) continue;
    const key = `${f.specId}|${JSON.stringify(f.partition, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const candidates = [...groups.values()].filter((g) => g.length > 1);
  if (candidates.length === 0) return none;

  // Writer schema of each candidate file, so only same-schema files are concatenated.
  const allPaths = candidates.flat().map((f) => ctx.store.localPath(f.filePath) ?? f.filePath);
  const kv = await ctx.engine.all(
    `SELECT file_name, decode(value) AS v FROM parquet_kv_metadata([${allPaths.map(quoteString).join(', ')}]) WHERE decode(key) = 'iceberg.schema'`,
  );
  const schemaOf = new Map(kv.map((r) => [String(r.file_name), String(r.v)]));
  const types = new Map<number, PrimitiveType>();
  for (const [id, f] of indexById(currentSchema(meta))) if (isPrimitive(f.type)) types.set(id, f.type);

  const removed: DataFile[] = [];
  const added: DataFile[] = [];
  let partitions = 0;
  try {
    for (const group of candidates) {
      const bySchema = new Map<string, DataFile[]>();
      for (const f of group) {
        const s = schemaOf.get(ctx.store.localPath(f.filePath) ?? f.filePath) ?? '';
        if (s) bySchema.set(s, [...(bySchema.get(s) ?? []), f]);
      }
      let touched = false;
      for (const [schemaJson, files] of bySchema) {
        files.sort((a, b) => a.fileSizeInBytes - b.fileSizeInBytes);
        const bins: DataFile[][] = [];
        let cur: DataFile[] = [];
        let size = 0;
        for (const f of files) {
          if (cur.length && size + f.fileSizeInBytes > target) {
            bins.push(cur);
            cur = [];
            size = 0;
          }
          cur.push(f);
          size += f.fileSizeInBytes;
        }
        if (cur.length) bins.push(cur);
        for (const bin of bins.filter((b) => b.length > 1)) {
          added.push(
            await rewrite(
              ctx,
              meta.location,
              JSON.parse(schemaJson) as Schema,
              bin,
              types,
              partitionFieldTypes(specById(meta, bin[0]!.specId), currentSchema(meta)),
            ),
          );
          removed.push(...bin);
          touched = true;
        }
      }
      if (touched) partitions++;
    }
    if (added.length === 0) return none;
    const producer = new SnapshotProducer(
      ctx.store,
      'replace',
      added,
      new Set(removed.map((f) => f.filePath)),
    );
    await commitSnapshots(ctx.catalog, [{ id: ctx.id, producer }], []);
    return {
      snapshotId: producer.snapshotId,
      rewrittenFiles: removed.length,
      addedFiles: added.length,
      partitions,
    };
  } catch (err) {
    for (const f of added) await ctx.store.delete(f.filePath);
    throw err;
  }
}

async function rewrite(
  ctx: MaintenanceContext,
  location: string,
  schema: Schema,
  files: DataFile[],
  types: Map<number, PrimitiveType>,
  partition: ReturnType<typeof partitionFieldTypes>,
): Promise<DataFile> {
  const first = files[0]!;
  const partPath = partitionPath(partition, first.partition);
  const out = `${location}/data/${partPath ? partPath + '/' : ''}${randomUUID()}.parquet`;
  const local = ctx.store.localPath(out) ?? path.join(ctx.tmpDir, `${randomUUID()}.parquet`);
  const inputs = files.map((f) => quoteString(ctx.store.localPath(f.filePath) ?? f.filePath)).join(', ');
  await fs.mkdir(path.dirname(local), { recursive: true });
  const kv = `{'iceberg.schema': ${quoteString(JSON.stringify(schema))}}`;
  await ctx.engine.run(
    `COPY (SELECT * FROM read_parquet([${inputs}])) TO ${quoteString(local)} ` +
      `(FORMAT parquet, COMPRESSION zstd, FIELD_IDS ${fieldIdsLiteral(schema)}, KV_METADATA ${kv})`,
  );
  if (!ctx.store.localPath(out)) {
    await ctx.store.write(out, await fs.readFile(local));
    await fs.rm(local, { force: true });
  }
  const size = ctx.store.localPath(out) ? (await fs.stat(local)).size : (await ctx.store.read(out)).length;
  return {
    content: 0,
    filePath: out,
    fileFormat: 'PARQUET',
    specId: first.specId,
    partition: first.partition,
    recordCount: files.reduce((a, f) => a + f.recordCount, 0),
    fileSizeInBytes: size,
    ...mergeMetrics(files, types),
  };
}
