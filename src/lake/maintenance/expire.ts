/**
 * Snapshot expiry: remove snapshots older than a cutoff (keeping the current snapshot, the
 * newest `retainLast` snapshots and any snapshot a ref points to), commit, then delete the
 * manifest lists, manifests and data files that no remaining snapshot references.
 */
import { currentSnapshot } from '../iceberg/metadata.js';
import type { Snapshot } from '../iceberg/types.js';
import { commitUpdates } from '../table/commit.js';
import type { MaintenanceContext } from './context.js';
import { reachableFrom } from './reachability.js';

export interface ExpireResult {
  expiredSnapshots: string[];
  deletedDataFiles: number;
  deletedManifests: number;
  deletedManifestLists: number;
}

/** `beforeMs` is an epoch-milliseconds cutoff (like Java's expireOlderThan). */
export async function expireSnapshots(
  ctx: MaintenanceContext,
  opts: { beforeMs: number; retainLast?: number },
): Promise<ExpireResult> {
  const retainLast = Math.max(1, opts.retainLast ?? 1);
  let expired: Snapshot[] = [];
  const before = await ctx.catalog.loadTable(ctx.id);
  const after = await commitUpdates(ctx.catalog, ctx.id, (base) => {
    const meta = base.metadata;
    const keep = new Set<string>();
    const cur = currentSnapshot(meta);
    // Newest `retainLast` snapshots of main's history.
    let s: Snapshot | null | undefined = cur;
    for (let i = 0; s && i < retainLast; i++) {
      keep.add(s['snapshot-id']);
      const parent: string | undefined = s['parent-snapshot-id'];
      s = parent ? meta.snapshots.find((x) => x['snapshot-id'] === parent) : undefined;
    }
    for (const ref of Object.values(meta.refs)) keep.add(ref['snapshot-id']);
    expired = meta.snapshots.filter((x) => !keep.has(x['snapshot-id']) && x['timestamp-ms'] < opts.beforeMs);
    if (expired.length === 0) return null;
    return {
      requirements: [{ type: 'assert-table-uuid', uuid: meta['table-uuid'] }],
      updates: [{ action: 'remove-snapshots', 'snapshot-ids': expired.map((x) => x['snapshot-id']) }],
    };
  });
  const result: ExpireResult = {
    expiredSnapshots: expired.map((x) => x['snapshot-id']),
    deletedDataFiles: 0,
    deletedManifests: 0,
    deletedManifestLists: 0,
  };
  if (expired.length === 0 || after.metadataLocation === before.metadataLocation) {
    if (after.metadataLocation === before.metadataLocation) result.expiredSnapshots = [];
    return result;
  }
  const meta = after.metadata;
  const keepRefs = await reachableFrom(ctx.store, meta, meta.snapshots);
  const gone = await reachableFrom(ctx.store, meta, expired);
  for (const f of gone.allDataFiles) {
    if (keepRefs.liveDataFiles.has(f)) continue;
    await ctx.store.delete(f);
    result.deletedDataFiles++;
  }
  for (const m of gone.manifests) {
    if (keepRefs.manifests.has(m)) continue;
    await ctx.store.delete(m);
    result.deletedManifests++;
  }
  for (const l of gone.manifestLists) {
    if (keepRefs.manifestLists.has(l)) continue;
    await ctx.store.delete(l);
    result.deletedManifestLists++;
  }
  return result;
}
