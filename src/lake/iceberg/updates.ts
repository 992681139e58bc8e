/**
 * A commit is data: `TableUpdate`s (a union keyed on `action`, as in the REST spec) applied by a
 * pure fold, guarded by `TableRequirement`s that a catalog validates against the base metadata.
 */
import { CommitFailedError } from '../errors.js';
import type { PartitionSpec, Schema, Snapshot, TableMetadata } from './types.js';

export type TableUpdate =
  | { action: 'assign-uuid'; uuid: string }
  | { action: 'add-schema'; schema: Schema; 'last-column-id': number }
  | { action: 'set-current-schema'; 'schema-id': number /* -1 = last added */ }
  | { action: 'add-spec'; spec: PartitionSpec; 'last-partition-id'?: number }
  | { action: 'set-default-spec'; 'spec-id': number /* -1 = last added */ }
  | { action: 'add-snapshot'; snapshot: Snapshot }
  | { action: 'set-snapshot-ref'; 'ref-name': string; type: 'branch' | 'tag'; 'snapshot-id': string }
  | { action: 'remove-snapshot-ref'; 'ref-name': string }
  | { action: 'remove-snapshots'; 'snapshot-ids': string[] }
  | { action: 'set-location'; location: string }
  | { action: 'set-properties'; updates: Record<string, string> }
  | { action: 'remove-properties'; removals: string[] };

export type TableRequirement =
  | { type: 'assert-create' }
  | { type: 'assert-table-uuid'; uuid: string }
  | { type: 'assert-ref-snapshot-id'; ref: string; 'snapshot-id': string | null }
  | { type: 'assert-current-schema-id'; 'current-schema-id': number }
  | { type: 'assert-last-assigned-field-id'; 'last-assigned-field-id': number }
  | { type: 'assert-default-spec-id'; 'default-spec-id': number }
  | { type: 'assert-last-assigned-partition-id'; 'last-assigned-partition-id': number };

/** Throws CommitFailedError when `req` does not hold for `meta` (null = table does not exist). */
export function validateRequirement(req: TableRequirement, meta: TableMetadata | null): void {
  const fail = (msg: string): never => {
    throw new CommitFailedError(`requirement failed: ${msg}`);
  };
  if (req.type === 'assert-create') {
    if (meta) fail('table already exists');
    return;
  }
  if (!meta) return fail(`${req.type}: table does not exist`);
  switch (req.type) {
    case 'assert-table-uuid':
      if (meta['table-uuid'] !== req.uuid) fail(`table uuid changed (${meta['table-uuid']} != ${req.uuid})`);
      return;
    case 'assert-ref-snapshot-id': {
      const cur = meta.refs[req.ref]?.['snapshot-id'] ?? null;
      if (cur !== req['snapshot-id'])
        fail(`branch ${req.ref} moved (${String(cur)} != ${String(req['snapshot-id'])})`);
      return;
    }
    case 'assert-current-schema-id':
      if (meta['current-schema-id'] !== req['current-schema-id']) fail('current schema changed');
      return;
    case 'assert-last-assigned-field-id':
      if (meta['last-column-id'] !== req['last-assigned-field-id']) fail('last assigned field id changed');
      return;
    case 'assert-default-spec-id':
      if (meta['default-spec-id'] !== req['default-spec-id']) fail('default spec changed');
      return;
    case 'assert-last-assigned-partition-id':
      if (meta['last-partition-id'] !== req['last-assigned-partition-id'])
        fail('last assigned partition id changed');
      return;
  }
}

export function validateRequirements(reqs: TableRequirement[], meta: TableMetadata | null): void {
  for (const r of reqs) validateRequirement(r, meta);
}

/** Pure fold of updates over metadata; returns a new object (the input is not modified). */
export function applyUpdates(base: TableMetadata, updates: TableUpdate[], nowMs = Date.now()): TableMetadata {
  const m: TableMetadata = structuredClone(base);
  let lastAddedSchema: number | undefined;
  let lastAddedSpec: number | undefined;
  for (const u of updates) {
    switch (u.action) {
      case 'assign-uuid':
        m['table-uuid'] = u.uuid;
        break;
      case 'add-schema': {
        const existing = m.schemas.find((s) => JSON.stringify(s.fields) === JSON.stringify(u.schema.fields));
        if (existing) {
          lastAddedSchema = existing['schema-id'];
        } else {
          const id = Math.max(-1, ...m.schemas.map((s) => s['schema-id'])) + 1;
          m.schemas.push({ ...u.schema, 'schema-id': id });
          lastAddedSchema = id;
        }
        m['last-column-id'] = Math.max(m['last-column-id'], u['last-column-id']);
        break;
      }
      case 'set-current-schema': {
        const id = u['schema-id'] === -1 ? lastAddedSchema : u['schema-id'];
        if (id === undefined || !m.schemas.some((s) => s['schema-id'] === id))
          throw new Error(`unknown schema ${u['schema-id']}`);
        m['current-schema-id'] = id;
        break;
      }
      case 'add-spec': {
        const existing = m['partition-specs'].find(
          (s) => JSON.stringify(s.fields) === JSON.stringify(u.spec.fields),
        );
        if (existing) lastAddedSpec = existing['spec-id'];
        else {
          const id = Math.max(-1, ...m['partition-specs'].map((s) => s['spec-id'])) + 1;
          m['partition-specs'].push({ ...u.spec, 'spec-id': id });
          lastAddedSpec = id;
        }
        const maxField = Math.max(999, ...u.spec.fields.map((f) => f['field-id']));
        m['last-partition-id'] = Math.max(
          m['last-partition-id'],
          u['last-partition-id'] ?? maxField,
          maxField,
        );
        break;
      }
      case 'set-default-spec': {
        const id = u['spec-id'] === -1 ? lastAddedSpec : u['spec-id'];
        if (id === undefined || !m['partition-specs'].some((s) => s['spec-id'] === id))
          throw new Error(`unknown spec ${u['spec-id']}`);
        m['default-spec-id'] = id;
        break;
      }
      case 'add-snapshot': {
        const s = u.snapshot;
        if (m.snapshots.some((x) => x['snapshot-id'] === s['snapshot-id']))
          throw new Error(`snapshot ${s['snapshot-id']} already exists`);
        if (BigInt(s['sequence-number']) <= BigInt(m['last-sequence-number'])) {
          throw new CommitFailedError(
            `sequence number ${s['sequence-number']} is not above ${m['last-sequence-number']}`,
          );
        }
        m.snapshots.push(s);
        m['last-sequence-number'] = s['sequence-number'];
        break;
      }
      case 'set-snapshot-ref': {
        const snap = m.snapshots.find((x) => x['snapshot-id'] === u['snapshot-id']);
        if (!snap) throw new Error(`snapshot ${u['snapshot-id']} not found`);
        m.refs[u['ref-name']] = { 'snapshot-id': u['snapshot-id'], type: u.type };
        if (u['ref-name'] === 'main') {
          m['current-snapshot-id'] = u['snapshot-id'];
          m['snapshot-log'].push({ 'timestamp-ms': snap['timestamp-ms'], 'snapshot-id': u['snapshot-id'] });
        }
        break;
      }
      case 'remove-snapshot-ref':
        delete m.refs[u['ref-name']];
        if (u['ref-name'] === 'main') m['current-snapshot-id'] = null;
        break;
      case 'remove-snapshots': {
        const gone = new Set(u['snapshot-ids']);
        if (m['current-snapshot-id'] && gone.has(m['current-snapshot-id']))
          throw new Error('cannot remove the current snapshot');
        m.snapshots = m.snapshots.filter((s) => !gone.has(s['snapshot-id']));
        m['snapshot-log'] = m['snapshot-log'].filter((e) => !gone.has(e['snapshot-id']));
        for (const [name, ref] of Object.entries(m.refs))
          if (gone.has(ref['snapshot-id'])) delete m.refs[name];
        break;
      }
      case 'set-location':
        m.location = u.location;
        break;
      case 'set-properties':
        Object.assign(m.properties, u.updates);
        break;
      case 'remove-properties':
        for (const k of u.removals) delete m.properties[k];
        break;
    }
  }
  m['last-updated-ms'] = nowMs;
  return m;
}
