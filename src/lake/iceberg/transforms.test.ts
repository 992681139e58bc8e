import { describe, expect, it } from 'vitest';
import { murmur3x86_32 } from './murmur3.js';
import {
  bindPartitionSpec,
  parsePartitionExpression,
  partitionFieldTypes,
  partitionPath,
} from './partitioning.js';
import { bindSchema } from './schema.js';
import { humanString, transformFn } from './transforms.js';
import { toBytes } from './conversions.js';

const US = (iso: string) => Date.parse(iso) * 1000;

describe('transforms', () => {
  it('time transforms follow the spec (floor for pre-epoch values)', () => {
    const ts = US('2024-03-05T10:30:00Z');
    expect(transformFn('hour', 'timestamptz')(ts)).toBe(Math.floor(ts / 3_600_000_000));
    expect(transformFn('day', 'timestamptz')(ts)).toBe(19787);
    expect(transformFn('month', 'timestamptz')(ts)).toBe((2024 - 1970) * 12 + 2);
    expect(transformFn('year', 'timestamptz')(ts)).toBe(54);
    expect(transformFn('hour', 'timestamptz')(-1)).toBe(-1);
    expect(transformFn('day', 'timestamp')(-1)).toBe(-1);
    expect(transformFn('month', 'date')(-1)).toBe(-1);
    expect(transformFn('year', 'date')(-1)).toBe(-1);
    expect(transformFn('day', 'date')(17486)).toBe(17486);
    expect(transformFn('hour', 'timestamptz')(null)).toBe(null);
    expect(transformFn('void', 'string')('x')).toBe(null);
  });

  it('human strings', () => {
    const ts = US('2024-01-01T10:00:00Z');
    expect(humanString('hour', 'int', transformFn('hour', 'timestamptz')(ts))).toBe('2024-01-01-10');
    expect(humanString('day', 'date', transformFn('day', 'timestamptz')(ts))).toBe('2024-01-01');
    expect(humanString('month', 'int', transformFn('month', 'timestamptz')(ts))).toBe('2024-01');
    expect(humanString('year', 'int', transformFn('year', 'timestamptz')(ts))).toBe('2024');
    expect(humanString('identity', 'string', null)).toBe('null');
  });

  it('bucket hashes match the spec appendix B vectors', () => {
    expect(murmur3x86_32(toBytes('long', 34))).toBe(2017239379);
    expect(murmur3x86_32(toBytes('string', 'iceberg'))).toBe(1210000089);
    expect(murmur3x86_32(toBytes('uuid', 'f79c3e09-677c-4bbd-a479-3f349cb785e7'))).toBe(1488055340);
    expect(murmur3x86_32(Uint8Array.of(0, 1, 2, 3))).toBe(-188683207);
    expect(murmur3x86_32(toBytes('decimal(4, 2)', '14.20'))).toBe(-500754589);
    expect(murmur3x86_32(toBytes('long', 17486))).toBe(-653330422);
    expect(murmur3x86_32(toBytes('long', (22 * 3600 + 31 * 60 + 8) * 1_000_000))).toBe(-662762989);
    expect(murmur3x86_32(toBytes('long', US('2017-11-16T22:31:08Z')))).toBe(-2047944441);
    expect(transformFn('bucket[16]', 'int')(34)).toBe(2017239379 % 16);
    expect(transformFn('bucket[16]', 'date')(17486)).toBe((-653330422 & 0x7fffffff) % 16);
  });

  it('truncate', () => {
    expect(transformFn('truncate[10]', 'int')(1)).toBe(0);
    expect(transformFn('truncate[10]', 'int')(-1)).toBe(-10);
    expect(transformFn('truncate[10]', 'long')(-1)).toBe(-10);
    expect(transformFn('truncate[50]', 'decimal(9, 2)')('10.65')).toBe('10.50');
    expect(transformFn('truncate[3]', 'string')('iceberg')).toBe('ice');
    expect(transformFn('truncate[2]', 'string')('😀😁x')).toBe('😀😁');
  });

  it('binds partition specs with ids from 1000 and paths', () => {
    const { schema } = bindSchema([
      { name: 'ts', type: 'timestamptz', required: true },
      { name: 'event', type: { type: 'struct', fields: [{ name: 'dataset', type: 'string' }] } },
    ]);
    const { spec, lastPartitionId } = bindPartitionSpec(
      [
        { source: 'ts', transform: 'hour' },
        { source: 'event.dataset', transform: 'identity' },
      ],
      schema,
    );
    expect(spec).toEqual({
      'spec-id': 0,
      fields: [
        { 'source-id': 1, 'field-id': 1000, name: 'ts_hour', transform: 'hour' },
        { 'source-id': 3, 'field-id': 1001, name: 'event_dataset', transform: 'identity' },
      ],
    });
    expect(lastPartitionId).toBe(1001);
    const pf = partitionFieldTypes(spec, schema);
    expect(pf.map((f) => f.resultType)).toEqual(['int', 'string']);
    expect(partitionPath(pf, [transformFn('hour', 'timestamptz')(US('2024-01-01T10:00:00Z')), 'a b/c'])).toBe(
      'ts_hour=2024-01-01-10/event_dataset=a%20b%2Fc',
    );
    // same spec again → same spec id; changed → next id, field id reused for the same source+transform
    expect(
      bindPartitionSpec(
        [
          { source: 'ts', transform: 'hour' },
          { source: 'event.dataset', transform: 'identity' },
        ],
        schema,
        { specs: [spec], lastPartitionId },
      ).spec,
    ).toBe(spec);
    const day = bindPartitionSpec(
      [
        { source: 'ts', transform: 'day' },
        { source: 'event.dataset', transform: 'identity' },
      ],
      schema,
      { specs: [spec], lastPartitionId },
    );
    expect(day.spec['spec-id']).toBe(1);
    expect(day.spec.fields.map((f) => f['field-id'])).toEqual([1002, 1001]);
    expect(() => bindPartitionSpec([{ source: 'nope', transform: 'hour' }], schema)).toThrow(/nope/);
    expect(() => bindPartitionSpec([{ source: 'event.dataset', transform: 'hour' }], schema)).toThrow(/hour/);
  });

  it('parses partition expressions', () => {
    expect(parsePartitionExpression('hour(ts)')).toEqual({ source: 'ts', transform: 'hour' });
    expect(parsePartitionExpression('days(ts)')).toEqual({ source: 'ts', transform: 'day' });
    expect(parsePartitionExpression('event.dataset')).toEqual({
      source: 'event.dataset',
      transform: 'identity',
    });
    expect(parsePartitionExpression('bucket[16](user.name)')).toEqual({
      source: 'user.name',
      transform: 'bucket[16]',
    });
    expect(parsePartitionExpression('truncate(4, x)')).toEqual({ source: 'x', transform: 'truncate[4]' });
    expect(() => parsePartitionExpression('hour(ts')).toThrow(/hour\(ts/);
  });
});
