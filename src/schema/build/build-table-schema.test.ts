import { describe, expect, it } from 'vitest';
import type { UnboundField } from '../../lake/iceberg/types.js';
import { EcsFieldError, SchemaBuildError } from '../ecs/index.js';
import { buildTableSchema, describeType, mergeUnboundFields, parseIcebergFields } from './index.js';

const names = (fields: UnboundField[]) => fields.map((f) => f.name);
const field = (fields: UnboundField[], dotted: string): UnboundField | undefined => {
  let current: UnboundField[] = fields;
  let found: UnboundField | undefined;
  for (const part of dotted.split('.')) {
    found = current.find((f) => f.name === part);
    if (!found) return undefined;
    const t = found.type;
    current =
      typeof t === 'object' && t.type === 'struct'
        ? t.fields
        : typeof t === 'object' &&
            t.type === 'list' &&
            typeof t.element === 'object' &&
            t.element.type === 'struct'
          ? t.element.fields
          : [];
  }
  return found;
};

describe('buildTableSchema', () => {
  it('always has ts (required timestamptz) first, labels and tags', () => {
    const schema = buildTableSchema({ ecsFieldNames: [], fields: [] });
    expect(schema).toEqual([
      { name: 'ts', type: 'timestamptz', required: true },
      { name: 'labels', type: { type: 'map', key: 'string', value: 'string' } },
      { name: 'tags', type: { type: 'list', element: 'string' } },
    ]);
  });

  it('builds nested structs from single fields, in config order', () => {
    const schema = buildTableSchema({
      ecsFieldNames: ['user.name', 'source.ip', 'source.port', 'event.category'],
      fields: [],
    });
    expect(names(schema)).toEqual(['ts', 'user', 'source', 'event', 'labels', 'tags']);
    expect(field(schema, 'source')!.type).toEqual({
      type: 'struct',
      fields: [
        { name: 'ip', type: 'string' },
        { name: 'port', type: 'long' },
      ],
    });
    expect(field(schema, 'event.category')!.type).toEqual({ type: 'list', element: 'string' });
  });

  it('expands whole field sets, with ECS arrays of objects as list<struct>', () => {
    const schema = buildTableSchema({ ecsFieldNames: ['dns'], fields: [] });
    const dns = field(schema, 'dns')!;
    expect(describeType(field(schema, 'dns.answers')!.type)).toBe(
      'list<struct<class: string, data: string, name: string, ttl: long, type: string>>',
    );
    expect(field(schema, 'dns.question.name')!.type).toBe('string');
    expect(field(schema, 'dns.resolved_ip')!.type).toEqual({ type: 'list', element: 'string' });
    expect(typeof dns.type === 'object' && dns.type.type).toBe('struct');
  });

  it('keeps the ECS shape of parents when selecting one sub-field', () => {
    const schema = buildTableSchema({ ecsFieldNames: ['dns.answers.name'], fields: [] });
    expect(field(schema, 'dns.answers')!.type).toEqual({
      type: 'list',
      element: { type: 'struct', fields: [{ name: 'name', type: 'string' }] },
    });
  });

  it('maps geo_point, labels-like maps, nested and flattened fields', () => {
    const schema = buildTableSchema({
      ecsFieldNames: [
        'source.geo.location',
        'container.labels',
        'threat.enrichments.indicator.ip',
        'log.syslog.structured_data',
      ],
      fields: [],
    });
    expect(describeType(field(schema, 'source.geo.location')!.type)).toBe('struct<lat: double, lon: double>');
    expect(describeType(field(schema, 'container.labels')!.type)).toBe('map<string, string>');
    expect(describeType(field(schema, 'threat.enrichments')!.type)).toBe(
      'list<struct<indicator: struct<ip: string>>>',
    );
    expect(field(schema, 'log.syslog.structured_data')!.type).toBe('string');
  });

  it('accepts Matano-era names: geo_point lat/lon and top-level reusable field sets', () => {
    const schema = buildTableSchema({
      ecsFieldNames: ['source.geo.location.lat', 'source.geo.location.lon', 'geo.city_name', 'os.version'],
      fields: [],
    });
    expect(describeType(field(schema, 'source')!.type)).toBe(
      'struct<geo: struct<location: struct<lat: double, lon: double>>>',
    );
    expect(field(schema, 'geo.city_name')!.type).toBe('string');
    expect(field(schema, 'os.version')!.type).toBe('string');
  });

  it('treats ts and @timestamp as the ts column', () => {
    const schema = buildTableSchema({ ecsFieldNames: ['@timestamp', 'ts', 'message'], fields: [] });
    expect(names(schema)).toEqual(['ts', 'message', 'labels', 'tags']);
  });

  it('merges custom fields over ECS ones (custom wins; structs merge recursively)', () => {
    const schema = buildTableSchema({
      ecsFieldNames: ['source.ip', 'source.port'],
      fields: [
        {
          name: 'source',
          type: {
            type: 'struct',
            fields: [
              { name: 'port', type: 'int' },
              { name: 'zone', type: 'string' },
            ],
          },
        },
        { name: 'aws', type: { type: 'struct', fields: [{ name: 'account', type: 'string' }] } },
        { name: 'tags', type: { type: 'list', element: 'string' }, doc: 'custom tags' },
      ],
    });
    expect(names(schema)).toEqual(['ts', 'source', 'aws', 'tags', 'labels']);
    expect(field(schema, 'source')!.type).toEqual({
      type: 'struct',
      fields: [
        { name: 'ip', type: 'string' },
        { name: 'port', type: 'int' },
        { name: 'zone', type: 'string' },
      ],
    });
    expect(field(schema, 'tags')!.doc).toBe('custom tags');
  });

  it('accepts a custom ts only as a timestamp', () => {
    const schema = buildTableSchema({
      ecsFieldNames: [],
      fields: [{ name: 'ts', type: 'timestamp', doc: 'event time' }],
    });
    expect(schema[0]).toEqual({ name: 'ts', type: 'timestamptz', required: true, doc: 'event time' });
    expect(() => buildTableSchema({ ecsFieldNames: [], fields: [{ name: 'ts', type: 'string' }] })).toThrow(
      SchemaBuildError,
    );
  });

  it('throws EcsFieldError listing every unknown name with suggestions', () => {
    let error: unknown;
    try {
      buildTableSchema({ ecsFieldNames: ['dns', 'sorce.ip', 'evnt'], fields: [] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EcsFieldError);
    const e = error as EcsFieldError;
    expect(e.unknown.map((u) => [u.name, u.index])).toEqual([
      ['sorce.ip', 1],
      ['evnt', 2],
    ]);
    expect(e.unknown[0]!.suggestions[0]).toBe('source.ip');
    expect(e.unknown[1]!.suggestions).toContain('event');
    expect(e.message).toMatch(/did you mean `source\.ip`/);
  });

  it('is deterministic and does not share objects between calls', () => {
    const a = buildTableSchema({ ecsFieldNames: ['dns', 'host'], fields: [] });
    const b = buildTableSchema({ ecsFieldNames: ['dns', 'host'], fields: [] });
    expect(a).toEqual(b);
    (a[0] as { name: string }).name = 'changed';
    expect(buildTableSchema({ ecsFieldNames: [], fields: [] })[0]!.name).toBe('ts');
  });
});

describe('mergeUnboundFields', () => {
  it('merges lists of structs element-wise and appends new fields', () => {
    const base: UnboundField[] = [
      {
        name: 'a',
        type: { type: 'list', element: { type: 'struct', fields: [{ name: 'x', type: 'string' }] } },
      },
    ];
    const merged = mergeUnboundFields(base, [
      {
        name: 'a',
        type: { type: 'list', element: { type: 'struct', fields: [{ name: 'y', type: 'long' }] } },
      },
      { name: 'b', type: 'boolean' },
    ]);
    expect(describeType({ type: 'struct', fields: merged })).toBe(
      'struct<a: list<struct<x: string, y: long>>, b: boolean>',
    );
    expect(describeType({ type: 'struct', fields: base })).toBe('struct<a: list<struct<x: string>>>');
  });
});

describe('parseIcebergFields (Matano schema.fields)', () => {
  it('parses primitives, struct, list, map and Iceberg keys', () => {
    const fields = parseIcebergFields([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'decimal( 10 ,2)', required: true, doc: 'money' },
      { name: 'c', type: 'fixed[16]' },
      {
        id: 7,
        name: 'd',
        type: { type: 'list', 'element-id': 8, element: 'long', 'element-required': true },
      },
      {
        name: 'e',
        type: {
          type: 'map',
          key: 'string',
          value: { type: 'struct', fields: [{ name: 'x', type: 'uuid' }] },
          'value-required': false,
        },
      },
      { name: 'f', type: { type: 'struct', fields: [{ name: 'g', type: 'timestamptz' }] } },
    ]);
    expect(fields).toEqual([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'decimal(10, 2)', required: true, doc: 'money' },
      { name: 'c', type: 'fixed[16]' },
      { name: 'd', type: { type: 'list', element: 'long', elementRequired: true } },
      {
        name: 'e',
        type: {
          type: 'map',
          key: 'string',
          value: { type: 'struct', fields: [{ name: 'x', type: 'uuid' }] },
        },
      },
      { name: 'f', type: { type: 'struct', fields: [{ name: 'g', type: 'timestamptz' }] } },
    ]);
  });

  it('rejects unknown types and keys', () => {
    expect(() => parseIcebergFields([{ name: 'a', type: 'strng' }])).toThrow();
    expect(() =>
      parseIcebergFields([{ name: 'a', type: { type: 'struct', fields: [], extra: 1 } }]),
    ).toThrow();
    expect(() => parseIcebergFields([{ name: 'a.b', type: 'string' }])).toThrow();
  });
});
