/** Turns buffered column statistics into a DataFile's Iceberg metrics (bounds serialized and truncated). */
import {
  comparator,
  fromBytes,
  toBytes,
  truncateBinaryLower,
  truncateBinaryUpper,
  truncateStringLower,
  truncateStringUpper,
} from '../iceberg/conversions.js';
import type { DataFile, PrimitiveType } from '../iceberg/types.js';
import type { FileMetrics } from './encode.js';

export type ColumnMetrics = Pick<
  DataFile,
  'valueCounts' | 'nullValueCounts' | 'nanValueCounts' | 'lowerBounds' | 'upperBounds'
>;

export function lowerBoundBytes(type: PrimitiveType, v: unknown): Uint8Array {
  if (type === 'string') return toBytes(type, truncateStringLower(v as string));
  if (type === 'binary') return truncateBinaryLower(v as Uint8Array);
  return toBytes(type, v);
}

export function upperBoundBytes(type: PrimitiveType, v: unknown): Uint8Array | null {
  if (type === 'string') {
    const t = truncateStringUpper(v as string);
    return t === null ? null : toBytes(type, t);
  }
  if (type === 'binary') return truncateBinaryUpper(v as Uint8Array);
  return toBytes(type, v);
}

function emptyMetrics(): ColumnMetrics {
  return {
    valueCounts: new Map(),
    nullValueCounts: new Map(),
    nanValueCounts: new Map(),
    lowerBounds: new Map(),
    upperBounds: new Map(),
  };
}

export function finishMetrics(m: FileMetrics): ColumnMetrics {
  const out = emptyMetrics();
  for (const s of m.leaves) {
    out.valueCounts.set(s.id, m.rows);
    out.nullValueCounts.set(s.id, s.nulls);
    if (s.type === 'float' || s.type === 'double') out.nanValueCounts.set(s.id, s.nans);
    if (s.min !== undefined) out.lowerBounds.set(s.id, lowerBoundBytes(s.type, s.min));
    if (s.max !== undefined) {
      const u = upperBoundBytes(s.type, s.max);
      if (u) out.upperBounds.set(s.id, u);
    }
  }
  return out;
}

/**
 * Metrics of a file made by concatenating `files` (compaction): counts add up, bounds are the
 * min of lowers / max of uppers (truncated bounds stay valid bounds). A column missing a bound
 * in any file that has non-null values loses that bound.
 */
export function mergeMetrics(files: DataFile[], types: Map<number, PrimitiveType>): ColumnMetrics {
  const out = emptyMetrics();
  const ids = new Set<number>();
  for (const f of files) for (const id of f.valueCounts.keys()) ids.add(id);
  for (const id of ids) {
    const type = types.get(id);
    let vc = 0;
    let nc = 0;
    let nan = 0;
    let hasNan = false;
    let complete = true;
    for (const f of files) {
      const v = f.valueCounts.get(id);
      const n = f.nullValueCounts.get(id);
      if (v === undefined || n === undefined) complete = false;
      vc += v ?? 0;
      nc += n ?? 0;
      const x = f.nanValueCounts.get(id);
      if (x !== undefined) {
        nan += x;
        hasNan = true;
      }
    }
    if (!complete) continue;
    out.valueCounts.set(id, vc);
    out.nullValueCounts.set(id, nc);
    if (hasNan) out.nanValueCounts.set(id, nan);
    if (!type) continue;
    const cmp = comparator(type);
    const pick = (key: 'lowerBounds' | 'upperBounds', better: (c: number) => boolean) => {
      let best: Uint8Array | undefined;
      let bestV: unknown;
      for (const f of files) {
        const b = f[key].get(id);
        const nonNull =
          (f.valueCounts.get(id) ?? 0) - (f.nullValueCounts.get(id) ?? 0) - (f.nanValueCounts.get(id) ?? 0);
        if (!b) {
          if (nonNull > 0) return;
          continue;
        }
        const v = fromBytes(type, b);
        if (best === undefined || better(cmp(v, bestV))) {
          best = b;
          bestV = v;
        }
      }
      if (best) out[key].set(id, best);
    };
    pick('lowerBounds', (c) => c < 0);
    pick('upperBounds', (c) => c > 0);
  }
  return out;
}
