import { describe, expect, it } from 'vitest';
import { SchemaEvolutionError } from '../errors.js';
import { bindSchema, findFieldByPath, indexById } from './schema.js';
import type { UnboundField } from './types.js';

const base: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  {
    name: 'event',
    type: {
      type: 'struct',
      fields: [
        { name: 'action', type: 'string' },
        { name: 'n', type: 'int' },
      ],
    },
  },
  { name: 'tags', type: { type: 'list', element: 'string' } },
  { name: 'labels', type: { type: 'map', key: 'string', value: 'string' } },
  { name: 'score', type: 'float' },
];

describe('bindSchema', () => {
  it('assigns fresh ids breadth-first, deterministically', () => {
    const a = bindSchema(base);
    const b = bindSchema(base);
    expect(a).toEqual(b);
    expect(a.schema.fields.map((f) => f.id)).toEqual([1, 2, 3, 4, 5]);
    expect(findFieldByPath(a.schema, 'event.action')!.id).toBe(6);
    expect(findFieldByPath(a.schema, 'event.n')!.id).toBe(7);
    const tags = a.schema.fields[2]!.type as { 'element-id': number };
    expect(tags['element-id']).toBe(8);
    const labels = a.schema.fields[3]!.type as { 'key-id': number; 'value-id': number };
    expect([labels['key-id'], labels['value-id']]).toEqual([9, 10]);
    expect(a.lastColumnId).toBe(10);
    expect(a.schema['schema-id']).toBe(0);
    expect(a.schema.fields[0]!.required).toBe(true);
    expect(a.schema.fields[1]!.required).toBe(false);
  });

  it('keeps ids when evolving, adds new ids above last-column-id, keeps removed fields', () => {
    const v1 = bindSchema(base);
    const evolved: UnboundField[] = [
      { name: 'ts', type: 'timestamptz', required: true },
      {
        name: 'event',
        type: {
          type: 'struct',
          fields: [
            { name: 'action', type: 'string' },
            { name: 'n', type: 'long' },
            { name: 'kind', type: 'string' },
          ],
        },
      },
      { name: 'host', type: 'string' },
      { name: 'score', type: 'double' },
    ];
    const v2 = bindSchema(evolved, v1);
    expect(v2.schema['schema-id']).toBe(1);
    expect(findFieldByPath(v2.schema, 'ts')!.id).toBe(1);
    expect(findFieldByPath(v2.schema, 'event.action')!.id).toBe(6);
    expect(findFieldByPath(v2.schema, 'event.n')).toMatchObject({ id: 7, type: 'long' });
    expect(findFieldByPath(v2.schema, 'score')).toMatchObject({ id: 5, type: 'double' });
    expect(findFieldByPath(v2.schema, 'event.kind')!.id).toBeGreaterThan(10);
    expect(findFieldByPath(v2.schema, 'host')!.id).toBeGreaterThan(10);
    // removed from config, kept in the table
    expect(findFieldByPath(v2.schema, 'tags')!.id).toBe(3);
    expect(findFieldByPath(v2.schema, 'labels')!.id).toBe(4);
    expect(v2.lastColumnId).toBe(12);
    const ids = [...indexById(v2.schema).keys()];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('returns the same schema when nothing changed', () => {
    const v1 = bindSchema(base);
    const again = bindSchema(base, v1);
    expect(again.schema).toBe(v1.schema);
    expect(again.lastColumnId).toBe(v1.lastColumnId);
  });

  it('rejects disallowed changes naming the field', () => {
    const v1 = bindSchema(base);
    const bad = (fields: UnboundField[]) => () => bindSchema(fields, v1);
    expect(bad([{ name: 'score', type: 'string' }])).toThrow(SchemaEvolutionError);
    expect(bad([{ name: 'score', type: 'string' }])).toThrow(/score/);
    expect(
      bad([{ name: 'event', type: { type: 'struct', fields: [{ name: 'n', type: 'string' }] } }]),
    ).toThrow(/event\.n/);
    expect(bad([{ name: 'tags', type: 'string' }])).toThrow(/tags/);
    expect(bad([{ name: 'newreq', type: 'string', required: true }])).toThrow(/newreq/);
    expect(bad([{ name: 'score', type: 'float', required: true }])).toThrow(/score/);
    try {
      bindSchema([{ name: 'event', type: { type: 'struct', fields: [{ name: 'n', type: 'double' }] } }], v1);
    } catch (e) {
      expect((e as SchemaEvolutionError).field).toBe('event.n');
    }
  });

  it('allows decimal precision widening only', () => {
    const v1 = bindSchema([{ name: 'd', type: 'decimal(9, 2)' }]);
    expect(bindSchema([{ name: 'd', type: 'decimal(18, 2)' }], v1).schema.fields[0]!.type).toBe(
      'decimal(18, 2)',
    );
    expect(() => bindSchema([{ name: 'd', type: 'decimal(18, 3)' }], v1)).toThrow(SchemaEvolutionError);
    expect(() => bindSchema([{ name: 'd', type: 'decimal(5, 2)' }], v1)).toThrow(SchemaEvolutionError);
  });
});
