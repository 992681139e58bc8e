import { describe, expect, it } from 'vitest';
import { CommitFailedError } from '../errors.js';
import { newTableMetadata, parseMetadata, serializeMetadata } from './metadata.js';
import { bindPartitionSpec } from './partitioning.js';
import { bindSchema } from './schema.js';
import type { Snapshot } from './types.js';
import { applyUpdates, validateRequirement } from './updates.js';

function fresh() {
  const { schema, lastColumnId } = bindSchema([{ name: 'ts', type: 'timestamptz', required: true }]);
  const { spec, lastPartitionId } = bindPartitionSpec([{ source: 'ts', transform: 'hour' }], schema);
  return newTableMetadata({ location: '/w/t', schema, lastColumnId, spec, lastPartitionId, nowMs: 1 });
}

const snap = (id: string, seq: string, parent?: string): Snapshot => ({
  'snapshot-id': id,
  ...(parent ? { 'parent-snapshot-id': parent } : {}),
  'sequence-number': seq,
  'timestamp-ms': 1000 + Number(seq),
  'manifest-list': `/w/t/metadata/snap-${id}.avro`,
  summary: { operation: 'append' },
  'schema-id': 0,
});

describe('table metadata', () => {
  it('has every required v2 field and round-trips 63-bit ids through JSON as numbers', () => {
    const big = '9123456789012345678';
    const m = applyUpdates(fresh(), [
      { action: 'add-snapshot', snapshot: snap(big, '1') },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': big },
    ]);
    const text = serializeMetadata(m);
    expect(text).toContain(`"current-snapshot-id": ${big}`);
    expect(text).toContain(`"snapshot-id": ${big}`);
    const raw = JSON.parse(text) as Record<string, unknown>;
    for (const k of [
      'format-version',
      'table-uuid',
      'location',
      'last-sequence-number',
      'last-updated-ms',
      'last-column-id',
      'schemas',
      'current-schema-id',
      'partition-specs',
      'default-spec-id',
      'last-partition-id',
      'properties',
      'current-snapshot-id',
      'snapshots',
      'snapshot-log',
      'metadata-log',
      'sort-orders',
      'default-sort-order-id',
      'refs',
    ])
      expect(raw).toHaveProperty(k);
    expect(raw['format-version']).toBe(2);
    expect(raw['sort-orders']).toEqual([{ 'order-id': 0, fields: [] }]);
    expect(parseMetadata(text)).toEqual(m);
    expect(parseMetadata(text)['current-snapshot-id']).toBe(big);
  });

  it('applyUpdates is a pure fold', () => {
    const base = fresh();
    const copy = structuredClone(base);
    const m1 = applyUpdates(
      base,
      [
        { action: 'add-snapshot', snapshot: snap('11', '1') },
        { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': '11' },
      ],
      5,
    );
    expect(base).toEqual(copy);
    expect(m1['current-snapshot-id']).toBe('11');
    expect(m1['last-sequence-number']).toBe('1');
    expect(m1['last-updated-ms']).toBe(5);
    expect(m1['snapshot-log']).toEqual([{ 'timestamp-ms': 1001, 'snapshot-id': '11' }]);
    expect(m1.refs.main).toEqual({ 'snapshot-id': '11', type: 'branch' });
    const m2 = applyUpdates(m1, [
      { action: 'add-snapshot', snapshot: snap('12', '2', '11') },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': '12' },
      { action: 'remove-snapshots', 'snapshot-ids': ['11'] },
      { action: 'set-properties', updates: { a: 'b' } },
    ]);
    expect(m2.snapshots.map((s) => s['snapshot-id'])).toEqual(['12']);
    expect(m2['snapshot-log'].map((e) => e['snapshot-id'])).toEqual(['12']);
    expect(m2.properties.a).toBe('b');
    // stale sequence number → conflict
    expect(() => applyUpdates(m2, [{ action: 'add-snapshot', snapshot: snap('13', '2') }])).toThrow(
      CommitFailedError,
    );
    expect(() => applyUpdates(m2, [{ action: 'remove-snapshots', 'snapshot-ids': ['12'] }])).toThrow(
      /current/,
    );
  });

  it('adds schemas and specs with new ids', () => {
    const base = fresh();
    const { schema, lastColumnId } = bindSchema(
      [
        { name: 'ts', type: 'timestamptz', required: true },
        { name: 'x', type: 'string' },
      ],
      {
        schema: base.schemas[0]!,
        lastColumnId: base['last-column-id'],
      },
    );
    const m = applyUpdates(base, [
      { action: 'add-schema', schema, 'last-column-id': lastColumnId },
      { action: 'set-current-schema', 'schema-id': -1 },
      {
        action: 'add-spec',
        spec: {
          'spec-id': 9,
          fields: [{ 'source-id': 1, 'field-id': 1001, name: 'ts_day', transform: 'day' }],
        },
      },
      { action: 'set-default-spec', 'spec-id': -1 },
    ]);
    expect(m['current-schema-id']).toBe(1);
    expect(m['last-column-id']).toBe(2);
    expect(m['default-spec-id']).toBe(1);
    expect(m['last-partition-id']).toBe(1001);
  });

  it('validates requirements', () => {
    const m = fresh();
    expect(() => validateRequirement({ type: 'assert-create' }, m)).toThrow(CommitFailedError);
    expect(() => validateRequirement({ type: 'assert-create' }, null)).not.toThrow();
    expect(() =>
      validateRequirement({ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }, m),
    ).not.toThrow();
    expect(() =>
      validateRequirement({ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': '1' }, m),
    ).toThrow(CommitFailedError);
    expect(() => validateRequirement({ type: 'assert-table-uuid', uuid: 'x' }, m)).toThrow(CommitFailedError);
    expect(() =>
      validateRequirement({ type: 'assert-current-schema-id', 'current-schema-id': 0 }, m),
    ).not.toThrow();
  });
});
