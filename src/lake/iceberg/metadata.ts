/**
 * Table metadata JSON (format-version 2): creation, bigint-safe (de)serialization, lookups.
 * In TypeScript, snapshot ids and sequence numbers are decimal strings; in JSON they are numbers.
 */
import { randomUUID } from 'node:crypto';
import { parseJson, stringifyJson, type JsonValue } from './json.js';
import type { PartitionSpec, Schema, Snapshot, TableMetadata } from './types.js';

export function newTableMetadata(opts: {
  location: string;
  schema: Schema;
  lastColumnId: number;
  spec: PartitionSpec;
  lastPartitionId: number;
  properties?: Record<string, string>;
  tableUuid?: string;
  nowMs?: number;
}): TableMetadata {
  return {
    'format-version': 2,
    'table-uuid': opts.tableUuid ?? randomUUID(),
    location: opts.location,
    'last-sequence-number': '0',
    'last-updated-ms': opts.nowMs ?? Date.now(),
    'last-column-id': opts.lastColumnId,
    schemas: [opts.schema],
    'current-schema-id': opts.schema['schema-id'],
    'partition-specs': [opts.spec],
    'default-spec-id': opts.spec['spec-id'],
    'last-partition-id': opts.lastPartitionId,
    properties: { ...(opts.properties ?? {}) },
    'current-snapshot-id': null,
    snapshots: [],
    'snapshot-log': [],
    'metadata-log': [],
    'sort-orders': [{ 'order-id': 0, fields: [] }],
    'default-sort-order-id': 0,
    refs: {},
  };
}

const ID_KEYS = new Set([
  'snapshot-id',
  'parent-snapshot-id',
  'current-snapshot-id',
  'sequence-number',
  'last-sequence-number',
]);

function idsTo(v: unknown, conv: (x: unknown) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => idsTo(x, conv));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      // `summary` values are strings by spec; never convert inside it or properties.
      if (k === 'summary' || k === 'properties') out[k] = x;
      else out[k] = ID_KEYS.has(k) && x !== null && x !== undefined ? conv(x) : idsTo(x, conv);
    }
    return out;
  }
  return v;
}

export function serializeMetadata(meta: TableMetadata): string {
  return stringifyJson(
    idsTo(meta, (x) => BigInt(x as string)),
    2,
  );
}

export function parseMetadata(text: string): TableMetadata {
  const raw: JsonValue = parseJson(text);
  const meta = idsTo(raw, (x) => String(x)) as TableMetadata;
  if (meta['format-version'] !== 2)
    throw new Error(`unsupported format-version ${String(meta['format-version'])}`);
  if (meta['current-snapshot-id'] === '-1') meta['current-snapshot-id'] = null;
  meta.snapshots ??= [];
  meta['snapshot-log'] ??= [];
  meta['metadata-log'] ??= [];
  meta.refs ??= {};
  meta.properties ??= {};
  return meta;
}

export function currentSchema(meta: TableMetadata): Schema {
  return schemaById(meta, meta['current-schema-id']);
}

export function schemaById(meta: TableMetadata, id: number): Schema {
  const s = meta.schemas.find((x) => x['schema-id'] === id);
  if (!s) throw new Error(`schema ${id} not found in table metadata`);
  return s;
}

export function defaultSpec(meta: TableMetadata): PartitionSpec {
  return specById(meta, meta['default-spec-id']);
}

export function specById(meta: TableMetadata, id: number): PartitionSpec {
  const s = meta['partition-specs'].find((x) => x['spec-id'] === id);
  if (!s) throw new Error(`partition spec ${id} not found in table metadata`);
  return s;
}

export function currentSnapshot(meta: TableMetadata): Snapshot | null {
  const id = meta['current-snapshot-id'];
  return id === null ? null : (meta.snapshots.find((s) => s['snapshot-id'] === id) ?? null);
}

export function snapshotById(meta: TableMetadata, id: string): Snapshot | undefined {
  return meta.snapshots.find((s) => s['snapshot-id'] === id);
}

/** The snapshot that was current at `ms` (from the snapshot log), or null. */
export function snapshotAsOf(meta: TableMetadata, ms: number): Snapshot | null {
  let found: string | null = null;
  for (const e of meta['snapshot-log']) if (e['timestamp-ms'] <= ms) found = e['snapshot-id'];
  return found === null ? null : (snapshotById(meta, found) ?? null);
}

/** Version number from a metadata file name `00003-<uuid>.metadata.json` (or `v3.metadata.json`). */
export function metadataVersion(location: string): number {
  const name = location.slice(location.lastIndexOf('/') + 1);
  const m = /^(\d+)-.*\.metadata\.json$/.exec(name) ?? /^v(\d+)\.metadata\.json$/.exec(name);
  return m ? Number(m[1]) : -1;
}

export function metadataFileName(version: number): string {
  return `${String(version).padStart(5, '0')}-${randomUUID()}.metadata.json`;
}
