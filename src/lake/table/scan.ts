/**
 * Scan planning: snapshot (current, by id, or as of a time) → manifest list → manifests →
 * live data files, pruned by `tsRange` on the `ts` column using manifest partition summaries,
 * partition values (order-preserving transforms of ts: hour/day/month/year/identity) and the
 * files' ts lower/upper bounds.
 */
import { fromBytes } from '../iceberg/conversions.js';
import {
  currentSchema,
  schemaById,
  snapshotAsOf,
  snapshotById,
  currentSnapshot,
  specById,
} from '../iceberg/metadata.js';
import { partitionFieldTypes } from '../iceberg/partitioning.js';
import { isOrderPreserving, transformFn } from '../iceberg/transforms.js';
import type {
  DataFile,
  ManifestFile,
  PrimitiveType,
  Schema,
  Snapshot,
  TableMetadata,
} from '../iceberg/types.js';
import { isPrimitive } from '../iceberg/types.js';
import type { ObjectStore } from '../io/object-store.js';
import { readManifest, readManifestList } from './manifests.js';

export interface ScanOptions {
  snapshotId?: string;
  asOf?: Date;
  /** Inclusive bounds on `ts`, in microseconds since the epoch. */
  tsRange?: { min?: number; max?: number };
}

export interface ScanFile {
  path: string;
  recordCount: number;
  fileSizeInBytes: number;
  /** The manifest's entry (column metrics, partition, bounds). */
  dataFile: DataFile;
}

export interface ScanPlan {
  table: string;
  snapshotId: string | null;
  schema: Schema;
  files: ScanFile[];
  totalFiles: number;
}

export function selectSnapshot(meta: TableMetadata, opts: ScanOptions): Snapshot | null {
  if (opts.snapshotId !== undefined) {
    const s = snapshotById(meta, String(opts.snapshotId));
    if (!s) throw new Error(`snapshot ${opts.snapshotId} not found`);
    return s;
  }
  if (opts.asOf) return snapshotAsOf(meta, opts.asOf.getTime());
  return currentSnapshot(meta);
}

type Range = { min?: number; max?: number };

/** Per spec: a predicate over partition values derived from a ts range (null = cannot prune). */
function partitionPruner(
  meta: TableMetadata,
  specId: number,
  tsId: number,
  tsType: PrimitiveType,
  range: Range,
) {
  const fields = partitionFieldTypes(specById(meta, specId), currentSchema(meta));
  const checks: { index: number; type: PrimitiveType; lo?: number; hi?: number }[] = [];
  fields.forEach((f, index) => {
    if (f.field['source-id'] !== tsId || !isOrderPreserving(f.field.transform)) return;
    const t = transformFn(f.field.transform, tsType);
    const c: { index: number; type: PrimitiveType; lo?: number; hi?: number } = { index, type: f.resultType };
    if (range.min !== undefined) c.lo = Number(t(range.min));
    if (range.max !== undefined) c.hi = Number(t(range.max));
    checks.push(c);
  });
  return {
    manifest(m: ManifestFile): boolean {
      for (const c of checks) {
        const s = m.partitions?.[c.index];
        if (!s) continue;
        if (!s.lowerBound || !s.upperBound) {
          if (s.containsNull) return false; // only null partition values: no ts in range
          continue;
        }
        const lo = Number(fromBytes(c.type, s.lowerBound));
        const hi = Number(fromBytes(c.type, s.upperBound));
        if (c.lo !== undefined && hi < c.lo) return false;
        if (c.hi !== undefined && lo > c.hi) return false;
      }
      return true;
    },
    file(f: DataFile): boolean {
      for (const c of checks) {
        const v = f.partition[c.index];
        if (v === null || v === undefined) return false;
        const n = Number(v);
        if (c.lo !== undefined && n < c.lo) return false;
        if (c.hi !== undefined && n > c.hi) return false;
      }
      return true;
    },
  };
}

function boundsOverlap(f: DataFile, tsId: number, tsType: PrimitiveType, range: Range): boolean {
  const lo = f.lowerBounds.get(tsId);
  const hi = f.upperBounds.get(tsId);
  const rows = f.valueCounts.get(tsId);
  const nulls = f.nullValueCounts.get(tsId);
  if (rows !== undefined && nulls !== undefined && rows === nulls) return false;
  if (hi && range.min !== undefined && Number(fromBytes(tsType, hi)) < range.min) return false;
  if (lo && range.max !== undefined && Number(fromBytes(tsType, lo)) > range.max) return false;
  return true;
}

/**
 * The range of `ts` (µs since the epoch) over a plan's files, from their column metrics alone:
 * null when no file holds a `ts` value, undefined when some file with values has no bounds
 * (then only reading the data can tell).
 */
export function tsRangeOf(plan: ScanPlan): { min: number; max: number } | null | undefined {
  const ts = plan.schema.fields.find((f) => f.name === 'ts' && isPrimitive(f.type));
  if (!ts) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const { dataFile: f } of plan.files) {
    const rows = f.valueCounts.get(ts.id);
    if (rows !== undefined && rows === f.nullValueCounts.get(ts.id)) continue; // all null
    const lo = f.lowerBounds.get(ts.id);
    const hi = f.upperBounds.get(ts.id);
    if (!lo || !hi) return undefined;
    min = Math.min(min, Number(fromBytes(ts.type as PrimitiveType, lo)));
    max = Math.max(max, Number(fromBytes(ts.type as PrimitiveType, hi)));
  }
  return min <= max ? { min, max } : null;
}

export async function planScan(
  store: ObjectStore,
  name: string,
  meta: TableMetadata,
  opts: ScanOptions = {},
): Promise<ScanPlan> {
  const snapshot = selectSnapshot(meta, opts);
  if (!snapshot)
    return { table: name, snapshotId: null, schema: currentSchema(meta), files: [], totalFiles: 0 };
  const schema =
    snapshot['schema-id'] !== undefined ? schemaById(meta, snapshot['schema-id']) : currentSchema(meta);
  const tsField = schema.fields.find((f) => f.name === 'ts' && isPrimitive(f.type));
  const range =
    opts.tsRange && (opts.tsRange.min !== undefined || opts.tsRange.max !== undefined) && tsField
      ? opts.tsRange
      : undefined;
  const tsType = tsField?.type as PrimitiveType;
  const files: ScanFile[] = [];
  let totalFiles = 0;
  for (const m of await readManifestList(store, snapshot)) {
    totalFiles += m.addedFilesCount + m.existingFilesCount;
    const pruner = range ? partitionPruner(meta, m.partitionSpecId, tsField!.id, tsType, range) : null;
    if (pruner && !pruner.manifest(m)) continue;
    for (const e of await readManifest(store, meta, m)) {
      if (e.status === 2) continue;
      const f = e.dataFile;
      if (pruner && !pruner.file(f)) continue;
      if (range && !boundsOverlap(f, tsField!.id, tsType, range)) continue;
      files.push({
        path: store.localPath(f.filePath) ?? f.filePath,
        recordCount: f.recordCount,
        fileSizeInBytes: f.fileSizeInBytes,
        dataFile: f,
      });
    }
  }
  return { table: name, snapshotId: snapshot['snapshot-id'], schema, files, totalFiles };
}
