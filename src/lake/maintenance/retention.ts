/**
 * Retention: drop data files whose every row is older than now − retention, in one `delete`
 * snapshot. A file qualifies when its `ts` upper bound (or, lacking bounds, the end of its
 * time partition) is before the cutoff. Files partially inside the window are KEPT (no row-level
 * deletes), so some rows older than the window may remain until their whole file ages out.
 * Deleted files stay on disk until expireSnapshots removes the snapshots that reference them.
 */
import { fromBytes } from '../iceberg/conversions.js';
import { currentSchema, currentSnapshot, specById } from '../iceberg/metadata.js';
import { partitionFieldTypes } from '../iceberg/partitioning.js';
import { parseTransform } from '../iceberg/transforms.js';
import { isPrimitive, type DataFile, type PrimitiveType, type TableMetadata } from '../iceberg/types.js';
import { commitSnapshots } from '../table/commit.js';
import { liveEntries } from '../table/manifests.js';
import { SnapshotProducer } from '../table/snapshot-producer.js';
import type { MaintenanceContext } from './context.js';

export interface RetentionResult {
  snapshotId: string | null;
  deletedFiles: number;
  deletedRecords: number;
  cutoffMicros: number;
}

const HOUR = 3_600_000_000;
const DAY = 24 * HOUR;

/** Exclusive end (micros) of a time partition value, or null for other transforms. */
function partitionEnd(transform: string, value: number): number | null {
  switch (parseTransform(transform).kind) {
    case 'hour':
      return (value + 1) * HOUR;
    case 'day':
      return (value + 1) * DAY;
    case 'month': {
      const y = 1970 + Math.floor((value + 1) / 12);
      const m = (((value + 1) % 12) + 12) % 12;
      return Date.UTC(y, m, 1) * 1000;
    }
    case 'year':
      return Date.UTC(1970 + value + 1, 0, 1) * 1000;
    default:
      return null;
  }
}

/** Largest ts a file can hold, in micros (null = unknown). */
function maxTs(meta: TableMetadata, f: DataFile, tsId: number, tsType: PrimitiveType): number | null {
  const hi = f.upperBounds.get(tsId);
  if (hi) return Number(fromBytes(tsType, hi));
  const fields = partitionFieldTypes(specById(meta, f.specId), currentSchema(meta));
  let best: number | null = null;
  fields.forEach((pf, i) => {
    const v = f.partition[i];
    if (pf.field['source-id'] !== tsId || v === null || v === undefined) return;
    const end = partitionEnd(pf.field.transform, Number(v));
    if (end !== null) best = best === null ? end - 1 : Math.min(best, end - 1);
  });
  return best;
}

export async function applyRetention(
  ctx: MaintenanceContext,
  opts: { retentionMs: number; now?: Date },
): Promise<RetentionResult> {
  const cutoffMicros = ((opts.now ?? new Date()).getTime() - opts.retentionMs) * 1000;
  const table = await ctx.catalog.loadTable(ctx.id);
  const meta = table.metadata;
  const snap = currentSnapshot(meta);
  const result: RetentionResult = { snapshotId: null, deletedFiles: 0, deletedRecords: 0, cutoffMicros };
  const ts = currentSchema(meta).fields.find((f) => f.name === 'ts');
  if (!snap || !ts || !isPrimitive(ts.type)) return result;
  const doomed: DataFile[] = [];
  for (const { entry } of await liveEntries(ctx.store, meta, snap)) {
    const m = maxTs(meta, entry.dataFile, ts.id, ts.type);
    if (m !== null && m < cutoffMicros) doomed.push(entry.dataFile);
  }
  if (doomed.length === 0) return result;
  const producer = new SnapshotProducer(ctx.store, 'delete', [], new Set(doomed.map((f) => f.filePath)), {
    'lakewatch.retention-cutoff-micros': String(cutoffMicros),
  });
  await commitSnapshots(ctx.catalog, [{ id: ctx.id, producer }], []);
  return {
    snapshotId: producer.snapshotId,
    deletedFiles: doomed.length,
    deletedRecords: doomed.reduce((a, f) => a + f.recordCount, 0),
    cutoffMicros,
  };
}
