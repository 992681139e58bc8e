/**
 * Snapshot producers. Fast-append writes one new manifest per partition spec for the added files
 * and carries the parent's manifests; replace/delete/overwrite rewrite the manifests that hold
 * removed files (removed → DELETED with this snapshot's id, others → EXISTING with their
 * original sequence numbers). Files: `{commitUuid}-m{n}.avro`, `snap-{id}-{attempt}-{commitUuid}.avro`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeManifest, encodeManifestList } from '../avro/manifest.js';
import { LakeError } from '../errors.js';
import { currentSchema, currentSnapshot, specById } from '../iceberg/metadata.js';
import type { DataFile, ManifestEntry, ManifestFile, Snapshot, TableMetadata } from '../iceberg/types.js';
import type { TableRequirement, TableUpdate } from '../iceberg/updates.js';
import type { ObjectStore } from '../io/object-store.js';
import type { LoadedTable } from '../catalog/catalog.js';
import { boundPartition, readManifest, readManifestList } from './manifests.js';

export type Operation = 'append' | 'replace' | 'overwrite' | 'delete';

/** Random positive 63-bit id, as a decimal string. */
export function newSnapshotId(): string {
  const b = randomBytes(8);
  b[0] = b[0]! & 0x7f;
  const id = b.readBigUInt64BE();
  return (id === 0n ? 1n : id).toString();
}

/**
 * One logical change, possibly committed over several attempts: the snapshot id, commit uuid
 * and the manifest of added files are kept across attempts; everything that depends on the
 * parent is redone per attempt.
 */
export class SnapshotProducer {
  readonly snapshotId = newSnapshotId();
  readonly commitUuid = randomUUID();
  private manifestCounter = 0;
  private attempt = 0;
  private addedManifests: ManifestFile[] | null = null;
  /** Every file this producer wrote (for cleanup when the commit is abandoned). */
  readonly writtenFiles: string[] = [];
  private attemptFiles: string[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly operation: Operation,
    private readonly added: DataFile[],
    private readonly removed: Set<string> = new Set(),
    private readonly extraSummary: Record<string, string> = {},
  ) {}

  private manifestPath(meta: TableMetadata): string {
    return `${meta.location}/metadata/${this.commitUuid}-m${this.manifestCounter++}.avro`;
  }

  private async writeManifest(
    meta: TableMetadata,
    specId: number,
    entries: ManifestEntry[],
    perAttempt: boolean,
  ): Promise<ManifestFile & { minExplicit: string | null }> {
    const spec = specById(meta, specId);
    const { bytes, stats } = encodeManifest({
      entries,
      schema: currentSchema(meta),
      spec,
      partition: boundPartition(meta, specId),
      addedSnapshotId: this.snapshotId,
    });
    const path = this.manifestPath(meta);
    await this.store.write(path, bytes);
    this.writtenFiles.push(path);
    if (perAttempt) this.attemptFiles.push(path);
    const { minExplicitSequenceNumber, ...rest } = stats;
    return {
      ...rest,
      manifestPath: path,
      manifestLength: bytes.length,
      sequenceNumber: '0',
      minSequenceNumber: '0',
      minExplicit: minExplicitSequenceNumber,
    };
  }

  /**
   * Manifest merging (Iceberg's `commit.manifest-merge.enabled`, default true): once a partition
   * spec has `commit.manifest.min-count-to-merge` (default 100) manifests smaller than
   * `commit.manifest.target-size-bytes` (default 8 MiB) carried from the parent, their live
   * entries are rewritten as EXISTING into one manifest, keeping each entry's snapshot id and
   * sequence numbers. Without it, a service committing every second adds a manifest per commit
   * and query planning reads thousands of them. This snapshot's own new manifests (the first
   * `ownCount`) are never merged, so the snapshot still lists exactly what it added.
   */
  private async mergeManifests(
    meta: TableMetadata,
    manifests: ManifestFile[],
    ownCount: number,
    seq: string,
  ): Promise<ManifestFile[]> {
    const props = meta.properties ?? {};
    if ((props['commit.manifest-merge.enabled'] ?? 'true').toLowerCase() === 'false') return manifests;
    const minCount = Math.max(2, Number(props['commit.manifest.min-count-to-merge'] ?? 100) || 100);
    const targetBytes =
      Number(props['commit.manifest.target-size-bytes'] ?? 8 * 1024 * 1024) || 8 * 1024 * 1024;
    const carried = manifests.slice(ownCount);
    const bySpec = new Map<number, ManifestFile[]>();
    for (const m of carried)
      if (m.manifestLength < targetBytes)
        bySpec.set(m.partitionSpecId, [...(bySpec.get(m.partitionSpecId) ?? []), m]);
    const mergeAway = new Set<ManifestFile>();
    const out = manifests.slice(0, ownCount);
    for (const [specId, small] of bySpec) {
      if (small.length < minCount) continue;
      const entries: ManifestEntry[] = [];
      for (const m of small)
        for (const e of await readManifest(this.store, meta, m))
          if (e.status !== 2) entries.push({ ...e, status: 0 });
      small.forEach((m) => mergeAway.add(m));
      if (entries.length === 0) continue;
      const { minExplicit, ...rest } = await this.writeManifest(meta, specId, entries, true);
      out.push({ ...rest, sequenceNumber: seq, minSequenceNumber: minExplicit ?? seq });
    }
    if (mergeAway.size === 0) return manifests;
    for (const m of carried) if (!mergeAway.has(m)) out.push(m);
    return out;
  }

  /** Deletes files written by the last (failed) attempt that cannot be reused. */
  async discardAttempt(): Promise<void> {
    for (const f of this.attemptFiles.splice(0)) await this.store.delete(f);
  }

  async discardAll(): Promise<void> {
    for (const f of this.writtenFiles.splice(0)) await this.store.delete(f);
    this.attemptFiles = [];
  }

  /** Builds the snapshot against `base` and returns the commit (requirements + updates). */
  async produce(
    base: LoadedTable,
  ): Promise<{ snapshot: Snapshot; requirements: TableRequirement[]; updates: TableUpdate[] }> {
    const meta = base.metadata;
    const attempt = this.attempt++;
    this.attemptFiles = [];
    const parent = currentSnapshot(meta);
    const seq = (BigInt(meta['last-sequence-number']) + 1n).toString();

    if (this.addedManifests === null) {
      this.addedManifests = [];
      const bySpec = new Map<number, DataFile[]>();
      for (const f of this.added) bySpec.set(f.specId, [...(bySpec.get(f.specId) ?? []), f]);
      for (const [specId, files] of bySpec) {
        const entries: ManifestEntry[] = files.map((f) => ({
          status: 1,
          snapshotId: this.snapshotId,
          sequenceNumber: null,
          fileSequenceNumber: null,
          dataFile: f,
        }));
        const { minExplicit: _unused, ...m } = await this.writeManifest(meta, specId, entries, false);
        void _unused;
        this.addedManifests.push(m);
      }
    }

    const manifests: ManifestFile[] = this.addedManifests.map((m) => ({
      ...m,
      sequenceNumber: seq,
      minSequenceNumber: seq,
    }));
    const stillToRemove = new Set(this.removed);
    let deletedFiles = 0;
    let deletedRecords = 0;
    let removedBytes = 0;
    const changedPartitions = new Set<string>();
    for (const f of this.added)
      changedPartitions.add(
        `${f.specId}:${JSON.stringify(f.partition, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );

    for (const m of parent ? await readManifestList(this.store, parent) : []) {
      const live = m.addedFilesCount + m.existingFilesCount;
      if (this.removed.size === 0) {
        if (live > 0) manifests.push(m);
        continue;
      }
      const entries = await readManifest(this.store, meta, m);
      if (!entries.some((e) => e.status !== 2 && this.removed.has(e.dataFile.filePath))) {
        if (live > 0) manifests.push(m);
        continue;
      }
      const rewritten: ManifestEntry[] = [];
      for (const e of entries) {
        if (e.status === 2) continue;
        if (this.removed.has(e.dataFile.filePath)) {
          stillToRemove.delete(e.dataFile.filePath);
          deletedFiles++;
          deletedRecords += e.dataFile.recordCount;
          removedBytes += e.dataFile.fileSizeInBytes;
          changedPartitions.add(
            `${e.dataFile.specId}:${JSON.stringify(e.dataFile.partition, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
          );
          rewritten.push({ ...e, status: 2, snapshotId: this.snapshotId });
        } else {
          rewritten.push({ ...e, status: 0 });
        }
      }
      const nm = await this.writeManifest(meta, m.partitionSpecId, rewritten, true);
      const { minExplicit, ...rest } = nm;
      manifests.push({ ...rest, sequenceNumber: seq, minSequenceNumber: minExplicit ?? seq });
    }
    if (stillToRemove.size > 0) {
      throw new LakeError(
        `cannot ${this.operation}: ${stillToRemove.size} file(s) are no longer in the table (e.g. ${[...stillToRemove][0]})`,
      );
    }

    const merged = await this.mergeManifests(meta, manifests, this.addedManifests.length, seq);
    const listPath = `${meta.location}/metadata/snap-${this.snapshotId}-${attempt}-${this.commitUuid}.avro`;
    const listBytes = encodeManifestList(merged, {
      snapshotId: this.snapshotId,
      parentSnapshotId: parent?.['snapshot-id'] ?? null,
      sequenceNumber: seq,
    });
    await this.store.write(listPath, listBytes);
    this.writtenFiles.push(listPath);
    this.attemptFiles.push(listPath);

    const addedRecords = this.added.reduce((a, f) => a + f.recordCount, 0);
    const addedBytes = this.added.reduce((a, f) => a + f.fileSizeInBytes, 0);
    const prev: Record<string, string> = parent?.summary ?? {};
    const total = (k: string) => Number(prev[k] ?? 0);
    const summary: Snapshot['summary'] = {
      ...this.extraSummary,
      operation: this.operation,
      'added-data-files': String(this.added.length),
      'added-records': String(addedRecords),
      'added-files-size': String(addedBytes),
      'deleted-data-files': String(deletedFiles),
      'deleted-records': String(deletedRecords),
      'removed-files-size': String(removedBytes),
      'changed-partition-count': String(changedPartitions.size),
      'total-records': String(total('total-records') + addedRecords - deletedRecords),
      'total-files-size': String(total('total-files-size') + addedBytes - removedBytes),
      'total-data-files': String(total('total-data-files') + this.added.length - deletedFiles),
      'total-delete-files': '0',
      'total-position-deletes': '0',
      'total-equality-deletes': '0',
    };
    const snapshot: Snapshot = {
      'snapshot-id': this.snapshotId,
      'sequence-number': seq,
      'timestamp-ms': Math.max(Date.now(), (parent?.['timestamp-ms'] ?? 0) + 1),
      'manifest-list': listPath,
      summary,
      'schema-id': meta['current-schema-id'],
    };
    if (parent) snapshot['parent-snapshot-id'] = parent['snapshot-id'];
    return {
      snapshot,
      requirements: [
        { type: 'assert-table-uuid', uuid: meta['table-uuid'] },
        { type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': parent?.['snapshot-id'] ?? null },
      ],
      updates: [
        { action: 'add-snapshot', snapshot },
        { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': this.snapshotId },
      ],
    };
  }
}
