/** Files referenced by a set of snapshots: manifest lists, manifests, and data files. */
import type { Snapshot, TableMetadata } from '../iceberg/types.js';
import type { ObjectStore } from '../io/object-store.js';
import { readManifest, readManifestList } from '../table/manifests.js';

export interface Reachable {
  manifestLists: Set<string>;
  manifests: Set<string>;
  /** Data files live (ADDED/EXISTING) in at least one of the snapshots. */
  liveDataFiles: Set<string>;
  /** Every data file any manifest mentions (any status). */
  allDataFiles: Set<string>;
}

export async function reachableFrom(
  store: ObjectStore,
  meta: TableMetadata,
  snapshots: Snapshot[],
): Promise<Reachable> {
  const r: Reachable = {
    manifestLists: new Set(),
    manifests: new Set(),
    liveDataFiles: new Set(),
    allDataFiles: new Set(),
  };
  for (const s of snapshots) {
    r.manifestLists.add(s['manifest-list']);
    for (const m of await readManifestList(store, s)) {
      if (r.manifests.has(m.manifestPath)) continue;
      r.manifests.add(m.manifestPath);
      for (const e of await readManifest(store, meta, m)) {
        r.allDataFiles.add(e.dataFile.filePath);
        if (e.status !== 2) r.liveDataFiles.add(e.dataFile.filePath);
      }
    }
  }
  return r;
}
