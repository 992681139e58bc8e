/**
 * Manifests and manifest lists (v2): DataFile/ManifestEntry ↔ Avro records, partition
 * summaries, and sequence-number/snapshot-id inheritance on read (spec "Sequence Number
 * Inheritance": ADDED entries written with null inherit from the manifest list entry).
 */
import { comparator, fromBytes, toBytes } from '../iceberg/conversions.js';
import type { BoundPartitionField } from '../iceberg/partitioning.js';
import type {
  DataFile,
  ManifestEntry,
  ManifestFile,
  PartitionFieldSummary,
  PartitionSpec,
  PrimitiveType,
  Schema,
} from '../iceberg/types.js';
import { readContainer, writeContainer } from './container.js';
import { avroPrimitive, MANIFEST_LIST_SCHEMA, manifestEntrySchema, sanitizeAvroName } from './schemas.js';

type Rec = Record<string, unknown>;

const big = (v: number | string | bigint): bigint => BigInt(v);
const num = (v: unknown): number => Number(v as bigint);
const str = (v: unknown): string => (v as bigint).toString();

function partitionToAvro(type: PrimitiveType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return BigInt(v as number);
    case 'int':
    case 'date':
    case 'float':
    case 'double':
      return Number(v);
    case 'boolean':
    case 'string':
      return v;
    default: {
      const bytes = Buffer.from(toBytes(type, v));
      const s = avroPrimitive(type);
      if (
        typeof s === 'object' &&
        !Array.isArray(s) &&
        (s as { logicalType?: string }).logicalType === 'decimal'
      ) {
        const size = (s as { size: number }).size;
        const out = Buffer.alloc(size, bytes[0]! & 0x80 ? 0xff : 0);
        bytes.copy(out, size - bytes.length);
        return out;
      }
      return bytes;
    }
  }
}

function partitionFromAvro(type: PrimitiveType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  if (Buffer.isBuffer(v)) return fromBytes(type, v);
  return v;
}

const mapToAvro = (m: Map<number, number> | undefined) =>
  m ? [...m].map(([key, value]) => ({ key, value: big(value) })) : null;
const bytesMapToAvro = (m: Map<number, Uint8Array>) =>
  [...m].map(([key, value]) => ({ key, value: Buffer.from(value) }));
const mapFromAvro = (a: unknown) =>
  new Map(((a as { key: number; value: bigint }[] | null) ?? []).map((e) => [e.key, Number(e.value)]));
const bytesMapFromAvro = (a: unknown) =>
  new Map(
    ((a as { key: number; value: Buffer }[] | null) ?? []).map((e) => [e.key, new Uint8Array(e.value)]),
  );

export function dataFileToAvro(f: DataFile, partition: BoundPartitionField[]): Rec {
  const p: Rec = {};
  partition.forEach(
    (pf, i) => (p[sanitizeAvroName(pf.field.name)] = partitionToAvro(pf.resultType, f.partition[i])),
  );
  return {
    content: 0,
    file_path: f.filePath,
    file_format: f.fileFormat,
    partition: p,
    record_count: big(f.recordCount),
    file_size_in_bytes: big(f.fileSizeInBytes),
    column_sizes: mapToAvro(f.columnSizes),
    value_counts: mapToAvro(f.valueCounts),
    null_value_counts: mapToAvro(f.nullValueCounts),
    nan_value_counts: mapToAvro(f.nanValueCounts),
    lower_bounds: bytesMapToAvro(f.lowerBounds),
    upper_bounds: bytesMapToAvro(f.upperBounds),
    key_metadata: null,
    split_offsets: f.splitOffsets ? f.splitOffsets.map(big) : null,
    equality_ids: null,
    sort_order_id: f.sortOrderId ?? null,
  };
}

export function dataFileFromAvro(r: Rec, partition: BoundPartitionField[], specId: number): DataFile {
  const p = (r.partition ?? {}) as Rec;
  const f: DataFile = {
    content: 0,
    filePath: r.file_path as string,
    fileFormat: 'PARQUET',
    specId,
    partition: partition.map((pf) => partitionFromAvro(pf.resultType, p[sanitizeAvroName(pf.field.name)])),
    recordCount: num(r.record_count),
    fileSizeInBytes: num(r.file_size_in_bytes),
    valueCounts: mapFromAvro(r.value_counts),
    nullValueCounts: mapFromAvro(r.null_value_counts),
    nanValueCounts: mapFromAvro(r.nan_value_counts),
    lowerBounds: bytesMapFromAvro(r.lower_bounds),
    upperBounds: bytesMapFromAvro(r.upper_bounds),
  };
  if (r.column_sizes) f.columnSizes = mapFromAvro(r.column_sizes);
  if (r.split_offsets) f.splitOffsets = (r.split_offsets as bigint[]).map(Number);
  if (r.sort_order_id !== null && r.sort_order_id !== undefined) f.sortOrderId = r.sort_order_id as number;
  if (r.content !== 0)
    throw new Error(`delete files are not supported (content ${String(r.content)} in ${f.filePath})`);
  return f;
}

/** Summary of the partition values of a set of data files, per partition field. */
export function partitionSummaries(
  files: DataFile[],
  partition: BoundPartitionField[],
): PartitionFieldSummary[] {
  return partition.map((pf, i) => {
    const cmp = comparator(pf.resultType);
    let containsNull = false;
    let containsNan = false;
    let lo: unknown;
    let hi: unknown;
    for (const f of files) {
      const v = f.partition[i];
      if (v === null || v === undefined) containsNull = true;
      else if (typeof v === 'number' && Number.isNaN(v)) containsNan = true;
      else {
        if (lo === undefined || cmp(v, lo) < 0) lo = v;
        if (hi === undefined || cmp(v, hi) > 0) hi = v;
      }
    }
    const floating = pf.resultType === 'float' || pf.resultType === 'double';
    return {
      containsNull,
      containsNan: floating ? containsNan : false,
      lowerBound: lo === undefined ? null : toBytes(pf.resultType, lo),
      upperBound: hi === undefined ? null : toBytes(pf.resultType, hi),
    };
  });
}

/** Manifest statistics other than path/length/sequence numbers (those are set by the writer). */
export type ManifestStats = Omit<
  ManifestFile,
  'manifestPath' | 'manifestLength' | 'sequenceNumber' | 'minSequenceNumber'
> & {
  /** Lowest explicit data sequence number among live entries (null = only inherited ones). */
  minExplicitSequenceNumber: string | null;
};

export function encodeManifest(opts: {
  entries: ManifestEntry[];
  schema: Schema;
  spec: PartitionSpec;
  partition: BoundPartitionField[];
  addedSnapshotId: string;
}): { bytes: Buffer; stats: ManifestStats } {
  const { entries, partition } = opts;
  const records = entries.map((e) => ({
    status: e.status,
    snapshot_id: e.snapshotId === null ? null : big(e.snapshotId),
    sequence_number: e.sequenceNumber === null ? null : big(e.sequenceNumber),
    file_sequence_number: e.fileSequenceNumber === null ? null : big(e.fileSequenceNumber),
    data_file: dataFileToAvro(e.dataFile, partition),
  }));
  const bytes = writeContainer(manifestEntrySchema(partition), records, {
    schema: JSON.stringify(opts.schema),
    'schema-id': String(opts.schema['schema-id']),
    'partition-spec': JSON.stringify(opts.spec.fields),
    'partition-spec-id': String(opts.spec['spec-id']),
    'format-version': '2',
    content: 'data',
  });
  const count = (s: number) => entries.filter((e) => e.status === s);
  const rows = (es: ManifestEntry[]) => es.reduce((a, e) => a + e.dataFile.recordCount, 0);
  let minSeq: bigint | null = null;
  for (const e of entries) {
    if (e.status !== 2 && e.sequenceNumber !== null) {
      const s = BigInt(e.sequenceNumber);
      if (minSeq === null || s < minSeq) minSeq = s;
    }
  }
  return {
    bytes,
    stats: {
      partitionSpecId: opts.spec['spec-id'],
      content: 0,
      addedSnapshotId: opts.addedSnapshotId,
      addedFilesCount: count(1).length,
      existingFilesCount: count(0).length,
      deletedFilesCount: count(2).length,
      addedRowsCount: rows(count(1)),
      existingRowsCount: rows(count(0)),
      deletedRowsCount: rows(count(2)),
      partitions: partitionSummaries(
        entries.filter((e) => e.status !== 2).map((e) => e.dataFile),
        partition,
      ),
      minExplicitSequenceNumber: minSeq === null ? null : minSeq.toString(),
    },
  };
}

/** Reads a manifest; inherited snapshot ids and sequence numbers are filled in from `manifest`. */
export function decodeManifest(
  bytes: Buffer,
  manifest: ManifestFile,
  partition: BoundPartitionField[],
): ManifestEntry[] {
  const { records } = readContainer<Rec>(bytes);
  return records.map((r) => {
    const status = r.status as 0 | 1 | 2;
    const inherit = (v: unknown): string | null =>
      v === null || v === undefined ? (status === 1 ? manifest.sequenceNumber : null) : str(v);
    const seq = inherit(r.sequence_number);
    const fileSeq = inherit(r.file_sequence_number);
    if (seq === null || fileSeq === null)
      throw new Error(`manifest ${manifest.manifestPath}: non-ADDED entry without sequence numbers`);
    return {
      status,
      snapshotId:
        r.snapshot_id === null || r.snapshot_id === undefined ? manifest.addedSnapshotId : str(r.snapshot_id),
      sequenceNumber: seq,
      fileSequenceNumber: fileSeq,
      dataFile: dataFileFromAvro(r.data_file as Rec, partition, manifest.partitionSpecId),
    };
  });
}

export function encodeManifestList(
  manifests: ManifestFile[],
  meta: { snapshotId: string; parentSnapshotId: string | null; sequenceNumber: string },
): Buffer {
  const records = manifests.map((m) => ({
    manifest_path: m.manifestPath,
    manifest_length: big(m.manifestLength),
    partition_spec_id: m.partitionSpecId,
    content: m.content,
    sequence_number: big(m.sequenceNumber),
    min_sequence_number: big(m.minSequenceNumber),
    added_snapshot_id: big(m.addedSnapshotId),
    added_files_count: m.addedFilesCount,
    existing_files_count: m.existingFilesCount,
    deleted_files_count: m.deletedFilesCount,
    added_rows_count: big(m.addedRowsCount),
    existing_rows_count: big(m.existingRowsCount),
    deleted_rows_count: big(m.deletedRowsCount),
    partitions: m.partitions
      ? m.partitions.map((p) => ({
          contains_null: p.containsNull,
          contains_nan: p.containsNan,
          lower_bound: p.lowerBound ? Buffer.from(p.lowerBound) : null,
          upper_bound: p.upperBound ? Buffer.from(p.upperBound) : null,
        }))
      : null,
    key_metadata: null,
  }));
  return writeContainer(MANIFEST_LIST_SCHEMA, records, {
    'snapshot-id': meta.snapshotId,
    'parent-snapshot-id': meta.parentSnapshotId ?? 'null',
    'sequence-number': meta.sequenceNumber,
    'format-version': '2',
  });
}

export function decodeManifestList(bytes: Buffer): ManifestFile[] {
  const { records } = readContainer<Rec>(bytes);
  return records.map((r) => ({
    manifestPath: r.manifest_path as string,
    manifestLength: num(r.manifest_length),
    partitionSpecId: r.partition_spec_id as number,
    content: r.content as 0 | 1,
    sequenceNumber: str(r.sequence_number),
    minSequenceNumber: str(r.min_sequence_number),
    addedSnapshotId: str(r.added_snapshot_id),
    addedFilesCount: r.added_files_count as number,
    existingFilesCount: r.existing_files_count as number,
    deletedFilesCount: r.deleted_files_count as number,
    addedRowsCount: num(r.added_rows_count),
    existingRowsCount: num(r.existing_rows_count),
    deletedRowsCount: num(r.deleted_rows_count),
    partitions: r.partitions
      ? (r.partitions as Rec[]).map((p) => ({
          containsNull: p.contains_null as boolean,
          containsNan: (p.contains_nan as boolean | null) ?? null,
          lowerBound: p.lower_bound ? new Uint8Array(p.lower_bound as Buffer) : null,
          upperBound: p.upper_bound ? new Uint8Array(p.upper_bound as Buffer) : null,
        }))
      : null,
  }));
}
