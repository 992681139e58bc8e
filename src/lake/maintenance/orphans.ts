/**
 * Orphan removal: files under the table location that no metadata references (crashed ingests,
 * abandoned commits), last modified before `beforeMs` (epoch ms; keep a margin so files of
 * in-flight commits are never touched).
 */
import type { MaintenanceContext } from './context.js';
import { reachableFrom } from './reachability.js';

export interface OrphanResult {
  deletedFiles: string[];
}

export async function removeOrphanFiles(
  ctx: MaintenanceContext,
  opts: { beforeMs: number },
): Promise<OrphanResult> {
  const table = await ctx.catalog.loadTable(ctx.id);
  const meta = table.metadata;
  const reach = await reachableFrom(ctx.store, meta, meta.snapshots);
  const referenced = new Set<string>([
    table.metadataLocation,
    ...meta['metadata-log'].map((e) => e['metadata-file']),
  ]);
  for (const set of [reach.manifestLists, reach.manifests, reach.allDataFiles])
    for (const p of set) referenced.add(p);
  const norm = (p: string) => ctx.store.localPath(p) ?? p;
  const referencedNorm = new Set([...referenced].map(norm));
  const deleted: string[] = [];
  for (const obj of await ctx.store.list(meta.location)) {
    if (referencedNorm.has(norm(obj.path)) || obj.lastModifiedMs >= opts.beforeMs) continue;
    await ctx.store.delete(obj.path);
    deleted.push(obj.path);
  }
  return { deletedFiles: deleted };
}
