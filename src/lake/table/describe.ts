/** describeTable: the facts a user asks about a table, from metadata alone. */
import { currentSchema, currentSnapshot, defaultSpec } from '../iceberg/metadata.js';
import type { PartitionSpec, Schema, TableMetadata } from '../iceberg/types.js';

export interface SnapshotDescription {
  snapshotId: string;
  parentSnapshotId: string | null;
  sequenceNumber: string;
  timestampMs: number;
  operation: string;
  schemaId: number | null;
  summary: Record<string, string>;
}

export interface TableDescription {
  name: string;
  location: string;
  metadataLocation: string;
  tableUuid: string;
  formatVersion: 2;
  schema: Schema;
  spec: PartitionSpec;
  properties: Record<string, string>;
  currentSnapshotId: string | null;
  snapshots: SnapshotDescription[];
  rows: number;
  files: number;
  bytes: number;
}

export function describe(name: string, metadataLocation: string, meta: TableMetadata): TableDescription {
  const cur = currentSnapshot(meta);
  const s: Record<string, string> = cur?.summary ?? {};
  return {
    name,
    location: meta.location,
    metadataLocation,
    tableUuid: meta['table-uuid'],
    formatVersion: 2,
    schema: currentSchema(meta),
    spec: defaultSpec(meta),
    properties: { ...meta.properties },
    currentSnapshotId: meta['current-snapshot-id'],
    snapshots: meta.snapshots.map((x) => ({
      snapshotId: x['snapshot-id'],
      parentSnapshotId: x['parent-snapshot-id'] ?? null,
      sequenceNumber: x['sequence-number'],
      timestampMs: x['timestamp-ms'],
      operation: x.summary.operation,
      schemaId: x['schema-id'] ?? null,
      summary: { ...x.summary },
    })),
    rows: Number(s['total-records'] ?? 0),
    files: Number(s['total-data-files'] ?? 0),
    bytes: Number(s['total-files-size'] ?? 0),
  };
}
