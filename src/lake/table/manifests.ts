/** Reading a snapshot's manifest list and manifests through the object store. */
import { decodeManifest, decodeManifestList } from '../avro/manifest.js';
import { currentSchema, specById } from '../iceberg/metadata.js';
import { partitionFieldTypes, type BoundPartitionField } from '../iceberg/partitioning.js';
import type { ManifestEntry, ManifestFile, Snapshot, TableMetadata } from '../iceberg/types.js';
import type { ObjectStore } from '../io/object-store.js';

export function boundPartition(meta: TableMetadata, specId: number): BoundPartitionField[] {
  return partitionFieldTypes(specById(meta, specId), currentSchema(meta));
}

export async function readManifestList(store: ObjectStore, snapshot: Snapshot): Promise<ManifestFile[]> {
  return decodeManifestList(await store.read(snapshot['manifest-list']));
}

export async function readManifest(
  store: ObjectStore,
  meta: TableMetadata,
  manifest: ManifestFile,
): Promise<ManifestEntry[]> {
  return decodeManifest(
    await store.read(manifest.manifestPath),
    manifest,
    boundPartition(meta, manifest.partitionSpecId),
  );
}

/** Live (ADDED or EXISTING) entries of a snapshot, with the manifest each came from. */
export async function liveEntries(
  store: ObjectStore,
  meta: TableMetadata,
  snapshot: Snapshot,
): Promise<{ manifest: ManifestFile; entry: ManifestEntry }[]> {
  const out: { manifest: ManifestFile; entry: ManifestEntry }[] = [];
  for (const m of await readManifestList(store, snapshot)) {
    for (const e of await readManifest(store, meta, m))
      if (e.status !== 2) out.push({ manifest: m, entry: e });
  }
  return out;
}
